// The admin page's children section (served as /admin/client/children.js): the roster of a site with bracelets,
// face consents (record, revoke), template counts and twin flags, adding and removing children, and each child's
// authorised pickups (pickups.ts), in the admin's language. Each change is followed by a refresh of the audit log, which records it.
import { $, api, esc, marked, paint, quietly, say, type Schemas } from './dom.js';
import { formatDay, t } from './locale.js';
import { showPickups } from './pickups.js';

let afterChange: () => Promise<void> = async () => undefined;

const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

function rosterHtml(children: Schemas['ChildAdmin'][]): string {
  if (children.length === 0) return `<p>${esc(t('children.none'))}</p>`;
  const nameOf = new Map(children.map((c) => [c.childId, c.displayName]));
  const th = (key: Parameters<typeof t>[0]): string => `<th>${esc(t(key))}</th>`;
  return (
    '<table><tr>' +
    th('children.col.name') +
    th('children.col.group') +
    th('children.col.bracelets') +
    th('children.col.consent') +
    th('children.col.templates') +
    th('children.col.twin') +
    '<th></th></tr>' +
    children
      .map((c) => {
        const active = c.consents.filter((k) => k.active);
        const past = c.consents.filter((k) => !k.active);
        return (
          `<tr><td>${esc(c.displayName)}</td><td>${esc(c.group)}</td><td>${c.bracelets.map(esc).join('<br>')}</td><td>` +
          (active.length
            ? active
                .map(
                  (k) =>
                    `${esc(t('children.consentUntil', { guardian: k.guardianName, date: formatDay(k.expiresOn) }))} ` +
                    `<button data-revoke-consent="${esc(k.consentId)}">${esc(t('children.revoke'))}</button>`,
                )
                .join('<br>')
            : `<input data-guardian="${esc(c.childId)}" placeholder="${esc(t('children.guardian'))}"> ` +
              `<input data-relation="${esc(c.childId)}" placeholder="${esc(t('children.relation'))}" size="8"> ` +
              `<button data-grant="${esc(c.childId)}">${esc(t('children.recordConsent'))}</button>`) +
          (past.length
            ? `<br><small>${past
                .map((k) =>
                  esc(
                    k.revokedOn
                      ? t('children.withdrew', { guardian: k.guardianName, date: formatDay(k.revokedOn) })
                      : t('children.expired', { guardian: k.guardianName, date: formatDay(k.expiresOn) }),
                  ),
                )
                .join('; ')}</small>`
            : '') +
          `</td><td>${c.templateCount}</td><td>` +
          (c.twinOf
            ? `${c.twinOf.map((id) => esc(nameOf.get(id) ?? id)).join(', ')} <button data-untwin="${esc(c.childId)}">${esc(t('children.clearTwin'))}</button>`
            : '—') +
          `</td><td><button data-pickups="${esc(c.childId)}">${esc(t('children.pickups'))}</button> ` +
          `<button data-remove="${esc(c.childId)}">${esc(t('children.remove'))}</button></td></tr>`
        );
      })
      .join('') +
    '</table>'
  );
}

export async function loadChildren(siteId: string): Promise<void> {
  const children = (await api<Schemas['ChildAdmin'][]>('GET', `/admin/v1/sites/${siteId}/children`)).filter((c) => c.removedAtMs === null);
  const changed = (p: Promise<unknown>) => quietly(p.then(() => Promise.all([loadChildren(siteId), afterChange()])));
  const nameOf = (childId: string): string => children.find((c) => c.childId === childId)?.displayName ?? childId;
  const valueOf = (attr: string, childId: string): string =>
    (marked(attr).find(([, id]) => id === childId)?.[0] as HTMLInputElement | undefined)?.value.trim() ?? '';
  paint(
    'children',
    () => rosterHtml(children),
    () => {
      for (const [b, childId] of marked('grant')) {
        b.addEventListener('click', () => {
          const guardianName = valueOf('guardian', childId);
          if (!guardianName) return say(() => t('status.guardianMissing'), false);
          const relation = valueOf('relation', childId);
          changed(
            api('POST', `/admin/v1/children/${childId}/consents`, {
              guardianName,
              ...(relation ? { guardianRelation: relation } : {}),
              grantedOn: day(Date.now()),
              expiresOn: day(Date.now() + 364 * 864e5),
            }),
          );
        });
      }
      for (const [b, consentId] of marked('revoke-consent')) {
        b.addEventListener('click', () => {
          if (!confirm(t('confirm.revokeConsent'))) return;
          changed(api('POST', `/admin/v1/consents/${consentId}/revoke`));
        });
      }
      for (const [b, childId] of marked('untwin')) {
        b.addEventListener('click', () => {
          if (!confirm(t('confirm.clearTwin'))) return;
          changed(api('POST', `/admin/v1/children/${childId}/twins/clear`));
        });
      }
      for (const [b, childId] of marked('pickups')) {
        b.addEventListener('click', () => quietly(showPickups(childId, nameOf(childId), afterChange)));
      }
      for (const [b, childId] of marked('remove')) {
        b.addEventListener('click', () => {
          if (!confirm(t('confirm.removeChild'))) return;
          changed(api('POST', `/admin/v1/children/${childId}/remove`));
        });
      }
    },
  );
}

/** Wires the "Add child" form; `onChange` runs after every change this section makes. */
export function setUpChildren(site: () => string, onChange: () => Promise<void>): void {
  afterChange = onChange;
  $<HTMLFormElement>('newChild').addEventListener('submit', (e) => {
    e.preventDefault();
    const f = e.target as HTMLFormElement;
    const field = (name: string): string => (f.elements.namedItem(name) as HTMLInputElement).value;
    const bracelet = field('bracelet');
    quietly(
      api('POST', `/admin/v1/sites/${site()}/children`, {
        displayName: field('displayName'),
        group: field('group'),
        bracelets: bracelet ? [bracelet] : [],
      }).then(() => loadChildren(site())),
    );
  });
}
