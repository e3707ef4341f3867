// The admin page's register section (served as /admin/client/register.js): the chosen site's register of a day per
// group (GET /admin/v1/sites/{siteId}/register): each child present or absent with the reason, staff hand-marks and the
// day's integrity flags, the approval state, every approved version (each readable as it was approved) and the
// corrections; an Approve button that sends the content hash shown (a person signed in with their passkey approves;
// the server refuses the admin token), with a reason when the day was approved before; and the month's downloads
// (CSV, XLSX, JSON). In the admin's language.
import { $, api, call, esc, input, marked, paint, quietly, say, type Schemas } from './dom.js';
import { formatDateTime, formatTime, t } from './locale.js';
import type { MessageKey } from './messages.js';

type GroupDay = Schemas['RegisterGroupDay'];

let dayChosen = false;
let shownSite: string | null = null;
/** Approved versions opened for reading, by approval id. */
const opened = new Map<string, Schemas['RegisterApproval']>();

/** The chosen site (re)loaded: its today and month (unless picked); another site's register is cleared. */
export function resetRegister(siteId: string, today: string): void {
  if (!dayChosen) {
    input('registerDay').value = today;
    input('registerMonth').value = today.slice(0, 7);
  }
  if (shownSite !== null && shownSite !== siteId) {
    shownSite = null;
    opened.clear();
    paint('registerOut', () => '');
  }
}

const th = (...keys: MessageKey[]): string => `<tr>${keys.map((k) => `<th scope="col">${esc(t(k))}</th>`).join('')}</tr>`;
const td = (...cells: string[]): string => `<tr>${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`;
const time = (ms: number | null, method: string | null): string =>
  ms === null ? '—' : `${esc(formatTime(ms))}${method === null ? '' : ` (${esc(t(`register.method.${method}` as MessageKey))})`}`;
const groupName = (g: string): string => (g === '' ? t('register.noGroup') : g);

function childrenTable(c: Schemas['RegisterContent']): string {
  if (c.children.length === 0) return `<p>${esc(t('register.none'))}</p>`;
  return (
    `<table>${th('register.col.child', 'register.col.status', 'register.col.in', 'register.col.out', 'register.col.absence')}` +
    c.children
      .map((x) =>
        td(
          esc(x.displayName),
          esc(t(x.status === 'present' ? 'register.present' : 'register.absent')),
          time(x.firstInAtMs, x.firstInMethod),
          time(x.lastOutAtMs, x.lastOutMethod),
          x.absenceReason === null
            ? ''
            : esc(
                [
                  t(`register.reason.${x.absenceReason}` as MessageKey),
                  x.absenceNote,
                  x.absenceReportedBy === null ? '' : t(`register.reportedBy.${x.absenceReportedBy}` as MessageKey),
                ]
                  .filter((s) => s !== '')
                  .join(' '),
              ),
        ),
      )
      .join('') +
    '</table>'
  );
}

function contentHtml(c: Schemas['RegisterContent']): string {
  const name = (id: string): string => c.children.find((x) => x.childId === id)?.displayName ?? id;
  const f = c.flags;
  const flags = [
    ...f.bursts.map((b) => t('register.flag.burst', { count: b.count, time: formatTime(b.startAtMs) })),
    ...f.flaggedFaces.map((x) => t('register.flag.face', { child: name(x.childId), result: t(`part.padResult.${x.padResult}`) })),
    ...f.refusedFaces.map((x) => t('register.flag.refused', { child: name(x.childId), count: x.count })),
    ...f.neverByFace.map((x) => t('register.flag.neverByFace', { child: name(x.childId), days: x.daysPresent })),
    ...(f.backdated ?? []).map((x) =>
      t('register.flag.backdated', {
        child: name(x.childId),
        time: formatTime(x.atMs),
        hours: Math.max(1, Math.round(x.behindMs / 3_600_000)),
      }),
    ),
    ...(f.unexplainedFaces ?? []).map((x) =>
      t('register.flag.unexplained', { child: name(x.childId), time: formatTime(x.atMs), reason: t(`integrity.reason.${x.reason}`) }),
    ),
  ];
  return (
    childrenTable(c) +
    `<h5>${esc(t('register.staffMarks'))}</h5>` +
    (c.staffMarks.length === 0
      ? `<p>${esc(t('register.staffMarksNone'))}</p>`
      : `<table>${th('register.col.time', 'register.col.child', 'register.col.direction', 'register.col.tablet', 'register.col.staffMember', 'register.col.note')}` +
        c.staffMarks
          .map((m) =>
            td(
              esc(formatTime(m.atMs)),
              esc(name(m.childId)),
              esc(t(`register.direction.${m.direction}`)),
              esc(m.deviceName),
              esc(m.staffMember ?? t('register.staffMemberNone')),
              esc(m.staffNote ?? ''),
            ),
          )
          .join('') +
        '</table>') +
    `<h5>${esc(t('register.flags'))}</h5>` +
    (flags.length === 0 ? `<p>${esc(t('register.flagsNone'))}</p>` : `<ul>${flags.map((x) => `<li>${esc(x)}</li>`).join('')}</ul>`)
  );
}

function groupHtml(g: GroupDay, index: number): string {
  const name = (id: string): string => g.content.children.find((x) => x.childId === id)?.displayName ?? id;
  const history =
    g.approvals.length === 0
      ? `<p>${esc(t('register.historyNone'))}</p>`
      : '<ul>' +
        g.approvals
          .map((a) => {
            const snapshot = opened.get(a.approvalId);
            return (
              `<li>${esc(t('register.version', { version: a.version, name: a.approverName, time: formatDateTime(a.approvedAtMs) }))}` +
              (a.reason === null ? '' : ` · ${esc(t('register.versionReason', { reason: a.reason }))}`) +
              ` <button type="button" data-register-version="${esc(a.approvalId)}">${esc(t('register.showVersion', { version: a.version }))}</button>` +
              (snapshot === undefined
                ? ''
                : `<div class="register-snapshot"><p>${esc(t('register.snapshot', { version: a.version, sha: a.contentSha256 }))}</p>${contentHtml(snapshot.content)}</div>`) +
              '</li>'
            );
          })
          .join('') +
        '</ul>';
  const corrections =
    g.corrections.length === 0
      ? ''
      : `<h5>${esc(t('register.corrections'))}</h5><ul>` +
        g.corrections
          .map(
            (c) =>
              `<li>${esc(
                t('register.correction', {
                  time: formatDateTime(c.atMs),
                  child: name(c.childId),
                  reason: t(`register.reason.${c.absenceReason}` as MessageKey),
                  why: c.correctionReason ?? '—',
                }),
              )}</li>`,
          )
          .join('') +
        '</ul>';
  const approve =
    g.state === 'approved'
      ? ''
      : `<form data-register-approve="${index}">` +
        (g.approvals.length === 0
          ? ''
          : `<p><label>${esc(t('register.reason'))} <input name="reason" size="40" maxlength="500" required></label></p>`) +
        `<button>${esc(t('register.approve'))}</button> <small>${esc(t('register.approveHelp'))}</small></form>`;
  return (
    `<section class="register-group" aria-labelledby="registerGroup${index}">` +
    `<h4 id="registerGroup${index}">${esc(t('register.group', { group: groupName(g.group) }))} · ` +
    `<span data-register-state="${g.state}">${esc(t(`register.state.${g.state}`))}</span></h4>` +
    contentHtml(g.content) +
    approve +
    `<h5>${esc(t('register.history'))}</h5>${history}${corrections}</section>`
  );
}

async function loadRegister(siteId: string): Promise<void> {
  const day = input('registerDay').value;
  const r = await api<Schemas['RegisterDay']>(
    'GET',
    `/admin/v1/sites/${encodeURIComponent(siteId)}/register?day=${encodeURIComponent(day)}`,
  );
  shownSite = siteId;
  paint(
    'registerOut',
    () => (r.groups.length === 0 ? `<p>${esc(t('register.none'))}</p>` : r.groups.map(groupHtml).join('')),
    () => {
      for (const [el, index] of marked('register-approve')) {
        el.addEventListener('submit', (e) => {
          e.preventDefault();
          const g = r.groups[Number(index)]!;
          const reason = ((el as HTMLFormElement).elements.namedItem('reason') as HTMLInputElement | null)?.value.trim();
          quietly(
            api<Schemas['RegisterApproval']>('POST', `/admin/v1/sites/${encodeURIComponent(siteId)}/register/approvals`, {
              day: r.day,
              group: g.group,
              contentSha256: g.contentSha256,
              ...(reason ? { reason } : {}),
            }).then((a) => loadRegister(siteId).then(() => say(() => t('register.approvedStatus', { version: a.version }), true))),
          );
        });
      }
      for (const [el, approvalId] of marked('register-version')) {
        el.addEventListener('click', () => {
          if (opened.delete(approvalId)) return void loadRegister(siteId);
          quietly(
            api<Schemas['RegisterApproval']>('GET', `/admin/v1/register-approvals/${encodeURIComponent(approvalId)}`).then((a) => {
              opened.set(approvalId, a);
              return loadRegister(siteId);
            }),
          );
        });
      }
    },
  );
}

/** Downloads the month in `format` (through the API call, so the token or the session goes with it). */
async function download(siteId: string, format: 'csv' | 'xlsx' | 'json'): Promise<void> {
  const month = input('registerMonth').value;
  const res = await call(
    'GET',
    `/admin/v1/sites/${encodeURIComponent(siteId)}/register/months/${encodeURIComponent(month)}?format=${format}`,
  );
  const a = document.createElement('a');
  a.href = URL.createObjectURL(await res.blob());
  a.download = `register-${siteId}-${month}.${format}`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

export function setUpRegister(site: () => string): void {
  input('registerDay').addEventListener('change', () => (dayChosen = true));
  input('registerMonth').addEventListener('change', () => (dayChosen = true));
  $<HTMLFormElement>('registerForm').addEventListener('submit', (e) => {
    e.preventDefault();
    if (site()) quietly(loadRegister(site()));
  });
  for (const format of ['csv', 'xlsx', 'json'] as const) {
    $(`registerDownload-${format}`).addEventListener('click', () => {
      if (site()) quietly(download(site(), format));
    });
  }
}
