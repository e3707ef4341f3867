// The second half of a sync run: fetch the district's template key if the tablet lacks it, upload queued enrolment
// templates (src/sync/template-upload.ts), send pending purge receipts (dropped only once acknowledged) and the audit
// log (src/sync/audit-upload.ts), then ask for the bundle since the version held (src/sync/bundle.ts: unchanged, a
// delta, or the full bundle), check it, renew the tablet's templates when it names a newer district template key
// (src/sync/template-renewal.ts), and apply it with the templates enrolled on the district's other tablets
// (src/sync/template-transport.ts). Every answer acted on was verified as the district's answer to this very request.
// A refused answer is a problem for staff (code sync.problem.*) and leaves everything the tablet had; network and
// server failures are retried by the runner.
import { signPurgeReceipt } from '../protocol/purge-receipt-signature';
import type { GateDb } from '../storage/db';
import { getMeta, putMeta } from '../storage/meta.repo';
import { TemplateVault } from '../storage/template-vault';
import { dayKeyFor } from '../core/site-day';
import type { BundleBody } from '../core/bundle-shape';
import { EMBEDDER_MODEL_ID } from '../pipeline/models/embedder.model';
import { dropAckedReceipts, readPendingReceipts } from '../storage/purge-receipts.repo';
import {
  applyBundle,
  applyDelta,
  checkBundleAnswer,
  consentedChildren,
  readRosterDigests,
  readSiteSettings,
  recordCurrent,
  type ApplyOptions,
  type ApplyResult,
} from './bundle';
import { installDistrictTemplateKey, planGalleryImport } from './template-transport';
import { ensureWrapKey, openTemplateKey } from './template-key-open';
import type { CallFailure, DistrictClient } from './district-client';
import type { RunOutcome } from './runner';
import { heldCardsOutside } from '../storage/pickups.repo';
import { BUNDLE_KEY, readAppliedBundle, updateSyncStatus, type Pairing } from './sync-state';
import { uploadQueuedTemplates } from './template-upload';
import { uploadAudit } from './audit-upload';
import { confirmTemplateKey, renewTemplateKey, type RenewalResult } from './template-renewal';

export type PullOutcome =
  | { kind: 'applied'; result: Extract<ApplyResult, { kind: 'applied' }> }
  /** The district confirmed (for this request) that the version held is current. */
  | { kind: 'unchanged'; version: number }
  /** A delta the tablet cannot build on: ask again for the full bundle. */
  | { kind: 'needs-full'; reason: string }
  | { kind: 'refused'; code: string; message: string }
  | { kind: 'failed'; failure: CallFailure };

const RECEIPT_BATCH = 500;

/** What the runner does with a failed call; a forged or unsigned answer is also a problem staff see. */
export async function failureOutcome(db: GateDb, f: CallFailure, nowMs: number): Promise<RunOutcome> {
  if (f.kind === 'network' || f.kind === 'server') return { kind: 'retry', reason: f.kind === 'server' ? `server ${f.status}` : 'network' };
  if (f.kind === 'unverified') {
    await updateSyncStatus(db, { problem: { code: 'answer-unverified', message: f.message, atMs: nowMs } });
    return { kind: 'blocked', reason: 'answer-unverified' };
  }
  return { kind: 'blocked', reason: f.kind === 'refused' ? f.error.code : 'bad-response' };
}

/** Pushes pending purge receipts, each signed with this tablet's device key (the district verifies and keeps it). */
export async function pushReceipts(db: GateDb, client: DistrictClient, pairing: Pairing): Promise<CallFailure | null> {
  for (;;) {
    const pending = (await readPendingReceipts(db)).slice(0, RECEIPT_BATCH);
    if (pending.length === 0) return null;
    const receipts = await Promise.all(pending.map((r) => signPurgeReceipt(pairing.keyPair.privateKey, pairing.deviceId, r)));
    const answer = await client.pushPurgeReceipts({ receipts });
    if (!answer.ok) return answer;
    const sent = new Set(pending.map((r) => r.receiptId));
    const acked = answer.body.acked.filter((id) => sent.has(id));
    await dropAckedReceipts(db, acked);
    if (acked.length < pending.length)
      return { ok: false, kind: 'bad-response', status: 200, message: 'the server did not acknowledge every purge receipt' };
  }
}

/**
 * Checks an answer of GET /v1/bundle (already verified as the district's answer to the request) and applies it when
 * it is good and new. `beforeImport` runs on a checked full bundle or delta before its templates are opened (the key
 * renewal); a failure there applies nothing.
 */
export async function receiveBundle(
  db: GateDb,
  answer: unknown,
  pairing: Pairing,
  nowMs: number,
  options: ApplyOptions = {},
  beforeImport?: (p: BundleBody) => Promise<CallFailure | null>,
): Promise<PullOutcome> {
  const check = await checkBundleAnswer(answer, {
    siteId: pairing.siteId,
    districtId: pairing.districtId,
    held: await readAppliedBundle(db),
    heldSettings: await readSiteSettings(db),
    heldDigests: () => readRosterDigests(db),
    heldPickupCards: (named) => heldCardsOutside(db, named),
    nowMs,
  });
  if (check.kind === 'refused') return { kind: 'refused', code: check.code, message: check.message };
  if (check.kind === 'needs-full') return check;
  if (check.kind === 'current') {
    const recorded = await recordCurrent(db, check, nowMs);
    return recorded === 'recorded' ? { kind: 'unchanged', version: check.version } : { kind: 'needs-full', reason: 'another run moved on' };
  }
  const failure = beforeImport === undefined ? null : await beforeImport(check.payload);
  if (failure !== null) return { kind: 'failed', failure };
  // Templates enrolled on the district's other tablets: opened and re-sealed here, stored by the apply's transaction.
  const consented = consentedChildren(check.payload, (options.dayKey ?? dayKeyFor(check.payload.timeZone))(nowMs));
  const plan = await planGalleryImport(db, check.payload, consented, { modelId: options.modelId ?? EMBEDDER_MODEL_ID, nowMs });
  const apply = check.kind === 'full' ? applyBundle : applyDelta;
  const result = await apply(db, check.payload as never, check.digests, nowMs, { ...options, imports: plan.imports });
  if (result.kind === 'stale') return { kind: 'unchanged', version: result.heldVersion };
  return { kind: 'applied', result };
}

/**
 * Asks for the bundle since the version held, checks and applies it; renews the tablet's templates first when it
 * names a newer template key. A delta the tablet cannot build on is followed, in the same run, by the full bundle.
 */
export async function pullBundle(
  db: GateDb,
  client: DistrictClient,
  pairing: Pairing,
  nowMs: number,
  options: ApplyOptions = {},
  onRenewal?: (r: Extract<RenewalResult, { kind: 'renewed' }>) => void,
): Promise<PullOutcome> {
  const held = await readAppliedBundle(db);
  let since = held?.rosterDigest !== undefined ? held.version : undefined;
  for (;;) {
    const answer = await client.bundle(since);
    if (!answer.ok) return { kind: 'failed', failure: answer };
    const outcome = await receiveBundle(db, answer.body, pairing, nowMs, options, async (payload) => {
      const renewal = await renewTemplateKey(db, client, pairing, payload.templateKeyVersion, nowMs);
      if ('ok' in renewal) return renewal;
      if (renewal.kind === 'renewed') onRenewal?.(renewal);
      return null;
    });
    if (outcome.kind !== 'needs-full') return outcome;
    if (since === undefined) return { kind: 'refused', code: 'bundle-digest', message: outcome.reason };
    since = undefined;
  }
}

/** The next pull asks for the full bundle (its templates are imported again): the held roster is kept meanwhile. */
async function askForFullBundle(db: GateDb): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    const held = await getMeta(db, BUNDLE_KEY);
    if (held === undefined) return;
    const { rosterDigest: _dropped, ...rest } = held;
    await putMeta(db, BUNDLE_KEY, rest);
  });
}

/**
 * A tablet paired before the district sent its template key in the pairing answer fetches it once (signed request),
 * moves its templates to the district's rotation, and takes the full bundle next (its templates can be opened now).
 * True when installed.
 */
export async function ensureTemplateKey(
  db: GateDb,
  client: DistrictClient,
  pairing: Pairing,
  nowMs: number,
): Promise<CallFailure | boolean> {
  const held = (await TemplateVault.open(db, nowMs)).transport;
  if (held !== null && held.districtId === pairing.districtId) return false;
  // A tablet paired before wrapping keys gives one first: the key then comes wrapped to it, not in clear.
  const current = await ensureWrapKey(db, client, pairing);
  const answer = await client.templateKey();
  if (!answer.ok) return answer;
  const installed = await installDistrictTemplateKey(db, await openTemplateKey(answer.body, current), pairing.districtId, nowMs);
  if (installed === 'malformed')
    return { ok: false, kind: 'bad-response', status: 200, message: 'the district sent a malformed template key' };
  if (installed !== 'installed') return false;
  await askForFullBundle(db);
  return true;
}

/**
 * The `afterPush` step of syncOnce: the district's template key if the tablet lacks it, enrolment templates and purge
 * receipts up, bundle down. `onApplied` lets the gate reload its roster and gallery (and its key).
 */
export function pullStep(
  db: GateDb,
  now: () => number,
  onApplied?: (result?: Extract<ApplyResult, { kind: 'applied' }>) => void,
  options: ApplyOptions = {},
) {
  return async (client: DistrictClient, pairing: Pairing): Promise<RunOutcome> => {
    const keyed = await ensureTemplateKey(db, client, pairing, now());
    if (typeof keyed !== 'boolean') return failureOutcome(db, keyed, now());
    if (keyed) onApplied?.();
    const uploadFailure = await uploadQueuedTemplates(db, client);
    if (uploadFailure !== null) return failureOutcome(db, uploadFailure, now());
    const receiptFailure = await pushReceipts(db, client, pairing);
    if (receiptFailure !== null) return failureOutcome(db, receiptFailure, now());
    const auditFailure = await uploadAudit(db, client);
    if (auditFailure !== null) return failureOutcome(db, auditFailure, now());
    let renewed = false;
    const pulled = await pullBundle(db, client, pairing, now(), options, () => {
      renewed = true;
    });
    if (renewed) {
      // The gate matches and enrols under the new rotation from now on; templates enrolled here under the old key (and
      // renewed just now) go up under the new one.
      onApplied?.();
      const again = await uploadQueuedTemplates(db, client);
      if (again !== null) return failureOutcome(db, again, now());
    }
    if (pulled.kind === 'failed') return failureOutcome(db, pulled.failure, now());
    if (pulled.kind === 'refused') {
      await updateSyncStatus(db, { problem: { code: pulled.code, message: pulled.message, atMs: now() } });
      return { kind: 'blocked', reason: pulled.code };
    }
    if (pulled.kind === 'applied') {
      onApplied?.(pulled.result);
      // Receipts (and audit entries) of what this bundle purged go up in the same run.
      const again = (await pushReceipts(db, client, pairing)) ?? (await uploadAudit(db, client));
      if (again !== null) return failureOutcome(db, again, now());
    }
    // The district keeps an old key version until every tablet said it holds the new one.
    const confirmFailure = await confirmTemplateKey(db, client, pairing, now());
    if (confirmFailure !== null) return failureOutcome(db, confirmFailure, now());
    return { kind: 'done' };
  };
}
