// The admin page's children section (served as /admin/client/children.js): the roster of a site with bracelets,
// face consents (record, revoke), template counts and twin flags, adding and removing children. Each change is
// followed by a refresh of the audit log, which records it.
import { $, api, esc, marked, quietly, say, type Schemas } from './dom.js';

let afterChange: () => Promise<void> = async () => undefined;

const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

export async function loadChildren(siteId: string): Promise<void> {
  const children = (await api<Schemas['ChildAdmin'][]>('GET', `/admin/v1/sites/${siteId}/children`)).filter((c) => c.removedAtMs === null);
  const nameOf = new Map(children.map((c) => [c.childId, c.displayName]));
  $('children').innerHTML = '<table><tr><th>Name</th><th>Group</th><th>Bracelets</th><th>Face consent</th><th>Templates</th><th>Twin of (face and bracelet)</th><th></th></tr>' +
    children.map((c) => {
      const active = c.consents.filter((k) => k.active);
      const past = c.consents.filter((k) => !k.active);
      return `<tr><td>${esc(c.displayName)}</td><td>${esc(c.group)}</td><td>${c.bracelets.map(esc).join('<br>')}</td><td>` +
        (active.length
          ? active.map((k) => `${esc(k.guardianName)} until ${esc(k.expiresOn)} <button data-revoke-consent="${esc(k.consentId)}">Revoke</button>`).join('<br>')
          : `<input data-guardian="${esc(c.childId)}" placeholder="Guardian name"> <input data-relation="${esc(c.childId)}" placeholder="Relation" size="8"> <button data-grant="${esc(c.childId)}">Record consent</button>`) +
        (past.length ? `<br><small>${past.map((k) => esc(k.guardianName) + (k.revokedOn ? ` withdrew ${esc(k.revokedOn)}` : ` expired ${esc(k.expiresOn)}`)).join('; ')}</small>` : '') +
        `</td><td>${c.templateCount}</td><td>` +
        (c.twinOf ? `${c.twinOf.map((id) => esc(nameOf.get(id) ?? id)).join(', ')} <button data-untwin="${esc(c.childId)}">Clear</button>` : '—') +
        `</td><td><button data-remove="${esc(c.childId)}">Remove</button></td></tr>`;
    }).join('') + '</table>';

  const changed = (p: Promise<unknown>) => quietly(p.then(() => Promise.all([loadChildren(siteId), afterChange()])));
  const valueOf = (attr: string, childId: string): string =>
    (marked(attr).find(([, id]) => id === childId)?.[0] as HTMLInputElement | undefined)?.value.trim() ?? '';
  for (const [b, childId] of marked('grant')) {
    b.addEventListener('click', () => {
      const guardianName = valueOf('guardian', childId);
      if (!guardianName) return say('Enter the guardian who signed the consent.', false);
      const relation = valueOf('relation', childId);
      changed(api('POST', `/admin/v1/children/${childId}/consents`, {
        guardianName, ...(relation ? { guardianRelation: relation } : {}), grantedOn: day(Date.now()), expiresOn: day(Date.now() + 364 * 864e5),
      }));
    });
  }
  for (const [b, consentId] of marked('revoke-consent')) {
    b.addEventListener('click', () => {
      if (!confirm('Revoke this consent? The child\'s face templates are deleted now and on every tablet at its next sync.')) return;
      changed(api('POST', `/admin/v1/consents/${consentId}/revoke`));
    });
  }
  for (const [b, childId] of marked('untwin')) {
    b.addEventListener('click', () => {
      if (!confirm('Clear this twin flag? After their next sync the tablets no longer ask these children for face and bracelet together.')) return;
      changed(api('POST', `/admin/v1/children/${childId}/twins/clear`));
    });
  }
  for (const [b, childId] of marked('remove')) {
    b.addEventListener('click', () => {
      if (!confirm('Remove this child from the roster?')) return;
      changed(api('POST', `/admin/v1/children/${childId}/remove`));
    });
  }
}

/** Wires the "Add child" form; `onChange` runs after every change this section makes. */
export function setUpChildren(site: () => string, onChange: () => Promise<void>): void {
  afterChange = onChange;
  $<HTMLFormElement>('newChild').addEventListener('submit', (e) => {
    e.preventDefault();
    const f = e.target as HTMLFormElement;
    const field = (name: string): string => (f.elements.namedItem(name) as HTMLInputElement).value;
    const bracelet = field('bracelet');
    quietly(api('POST', `/admin/v1/sites/${site()}/children`, { displayName: field('displayName'), group: field('group'), bracelets: bracelet ? [bracelet] : [] })
      .then(() => loadChildren(site())));
  });
}
