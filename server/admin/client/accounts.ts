// The admin page's people section (served as /admin/client/accounts.js): the district's accounts with their role, site
// or children, passkeys and pending invitation; creating one (a director or teacher for the site chosen above, a parent
// for the children named by id), making its one-time invitation (the code and link shown once, to print or send), and
// disabling it, which signs the person out at once. Only a district admin (or the token) sees this section.
import { $, api, esc, marked, paint, quietly, say, when, type Schemas } from './dom.js';
import { t } from './locale.js';

let site: () => string = () => '';
let afterChange: () => Promise<void> = async () => undefined;

function tableHtml(accounts: Schemas['Account'][]): string {
  if (accounts.length === 0) return `<p>${esc(t('accounts.none'))}</p>`;
  return (
    `<table><tr><th>${esc(t('accounts.name'))}</th><th>${esc(t('accounts.role'))}</th><th>${esc(t('accounts.col.passkeys'))}</th><th></th></tr>` +
    accounts
      .map(
        (a) =>
          `<tr><td>${esc(a.displayName)}<br><small>${esc(a.accountId)}</small></td><td>${esc(t(`role.${a.role}`))}` +
          (a.siteId !== null ? `<br><small>${esc(a.siteId)}</small>` : '') +
          (a.childIds.length ? `<br><small>${a.childIds.map(esc).join(', ')}</small>` : '') +
          `</td><td>${a.passkeys}</td><td>` +
          (a.disabledAtMs !== null
            ? esc(t('accounts.disabled'))
            : `<button data-invite="${esc(a.accountId)}">${esc(t('accounts.invite'))}</button> <button data-disable="${esc(a.accountId)}">${esc(t('accounts.disable'))}</button>`) +
          '</td></tr>',
      )
      .join('') +
    '</table>'
  );
}

export async function loadAccounts(): Promise<void> {
  let accounts: Schemas['Account'][];
  try {
    accounts = await api<Schemas['Account'][]>('GET', '/admin/v1/accounts', undefined, { quiet: true });
  } catch {
    $('people').hidden = true; // not a district admin: the section is not theirs
    return;
  }
  $('people').hidden = false;
  paint(
    'accountsOut',
    () => tableHtml(accounts),
    () => {
      for (const [b, accountId] of marked('invite')) {
        b.addEventListener('click', () =>
          quietly(
            api<Schemas['Invitation']>('POST', `/admin/v1/accounts/${accountId}/invitations`).then((inv) => {
              const name = accounts.find((a) => a.accountId === accountId)?.displayName ?? accountId;
              paint('invitationOut', () =>
                esc(t('accounts.invitation', { name, time: when(inv.expiresAtMs), code: inv.code, link: inv.link })),
              );
              return loadAccounts().then(afterChange);
            }),
          ),
        );
      }
      for (const [b, accountId] of marked('disable')) {
        b.addEventListener('click', () => {
          if (!confirm(t('confirm.disableAccount'))) return;
          quietly(api('POST', `/admin/v1/accounts/${accountId}/disable`).then(loadAccounts).then(afterChange));
        });
      }
    },
  );
}

export function setUpAccounts(siteOf: () => string, changed: () => Promise<void>): void {
  site = siteOf;
  afterChange = changed;
  $<HTMLFormElement>('newAccount').addEventListener('submit', (e) => {
    e.preventDefault();
    const f = e.target as HTMLFormElement;
    const field = (name: string): string => (f.elements.namedItem(name) as HTMLInputElement).value.trim();
    const role = field('role') as Schemas['AccountRole'];
    const body: Schemas['AccountCreate'] = {
      displayName: field('personName'),
      role,
      ...(role === 'site-director' || role === 'teacher' ? { siteId: site() } : {}),
      ...(role === 'parent'
        ? {
            childIds: field('childIds')
              .split(/[\s,]+/)
              .filter((id) => id !== ''),
          }
        : {}),
    };
    quietly(
      api('POST', '/admin/v1/accounts', body).then(() => {
        say(() => t('status.connected'), true);
        f.reset();
        return loadAccounts().then(afterChange);
      }),
    );
  });
}
