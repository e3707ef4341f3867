// The admin page's integrity section (served as /admin/client/integrity.js): the signals of padded attendance at the
// chosen site on a day (GET /admin/v1/sites/{siteId}/integrity): bracelet bursts, face check-ins the presentation-attack
// check refused or flagged, hand marks and corrections per tablet, children never seen, events recorded with the
// tablet's clock set back or pushed late, face check-ins no honest kiosk makes. A table for each
// signal, or one line saying there are none; children by name where the roster has them. In the admin's language.
import { $, api, esc, input, paint, quietly, type Schemas } from './dom.js';
import { formatDay, formatTime, t } from './locale.js';
import type { MessageKey } from './messages.js';

/** Set once the admin picks a day here; until then the day follows the chosen site's today. */
let dayChosen = false;
/** The site whose signals are shown. */
let shownSite: string | null = null;

/** The chosen site (re)loaded: its today (unless the admin picked a day); another site's signals are cleared. */
export function resetIntegrity(siteId: string, today: string): void {
  if (!dayChosen) input('integrityDay').value = today;
  if (shownSite !== null && shownSite !== siteId) {
    shownSite = null;
    paint('integrityOut', () => '');
  }
}

const th = (...keys: MessageKey[]): string => `<tr>${keys.map((k) => `<th>${esc(t(k))}</th>`).join('')}</tr>`;
const table = (head: string, rows: string[]): string => `<table>${head}${rows.join('')}</table>`;
const td = (...cells: (string | number)[]): string => `<tr>${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`;

function integrityHtml(r: Schemas['SiteIntegrity'], names: Map<string, string>): string {
  const child = (id: string | null, name?: string | null): string => esc(id === null ? '—' : (name ?? names.get(id) ?? id));
  const kids = (ids: string[]): string => ids.map((id) => child(id)).join(', ');
  const f = r.refusedFaces;
  if (
    r.bursts.length === 0 &&
    f.count === 0 &&
    r.flaggedFaces.length === 0 &&
    r.handMarks.staff.length === 0 &&
    r.neverByFace.children.length === 0 &&
    r.unseenTaps.checked === 0 &&
    r.backdated.length === 0 &&
    r.latePushes.length === 0 &&
    r.unexplainedFaces.length === 0 &&
    r.enrolments.length === 0
  )
    return `<p id="integrityNone">${esc(t('integrity.none', { day: formatDay(r.day) }))}</p>`;
  const section = (id: string, title: string, body: string | null): string =>
    `<h4>${esc(title)}</h4><div data-signal="${id}">${body ?? `<p>${esc(t('integrity.sectionNone'))}</p>`}</div>`;
  const result = (value: 'attack' | 'unsure' | null): string => (value === null ? '—' : esc(t(`part.padResult.${value}`)));
  const duration = (ms: number): string =>
    esc(
      ms < 2 * 3_600_000
        ? t('integrity.minutes', { count: Math.round(ms / 60_000) })
        : t('integrity.hours', { count: Math.round(ms / 3_600_000) }),
    );
  return (
    section(
      'bursts',
      t('integrity.bursts.title'),
      r.bursts.length === 0
        ? null
        : table(
            th('integrity.col.tablet', 'integrity.col.from', 'integrity.col.to', 'integrity.col.checkIns', 'integrity.col.children'),
            r.bursts.map((b) => td(esc(b.deviceName), esc(formatTime(b.startAtMs)), esc(formatTime(b.endAtMs)), b.count, kids(b.childIds))),
          ),
    ) +
    section(
      'refused',
      t('integrity.refused.title'),
      f.count === 0
        ? null
        : (f.byChild.length === 0
            ? ''
            : `<p>${esc(t('integrity.refused.byChild'))}</p>` +
              table(
                th('integrity.col.child', 'integrity.col.refused', 'integrity.col.attack', 'integrity.col.unsure'),
                f.byChild.map((c) => td(child(c.childId, c.displayName), c.count, c.attack, c.unsure)),
              )) +
            `<p>${esc(t('integrity.refused.byTablet'))}</p>` +
            table(
              th('integrity.col.tablet', 'integrity.col.refused', 'integrity.col.attack', 'integrity.col.unsure'),
              f.byTablet.map((d) => td(esc(d.deviceName), d.count, d.attack, d.unsure)),
            ),
    ) +
    section(
      'flagged',
      t('integrity.flagged.title'),
      r.flaggedFaces.length === 0
        ? null
        : table(
            th('integrity.col.time', 'integrity.col.child', 'integrity.col.tablet', 'integrity.col.result', 'integrity.col.liveness'),
            r.flaggedFaces.map((e) =>
              td(esc(formatTime(e.atMs)), child(e.childId), esc(e.deviceName), result(e.padResult), e.liveness === null ? '—' : e.liveness),
            ),
          ),
    ) +
    section(
      'hands',
      t('integrity.hands.title'),
      r.handMarks.staff.length === 0
        ? null
        : table(
            th(
              'integrity.col.tablet',
              'integrity.col.staffMember',
              'integrity.col.staffMarks',
              'integrity.col.corrections',
              'integrity.col.children',
            ),
            r.handMarks.staff.map((m) =>
              td(esc(m.deviceName), esc(m.name ?? t('integrity.staffMemberNone')), m.staffMarks, m.corrections, kids(m.childIds)),
            ),
          ),
    ) +
    section(
      'unseen',
      t('integrity.unseen.title'),
      r.unseenTaps.checked === 0
        ? null
        : table(
            th('integrity.col.tablet', 'integrity.col.checkedTaps', 'integrity.col.nobody'),
            r.unseenTaps.byTablet.map((d) => td(esc(d.deviceName), d.checked, d.nobody)),
          ) +
            (r.unseenTaps.entries.length === 0
              ? ''
              : table(
                  th('integrity.col.time', 'integrity.col.child', 'integrity.col.tablet'),
                  r.unseenTaps.entries.map((e) => td(esc(formatTime(e.atMs)), child(e.childId), esc(e.deviceName))),
                )),
    ) +
    section(
      'never',
      t('integrity.never.title', { from: formatDay(r.neverByFace.from), to: formatDay(r.neverByFace.to) }),
      r.neverByFace.children.length === 0
        ? null
        : table(
            th('integrity.col.child', 'integrity.col.daysPresent', 'integrity.col.enrolled'),
            r.neverByFace.children.map((c) =>
              td(child(c.childId, c.displayName), c.daysPresent, esc(t(c.faceEnrolled ? 'integrity.yes' : 'integrity.no'))),
            ),
          ),
    ) +
    section(
      'backdated',
      t('integrity.backdated.title'),
      r.backdated.length === 0
        ? null
        : table(
            th('integrity.col.time', 'integrity.col.child', 'integrity.col.tablet', 'integrity.col.kind', 'integrity.col.behind'),
            r.backdated.map((e) =>
              td(esc(formatTime(e.atMs)), child(e.childId), esc(e.deviceName), esc(t(`integrity.kind.${e.kind}`)), duration(e.behindMs)),
            ),
          ),
    ) +
    section(
      'late',
      t('integrity.late.title'),
      r.latePushes.length === 0
        ? null
        : table(
            th('integrity.col.tablet', 'integrity.col.events', 'integrity.col.maxDelay'),
            r.latePushes.map((l) => td(esc(l.deviceName), l.events, duration(l.maxDelayMs))),
          ),
    ) +
    section(
      'unexplained',
      t('integrity.unexplained.title'),
      r.unexplainedFaces.length === 0
        ? null
        : table(
            th('integrity.col.time', 'integrity.col.child', 'integrity.col.tablet', 'integrity.col.reason'),
            r.unexplainedFaces.map((e) =>
              td(esc(formatTime(e.atMs)), child(e.childId), esc(e.deviceName), esc(t(`integrity.reason.${e.reason}`))),
            ),
          ),
    ) +
    section(
      'enrolments',
      t('integrity.enrolments.title'),
      r.enrolments.length === 0
        ? null
        : table(
            th('integrity.col.time', 'integrity.col.child', 'integrity.col.tablet', 'integrity.col.staffMember', 'integrity.col.replaced'),
            r.enrolments.map((e) =>
              td(
                esc(formatTime(e.atMs)),
                child(e.childId),
                esc(e.deviceName),
                esc(e.staffName ?? t('integrity.enrolments.nobody')),
                e.replaced === null ? '—' : e.replaced === 0 ? esc(t('integrity.enrolments.first')) : e.replaced,
              ),
            ),
          ),
    )
  );
}

async function loadIntegrity(siteId: string): Promise<void> {
  const q = new URLSearchParams({
    day: input('integrityDay').value,
    burstCount: input('burstCount').value,
    burstSeconds: input('burstSeconds').value,
    faceDays: input('faceDays').value,
  });
  const [r, roster] = await Promise.all([
    api<Schemas['SiteIntegrity']>('GET', `/admin/v1/sites/${encodeURIComponent(siteId)}/integrity?${q}`),
    api<Schemas['ChildAdmin'][]>('GET', `/admin/v1/sites/${encodeURIComponent(siteId)}/children`),
  ]);
  const names = new Map(roster.filter((c) => c.removedAtMs === null).map((c) => [c.childId, c.displayName]));
  shownSite = siteId;
  paint('integrityOut', () => integrityHtml(r, names));
}

export function setUpIntegrity(site: () => string): void {
  input('integrityDay').addEventListener('change', () => (dayChosen = true));
  $<HTMLFormElement>('integrityForm').addEventListener('submit', (e) => {
    e.preventDefault();
    if (site()) quietly(loadIntegrity(site()));
  });
}
