// The second half of a sync run: fetch the district's template key if the tablet lacks it, upload queued enrolment
// templates (src/sync/template-upload.ts), send pending purge receipts (dropped only once acknowledged) and the audit
// log (src/sync/audit-upload.ts), then fetch the signed bundle, verify it, renew the tablet's templates when it names
// a newer district template key (src/sync/template-renewal.ts), and apply it with the templates enrolled on the
// district's other tablets (src/sync/template-transport.ts). A refused bundle is a problem for staff (code
// sync.problem.bundle-*) and leaves everything the tablet had; network and server failures are retried by the runner.
import { signPurgeReceipt } from '../protocol/purge-receipt-signature';
import type { GateDb } from '../storage/db';
import { TemplateVault } from '../storage/template-vault';
import { localDayKey } from '../core/attendance-rules';
import type { BundlePayload } from '../core/bundle-shape';
import { EMBEDDER_MODEL_ID } from '../pipeline/models/embedder.model';
import { dropAckedReceipts, readPendingReceipts } from '../storage/purge-receipts.repo';
import { applyBundle, consentedChildren, readHeldGallery, verifyBundle, type ApplyOptions, type ApplyResult } from './bundle';
import { importHeldGallery, installDistrictTemplateKey, planGalleryImport } from './template-transport';
import type { CallFailure, DistrictClient } from './district-client';
import type { RunOutcome } from './runner';
import { readAppliedBundle, updateSyncStatus, type Pairing } from './sync-state';
import { uploadQueuedTemplates } from './template-upload';
import { uploadAudit } from './audit-upload';
import { confirmTemplateKey, renewTemplateKey, type RenewalResult } from './template-renewal';

export type PullOutcome =
  | { kind: 'applied'; result: Extract<ApplyResult, { kind: 'applied' }> }
  | { kind: 'unchanged'; version: number }
  | { kind: 'refused'; code: string; message: string }
  | { kind: 'failed'; failure: CallFailure };

const RECEIPT_BATCH = 500;

function failureOutcome(f: CallFailure): RunOutcome {
  if (f.kind === 'network' || f.kind === 'server') return { kind: 'retry', reason: f.kind === 'server' ? `server ${f.status}` : 'network' };
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
 * Verifies a signed bundle as it came off the wire and applies it when it is good and newer. `beforeImport` runs on a
 * verified, newer payload before its templates are opened (the key renewal); a failure there applies nothing.
 */
export async function receiveBundle(
  db: GateDb,
  signed: unknown,
  pairing: Pairing,
  nowMs: number,
  options: ApplyOptions = {},
  beforeImport?: (p: BundlePayload) => Promise<CallFailure | null>,
): Promise<PullOutcome> {
  const check = await verifyBundle(signed, {
    bundleKeyJwk: pairing.bundleKeyJwk,
    siteId: pairing.siteId,
    districtId: pairing.districtId,
    held: await readAppliedBundle(db),
    nowMs,
  });
  if (check.kind === 'refused') return { kind: 'refused', code: check.code, message: check.message };
  if (check.kind === 'unchanged') return { kind: 'unchanged', version: check.version };
  const failure = beforeImport === undefined ? null : await beforeImport(check.payload);
  if (failure !== null) return { kind: 'failed', failure };
  // Templates enrolled on the district's other tablets: opened and re-sealed here, stored by applyBundle's transaction.
  const consented = consentedChildren(check.payload, (options.dayKey ?? localDayKey)(nowMs));
  const plan = await planGalleryImport(db, check.payload, consented, { modelId: options.modelId ?? EMBEDDER_MODEL_ID, nowMs });
  const result = await applyBundle(db, check.payload, nowMs, { ...options, imports: plan.imports });
  if (result.kind === 'stale') return { kind: 'unchanged', version: result.heldVersion };
  return { kind: 'applied', result };
}

/** Fetches, verifies and applies the bundle; renews the tablet's templates first when it names a newer template key. */
export async function pullBundle(
  db: GateDb,
  client: DistrictClient,
  pairing: Pairing,
  nowMs: number,
  options: ApplyOptions = {},
  onRenewal?: (r: Extract<RenewalResult, { kind: 'renewed' }>) => void,
): Promise<PullOutcome> {
  const answer = await client.bundle();
  if (!answer.ok) return { kind: 'failed', failure: answer };
  return receiveBundle(db, answer.body, pairing, nowMs, options, async (payload) => {
    const renewal = await renewTemplateKey(db, client, pairing, payload.templateKeyVersion, nowMs);
    if ('ok' in renewal) return renewal;
    if (renewal.kind === 'renewed') onRenewal?.(renewal);
    return null;
  });
}

/**
 * A tablet paired before the district sent its template key in the pairing answer fetches it once (signed request),
 * moves its templates to the district's rotation and imports the templates of the gallery it holds. True when installed.
 */
export async function ensureTemplateKey(
  db: GateDb,
  client: DistrictClient,
  pairing: Pairing,
  nowMs: number,
  modelId = EMBEDDER_MODEL_ID,
): Promise<CallFailure | boolean> {
  const held = (await TemplateVault.open(db, nowMs)).transport;
  if (held !== null && held.districtId === pairing.districtId) return false;
  const answer = await client.templateKey();
  if (!answer.ok) return answer;
  const installed = await installDistrictTemplateKey(db, answer.body, pairing.districtId, nowMs);
  if (installed === 'malformed')
    return { ok: false, kind: 'bad-response', status: 200, message: 'the district sent a malformed template key' };
  if (installed !== 'installed') return false;
  await importHeldGallery(db, await readHeldGallery(db), pairing.districtId, modelId, nowMs);
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
    const keyed = await ensureTemplateKey(db, client, pairing, now(), options.modelId);
    if (typeof keyed !== 'boolean') return failureOutcome(keyed);
    if (keyed) onApplied?.();
    const uploadFailure = await uploadQueuedTemplates(db, client);
    if (uploadFailure !== null) return failureOutcome(uploadFailure);
    const receiptFailure = await pushReceipts(db, client, pairing);
    if (receiptFailure !== null) return failureOutcome(receiptFailure);
    const auditFailure = await uploadAudit(db, client);
    if (auditFailure !== null) return failureOutcome(auditFailure);
    let renewed = false;
    const pulled = await pullBundle(db, client, pairing, now(), options, () => {
      renewed = true;
    });
    if (renewed) {
      // The gate matches and enrols under the new rotation from now on; templates enrolled here under the old key (and
      // renewed just now) go up under the new one.
      onApplied?.();
      const again = await uploadQueuedTemplates(db, client);
      if (again !== null) return failureOutcome(again);
    }
    if (pulled.kind === 'failed') return failureOutcome(pulled.failure);
    if (pulled.kind === 'refused') {
      await updateSyncStatus(db, { problem: { code: pulled.code, message: pulled.message, atMs: now() } });
      return { kind: 'blocked', reason: pulled.code };
    }
    if (pulled.kind === 'applied') {
      onApplied?.(pulled.result);
      // Receipts (and audit entries) of what this bundle purged go up in the same run.
      const again = (await pushReceipts(db, client, pairing)) ?? (await uploadAudit(db, client));
      if (again !== null) return failureOutcome(again);
    }
    // The district keeps an old key version until every tablet said it holds the new one.
    const confirmFailure = await confirmTemplateKey(db, client, pairing, now());
    if (confirmFailure !== null) return failureOutcome(confirmFailure);
    return { kind: 'done' };
  };
}
