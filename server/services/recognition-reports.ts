// Each tablet's recognition self-test at the district (issue 17): the tablet sends the figures of its own report
// (src/runtime/recognition-report.ts; numbers and counts only, the contract admits nothing else), the district keeps the
// latest per tablet and records its arrival in its audit log, and the admin sees every site's figures with a verdict
// against the district's target. The target bounds each rate's 95% upper confidence bound (README, "Recognition
// report"): a rate whose upper bound is above it is outside; a rate measured on so few trials that even no error would
// leave its upper bound above the target says nothing (a small gallery), and neither does one without trials.
import type { components } from '../../src/protocol/api-types.generated';
import type { Database, Queryable } from '../db/database';
import type { DeviceIdentity } from '../device/auth';
import { HttpError } from '../errors';

type Schemas = components['schemas'];
type Upload = Schemas['RecognitionReportUpload'];
type Rate = Schemas['RecognitionRate'];
type Reason = Schemas['RecognitionReason'];
export type RecognitionTarget = Schemas['RecognitionTarget'];

/** The district's target unless the admin's request names another (documented in api/openapi.yaml). */
export const DEFAULT_RECOGNITION_TARGET: RecognitionTarget = { maxFpirUpper95: 0.01, maxFnirUpper95: 0.05 };
/** A tablet's clock may run this far ahead of the server's. */
const MAX_AHEAD_MS = 10 * 60_000;
/** The interval's level: each tail 2.5%. */
const TAIL = 0.025;

/** The upper 95% bound of 0 errors in `trials` (Clopper-Pearson): the lowest upper bound this many trials can give. */
export function bestUpperBound(trials: number): number {
  return trials <= 0 ? 1 : 1 - Math.pow(TAIL, 1 / trials);
}

function checkRate(name: string, r: Rate): string | null {
  if (r.errors > r.trials) return `${name} has more errors (${r.errors}) than trials (${r.trials})`;
  if (r.trials === 0) return r.upper95 === null && r.lower95 === null ? null : `${name} has an interval without trials`;
  if (r.upper95 === null || r.lower95 === null) return `${name} lacks its interval`;
  const rate = r.errors / r.trials;
  // The bounds are computed by bisection on the tablet: allow its rounding.
  if (!(r.lower95 <= rate + 1e-9 && rate <= r.upper95 + 1e-9)) return `${name}'s interval does not contain its rate`;
  return null;
}

/** Stores the tablet's report unless the district holds one computed later; audits its arrival either way. */
export async function storeRecognitionReport(
  db: Database,
  device: DeviceIdentity,
  upload: Upload,
  nowMs: number,
): Promise<Schemas['RecognitionReportAck']> {
  const problem =
    upload.computedAtMs > nowMs + MAX_AHEAD_MS
      ? 'it was computed in the future'
      : (checkRate('FPIR', upload.fpir) ??
        checkRate('FNIR', upload.fnir) ??
        (upload.galleryChildren > upload.samples ? 'it has more children than samples' : null));
  if (problem !== null) throw new HttpError(400, 'recognition-report-invalid', `The recognition report does not add up: ${problem}.`);
  return db.transaction(async (tx) => {
    const stored = await tx.query<{ device_id: string }>(
      `insert into recognition_reports (device_id, site_id, computed_at_ms, received_at_ms, body) values ($1, $2, $3, $4, $5)
       on conflict (device_id) do update set site_id = excluded.site_id, computed_at_ms = excluded.computed_at_ms,
         received_at_ms = excluded.received_at_ms, body = excluded.body
       where recognition_reports.computed_at_ms <= excluded.computed_at_ms
       returning device_id`,
      [device.deviceId, device.siteId, upload.computedAtMs, nowMs, JSON.stringify(upload)],
    );
    const status = stored.length > 0 ? 'stored' : 'older';
    await tx.query('insert into audit_log (at_ms, actor, action, details) values ($1, $2, $3, $4)', [
      nowMs,
      device.deviceId,
      'recognition-report.received',
      JSON.stringify({
        siteId: device.siteId,
        deviceId: device.deviceId,
        computedAtMs: upload.computedAtMs,
        galleryChildren: upload.galleryChildren,
        fpirUpper95: upload.fpir.upper95,
        fnirUpper95: upload.fnir.upper95,
        status,
      }),
    ]);
    return { computedAtMs: upload.computedAtMs, status };
  });
}

const rounded = (x: number): string => String(Math.round(x * 1000) / 1000);
const RATE_NAME = { fpir: 'FPIR', fnir: 'FNIR' } as const;

/** Why one rate of a report is not within its target, or null when it is. */
function rateReason(rate: 'fpir' | 'fnir', r: Rate, target: number, galleryChildren: number): Reason | null {
  const base = { rate, upper95: r.upper95, target, galleryChildren, trials: r.trials };
  const name = RATE_NAME[rate];
  const children = `gallery of ${galleryChildren} ${galleryChildren === 1 ? 'child' : 'children'}`;
  if (r.trials === 0 || r.upper95 === null) return { ...base, code: 'no-trials', text: `${children}: no ${name} trials, nothing to say` };
  if (r.upper95 > target) {
    // Above the target, unless no result of this many trials could have been below it (and the rate is not clearly
    // above the target either: its lower bound too).
    if (bestUpperBound(r.trials) > target && !(r.lower95 !== null && r.lower95 > target))
      return { ...base, code: 'too-wide', text: `${children}: ${name} interval too wide to say (${r.trials} trials)` };
    return { ...base, code: 'above-target', text: `${name} upper bound ${rounded(r.upper95)} above target ${rounded(target)}` };
  }
  return null;
}

/** The verdict of one report against the target, with the reasons a site falls outside it or cannot be judged. */
export function recognitionVerdict(
  report: Upload,
  target: RecognitionTarget,
): { verdict: Schemas['RecognitionReportListing']['verdict']; reasons: Reason[] } {
  const reasons = [
    rateReason('fpir', report.fpir, target.maxFpirUpper95, report.galleryChildren),
    rateReason('fnir', report.fnir, target.maxFnirUpper95, report.galleryChildren),
  ].filter((r): r is Reason => r !== null);
  const verdict = reasons.some((r) => r.code === 'above-target') ? 'outside' : reasons.length > 0 ? 'too-few' : 'within';
  return { verdict, reasons };
}

/** A target of the admin's query: a number in (0, 1], or the default when absent. */
export function targetOption(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!/^[0-9.eE+-]+$/.test(value) || !Number.isFinite(n) || n <= 0 || n > 1)
    throw new HttpError(400, 'bad-recognition-target', `\`${name}\` must be a number above 0 and at most 1, got "${value}".`);
  return n;
}

interface ListingRow {
  site_id: string;
  site_name: string;
  device_id: string;
  device_name: string;
  received_at_ms: number;
  body: Upload;
}

/** The latest report of every paired tablet (of one site, or of all), sites then tablets by name, with verdicts. */
export async function listRecognitionReports(
  db: Queryable,
  options: { siteId?: string; target?: Partial<RecognitionTarget> } = {},
): Promise<Schemas['RecognitionReportList']> {
  const target = { ...DEFAULT_RECOGNITION_TARGET, ...options.target };
  const rows = await db.query<ListingRow>(
    `select r.site_id, s.name as site_name, r.device_id, d.name as device_name, r.received_at_ms, r.body
     from recognition_reports r join devices d on d.id = r.device_id join sites s on s.id = r.site_id
     where d.revoked_at_ms is null and ($1::text is null or r.site_id = $1::text)
     order by s.name, r.site_id, d.name, r.device_id`,
    [options.siteId ?? null],
  );
  return {
    target,
    reports: rows.map((r) => ({
      siteId: r.site_id,
      siteName: r.site_name,
      deviceId: r.device_id,
      deviceName: r.device_name,
      receivedAtMs: r.received_at_ms,
      report: r.body,
      ...recognitionVerdict(r.body, target),
    })),
  };
}
