// The admin page's pickups part (served as /admin/client/pickups.js), opened from a child's row: the adults allowed to
// collect the child (name, relation, cards, whether a pickup code is set, validity) and the child's do-not-release
// entries, with forms to add and buttons to remove them, in the admin's language. A pickup code goes to the server once
// and is never shown again (the server keeps only a salted hash). Each change is followed by `afterChange` (the audit log).
import { api, esc, marked, paint, quietly, say, type Schemas } from './dom.js';
import { formatDay, t } from './locale.js';

function validity(a: Schemas['PickupAdultAdmin']): string {
  if (a.validFrom !== null && a.validTo !== null) return t('pickups.fromTo', { from: formatDay(a.validFrom), to: formatDay(a.validTo) });
  if (a.validFrom !== null) return t('pickups.from', { from: formatDay(a.validFrom) });
  if (a.validTo !== null) return t('pickups.to', { to: formatDay(a.validTo) });
  return t('pickups.always');
}

/** A labelled field of a form (every control has its label). */
const field = (name: string, label: Parameters<typeof t>[0], attrs = ''): string =>
  `<label>${esc(t(label))} <input name="${name}" ${attrs}></label>`;

function pickupsHtml(childName: string, p: Schemas['ChildPickups']): string {
  const th = (key: Parameters<typeof t>[0]): string => `<th>${esc(t(key))}</th>`;
  const adults =
    p.adults.length === 0
      ? `<p>${esc(t('pickups.none'))}</p>`
      : '<table><tr>' +
        th('pickups.col.name') +
        th('pickups.col.relation') +
        th('pickups.col.cards') +
        th('pickups.col.code') +
        th('pickups.col.validity') +
        '<th></th></tr>' +
        p.adults
          .map(
            (a) =>
              `<tr><td>${esc(a.name)}</td><td>${esc(a.relation)}</td><td>${a.cards.map(esc).join('<br>')}</td>` +
              `<td>${esc(t(a.hasCode ? 'pickups.hasCode' : 'pickups.noCode'))}` +
              (a.codeExposedAtMs !== null
                ? ` <strong>${esc(t('pickups.codeExposed', { date: new Date(a.codeExposedAtMs).toISOString().slice(0, 10) }))}</strong>`
                : '') +
              (a.hasCode ? ` <button data-pickup-uncode="${esc(a.pickupId)}">${esc(t('pickups.removeCode'))}</button>` : '') +
              `</td><td>${esc(validity(a))}</td>` +
              `<td><button data-pickup-remove="${esc(a.pickupId)}">${esc(t('pickups.remove'))}</button></td></tr>`,
          )
          .join('') +
        '</table>';
  const denied =
    p.doNotRelease.length === 0
      ? `<p>${esc(t('pickups.deny.none'))}</p>`
      : '<table><tr>' +
        th('pickups.col.name') +
        th('pickups.deny.col.reason') +
        th('pickups.col.cards') +
        '<th></th></tr>' +
        p.doNotRelease
          .map(
            (e) =>
              `<tr><td>${esc(e.name)}</td><td>${esc(e.reason)}</td><td>${e.cards.map(esc).join('<br>')}</td>` +
              `<td><button data-deny-remove="${esc(e.entryId)}">${esc(t('pickups.remove'))}</button></td></tr>`,
          )
          .join('') +
        '</table>';
  return (
    `<h4>${esc(t('pickups.title', { child: childName }))} <button id="pickupsClose">${esc(t('pickups.close'))}</button></h4>` +
    `<p class="muted">${esc(t('pickups.intro'))}</p>` +
    adults +
    (p.adults.length < 4
      ? '<form id="pickupAdd" class="pickup-form">' +
        field('name', 'pickups.name', 'required maxlength="120"') +
        field('relation', 'pickups.relation', 'maxlength="60"') +
        field('card', 'pickups.card', 'size="28" pattern="[a-z0-9]+:[0-9A-F]{4,40}"') +
        field('code', 'pickups.code', 'inputmode="numeric" autocomplete="off" pattern="[0-9]{4,6}" size="8"') +
        field('validFrom', 'pickups.validFrom', 'type="date"') +
        field('validTo', 'pickups.validTo', 'type="date"') +
        ` <button>${esc(t('pickups.add'))}</button></form>`
      : '') +
    `<h4>${esc(t('pickups.deny.title'))}</h4>` +
    denied +
    '<form id="denyAdd" class="pickup-form">' +
    field('name', 'pickups.deny.name', 'required maxlength="120"') +
    field('reason', 'pickups.deny.reason', 'required maxlength="200" size="36"') +
    field('card', 'pickups.card', 'size="28" pattern="[a-z0-9]+:[0-9A-F]{4,40}"') +
    (p.guardians.length === 0
      ? ''
      : ` <label>${esc(t('pickups.deny.account'))} <select name="accountId"><option value="">${esc(t('pickups.deny.accountNone'))}</option>` +
        p.guardians.map((g) => `<option value="${esc(g.accountId)}">${esc(g.displayName)}</option>`).join('') +
        '</select></label>') +
    ` <button>${esc(t('pickups.deny.add'))}</button></form>` +
    (p.guardians.some((g) => g.barredBy !== null)
      ? `<p class="muted">${esc(
          t('pickups.deny.barred', {
            names: p.guardians
              .filter((g) => g.barredBy !== null)
              .map((g) => g.displayName)
              .join(', '),
          }),
        )}</p>`
      : '')
  );
}

/** Shows the pickups of one child in #pickups; `afterChange` runs after each change made there. */
export async function showPickups(childId: string, childName: string, afterChange: () => Promise<unknown>): Promise<void> {
  const p = await api<Schemas['ChildPickups']>('GET', `/admin/v1/children/${childId}/pickups`);
  const changed = (request: Promise<unknown>) =>
    quietly(
      request.then(() => {
        say(() => t('status.pickupSaved'), true);
        return Promise.all([showPickups(childId, childName, afterChange), afterChange()]);
      }),
    );
  paint(
    'pickups',
    () => pickupsHtml(childName, p),
    () => {
      document.getElementById('pickupsClose')?.addEventListener('click', () => paint('pickups', () => ''));
      document.getElementById('pickupAdd')?.addEventListener('submit', (e) => {
        e.preventDefault();
        const f = e.target as HTMLFormElement;
        const value = (name: string): string => (f.elements.namedItem(name) as HTMLInputElement).value.trim();
        changed(
          api('POST', `/admin/v1/children/${childId}/pickups`, {
            name: value('name'),
            ...(value('relation') ? { relation: value('relation') } : {}),
            ...(value('card') ? { cards: [value('card')] } : {}),
            ...(value('code') ? { code: value('code') } : {}),
            ...(value('validFrom') ? { validFrom: value('validFrom') } : {}),
            ...(value('validTo') ? { validTo: value('validTo') } : {}),
          }),
        );
      });
      document.getElementById('denyAdd')?.addEventListener('submit', (e) => {
        e.preventDefault();
        const f = e.target as HTMLFormElement;
        const value = (name: string): string => (f.elements.namedItem(name) as HTMLInputElement).value.trim();
        changed(
          api('POST', `/admin/v1/children/${childId}/do-not-release`, {
            name: value('name'),
            reason: value('reason'),
            ...(value('card') ? { cards: [value('card')] } : {}),
            // The parents' page account of this person, when they have one: their view and notices of the child stop.
            ...(f.elements.namedItem('accountId') !== null && value('accountId') ? { accountId: value('accountId') } : {}),
          }),
        );
      });
      for (const [b, pickupId] of marked('pickup-remove'))
        b.addEventListener('click', () => {
          if (confirm(t('confirm.removePickup'))) changed(api('POST', `/admin/v1/pickups/${pickupId}/remove`));
        });
      for (const [b, pickupId] of marked('pickup-uncode'))
        b.addEventListener('click', () => {
          if (confirm(t('confirm.removeCode'))) changed(api('PUT', `/admin/v1/pickups/${pickupId}`, { code: null }));
        });
      for (const [b, entryId] of marked('deny-remove'))
        b.addEventListener('click', () => {
          if (confirm(t('confirm.removeDeny'))) changed(api('POST', `/admin/v1/do-not-release/${entryId}/remove`));
        });
    },
  );
}
