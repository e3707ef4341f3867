// The admin page's recognition self-test section (served as /admin/client/recognition.js): the latest self-test each
// paired tablet sent (GET /admin/v1/recognition-reports), per site and tablet: when it was computed, the gallery's
// size, FPIR and FNIR with their 95% intervals, twin candidates and weak enrolments (counts; the district gets no
// child's name or id), and the verdict against the district's target with its reasons, in the admin's language. The
// target fields start at the district's default and change it for this listing only.
import { $, api, esc, input, paint, quietly, when, type Schemas } from './dom.js';
import { t } from './locale.js';
import type { MessageKey } from './messages.js';

type Listing = Schemas['RecognitionReportListing'];
type Rate = Schemas['RecognitionRate'];

const RATE_NAME = { fpir: 'FPIR', fnir: 'FNIR' } as const;

const rate = (r: Rate): string =>
  r.trials === 0 || r.lower95 === null || r.upper95 === null
    ? esc(t('recognition.rate.none'))
    : esc(t('recognition.rate', { errors: r.errors, trials: r.trials, lower: round(r.lower95), upper: round(r.upper95) }));

/** Four decimals at most: the intervals are estimates, more digits would only look precise. */
const round = (x: number): number => Math.round(x * 10_000) / 10_000;

function reason(r: Schemas['RecognitionReason']): string {
  const name = RATE_NAME[r.rate];
  if (r.code === 'above-target')
    return t('recognition.reason.above-target', { rate: name, upper: round(r.upper95 ?? 1), target: r.target });
  return t(`recognition.reason.${r.code}`, { rate: name, count: r.galleryChildren, trials: r.trials });
}

function verdict(l: Listing): string {
  const cls = l.verdict === 'within' ? 'ok' : l.verdict === 'outside' ? 'err' : 'muted';
  const reasons = l.reasons.map((r) => `<li>${esc(reason(r))}</li>`).join('');
  return `<span class="${cls}" data-verdict="${l.verdict}">${esc(t(`recognition.verdict.${l.verdict}`))}</span>${reasons ? `<ul>${reasons}</ul>` : ''}`;
}

function listHtml(list: Schemas['RecognitionReportList']): string {
  const target = `<p id="recognitionTarget">${esc(t('recognition.target', { fpir: list.target.maxFpirUpper95, fnir: list.target.maxFnirUpper95 }))}</p>`;
  if (list.reports.length === 0) return `${target}<p>${esc(t('recognition.none'))}</p>`;
  const cols: MessageKey[] = [
    'recognition.col.site',
    'recognition.col.tablet',
    'recognition.col.computed',
    'recognition.col.children',
    'recognition.col.samples',
    'recognition.col.fpir',
    'recognition.col.fnir',
    'recognition.col.twins',
    'recognition.col.weak',
    'recognition.col.verdict',
  ];
  const rows = list.reports.map((l) => {
    const r = l.report;
    const cells = [
      esc(l.siteName),
      `${esc(l.deviceName)}<br><small>${esc(l.deviceId)}</small>`,
      when(r.computedAtMs),
      r.galleryChildren,
      r.samples,
      rate(r.fpir),
      rate(r.fnir),
      r.twinCandidates,
      r.weakEnrolments,
      verdict(l),
    ];
    return `<tr data-device="${esc(l.deviceId)}">${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`;
  });
  return `${target}<table><tr>${cols.map((k) => `<th>${esc(t(k))}</th>`).join('')}</tr>${rows.join('')}</table>`;
}

export async function loadRecognition(): Promise<void> {
  const q = new URLSearchParams({ maxFpirUpper95: input('maxFpirUpper95').value, maxFnirUpper95: input('maxFnirUpper95').value });
  const list = await api<Schemas['RecognitionReportList']>('GET', `/admin/v1/recognition-reports?${q}`);
  paint('recognitionOut', () => listHtml(list));
}

export function setUpRecognition(): void {
  $<HTMLFormElement>('recognitionForm').addEventListener('submit', (e) => {
    e.preventDefault();
    quietly(loadRecognition());
  });
}
