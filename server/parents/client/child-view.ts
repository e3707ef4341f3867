// One child on the parents' page (served as /parents/client/child-view.js): today's arrivals and departures, recent
// days, the face consent with its full text, grant and one-tap withdraw, the tablets' deletion receipts, and the
// absence form. It renders from the server's answer only and escapes everything it puts in; its buttons call back.
import type { Schemas } from './api.js';
import { formatDay, formatTime, t } from './locale.js';
import type { MessageKey } from './messages.js';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const esc = (s: unknown): string => String(s ?? '').replace(/[&<>"']/g, (c) => ENTITIES[c]!);

export interface ChildActions {
  consent(childId: string, action: 'grant' | 'withdraw'): void;
  absence(childId: string, report: Schemas['AbsenceReport']): void;
}

const reasonText = (r: Schemas['AbsenceReason']): string => t(`absence.reason.${r}` as MessageKey);

function mark(m: Schemas['AttendanceMark'], timeZone: string): string {
  const time = formatTime(m.atMs, timeZone);
  const collected =
    m.direction === 'out' && m.pickupId !== undefined
      ? ` · ${esc(m.pickupName !== undefined ? t('mark.collectedBy', { name: m.pickupName }) : t('mark.collected'))}`
      : '';
  return (
    `<li class="mark ${m.direction}"><b>${esc(t(m.direction === 'in' ? 'mark.in' : 'mark.out', { time }))}</b> ` +
    `<span class="muted">${esc(t('mark.where', { gate: m.gate, method: t(`method.${m.method}`) }))}</span>${collected}</li>`
  );
}

function marks(list: Schemas['AttendanceMark'][], timeZone: string): string {
  return `<ul class="marks">${list.map((m) => mark(m, timeZone)).join('')}</ul>`;
}

function consentHtml(d: Schemas['ParentChildDetail']): string {
  const c = d.child.consent;
  const id = d.child.childId;
  // A consent recorded to start later (a renewal entered ahead) can be withdrawn like one in force.
  const pending = !c.active && c.startsLater === true;
  const by = t(c.madeBy === 'parent' ? 'consent.byParent' : 'consent.byDistrict');
  const state = c.active
    ? `${t('consent.active', { from: formatDay(c.grantedOn!), to: formatDay(c.expiresOn!) })} ${by}`
    : pending
      ? `${t('consent.startsLater', { from: formatDay(c.grantedOn!), to: formatDay(c.expiresOn!) })} ${by}`
      : c.withdrawnOn
        ? t('consent.withdrawnOn', { day: formatDay(c.withdrawnOn) })
        : t('consent.none');
  const receipts =
    d.receipts.length === 0
      ? `<p class="muted">${esc(t('receipts.none'))}</p>`
      : `<ul class="receipts">${d.receipts
          .map(
            (r) =>
              `<li>${esc(t('receipts.item', { gate: r.gate, time: formatTime(r.purgedAtMs, d.child.timeZone), day: formatDay(dayOfMs(r.purgedAtMs, d.child.timeZone)) }))}</li>`,
          )
          .join('')}</ul>`;
  return (
    `<h3 id="consent-${esc(id)}">${esc(t('consent.title'))}</h3>` +
    `<p class="state" data-consent-state="${c.active ? 'active' : pending ? 'pending' : 'none'}">${esc(state)}</p>` +
    (c.active || pending
      ? `<button class="danger" data-withdraw="${esc(id)}">${esc(t('consent.withdraw'))}</button>`
      : `<button data-grant="${esc(id)}">${esc(t('consent.grant'))}</button>`) +
    `<ul class="consent-text">${(['consent.what', 'consent.where', 'consent.howLong', 'consent.alternative', 'consent.controller'] as const)
      .map((k) => `<li>${esc(t(k, { site: d.child.siteName }))}</li>`)
      .join('')}</ul>` +
    `<h4>${esc(t('receipts.title'))}</h4>${receipts}`
  );
}

const dayOfMs = (ms: number, timeZone: string): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms);

function absenceHtml(c: Schemas['ParentChild']): string {
  const id = esc(c.childId);
  const reasons = (['illness', 'family', 'holiday', 'other'] as const)
    .map((r) => `<option value="${r}">${esc(reasonText(r))}</option>`)
    .join('');
  const list =
    c.absences.length === 0
      ? ''
      : `<h4>${esc(t('absence.list'))}</h4><ul class="absences">${c.absences
          .map(
            (a) =>
              `<li>${esc(t('absence.item', { day: formatDay(a.day), reason: reasonText(a.reason) + (a.note ? ` (${a.note})` : '') }))}</li>`,
          )
          .join('')}</ul>`;
  return (
    `<h3>${esc(t('absence.title'))}</h3>` +
    `<form class="absence" data-absence="${id}">` +
    `<label for="day-${id}">${esc(t('absence.day'))}</label><input id="day-${id}" name="day" type="date" min="${esc(c.today.day)}" value="${esc(c.today.day)}" required>` +
    `<label for="reason-${id}">${esc(t('absence.reason'))}</label><select id="reason-${id}" name="reason">${reasons}</select>` +
    `<label for="note-${id}">${esc(t('absence.note'))}</label><input id="note-${id}" name="note" maxlength="300">` +
    `<button>${esc(t('absence.send'))}</button></form>${list}`
  );
}

export function childHtml(d: Schemas['ParentChildDetail']): string {
  const c = d.child;
  const absentToday = c.absences.find((a) => a.day === c.today.day);
  const history =
    d.history.length === 0
      ? `<p class="muted">${esc(t('history.none'))}</p>`
      : d.history.map((day) => `<h4>${esc(formatDay(day.day))}</h4>${marks(day.marks, c.timeZone)}`).join('');
  return (
    `<section class="child" data-child="${esc(c.childId)}" aria-labelledby="name-${esc(c.childId)}">` +
    `<h2 id="name-${esc(c.childId)}">${esc(c.displayName)}</h2><p class="muted">${esc(t('child.where', { site: c.siteName, group: c.group }))}</p>` +
    `<h3>${esc(t('today.title'))}</h3>` +
    (absentToday ? `<p>${esc(t('absent.today', { reason: reasonText(absentToday.reason) }))}</p>` : '') +
    (c.today.marks.length === 0 ? `<p class="muted" data-today="none">${esc(t('today.none'))}</p>` : marks(c.today.marks, c.timeZone)) +
    `<h3>${esc(t('history.title'))}</h3>${history}` +
    consentHtml(d) +
    absenceHtml(c) +
    '</section>'
  );
}

/** Wires the buttons and forms of the children just painted into `root`. */
export function wireChildren(root: HTMLElement, actions: ChildActions): void {
  for (const b of root.querySelectorAll<HTMLButtonElement>('[data-grant]'))
    b.addEventListener('click', () => actions.consent(b.dataset.grant!, 'grant'));
  for (const b of root.querySelectorAll<HTMLButtonElement>('[data-withdraw]'))
    b.addEventListener('click', () => actions.consent(b.dataset.withdraw!, 'withdraw'));
  for (const f of root.querySelectorAll<HTMLFormElement>('form[data-absence]')) {
    f.addEventListener('submit', (e) => {
      e.preventDefault();
      const field = (name: string): string => (f.elements.namedItem(name) as HTMLInputElement).value;
      const note = field('note').trim();
      actions.absence(f.dataset.absence!, {
        day: field('day'),
        reason: field('reason') as Schemas['AbsenceReason'],
        ...(note !== '' ? { note } : {}),
      });
    });
  }
}
