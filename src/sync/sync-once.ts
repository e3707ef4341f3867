// One sync run of a paired kiosk: push the outbox (with epoch reconciliation), then the `afterPush` steps (purge
// receipts, the bundle), prune old acknowledged events. Returns the runner's outcome. The run's success clears the
// staff's problem; the time of the last verified district answer (what face matching depends on) is recorded by the
// step that verified it (src/sync/bundle.ts), never merely because a run ended.
import { wipeRevokedTablet } from './revoked-wipe';
import type { GateDb } from '../storage/db';
import { adoptRegisteredDeviceId } from './adopt-device-id';
import type { DistrictClient } from './district-client';
import { pruneAcknowledged, pushOutbox, type PushOutcome } from './push';
import type { RunOutcome } from './runner';
import { readPairing, readSyncStatus, updateSyncStatus, type Pairing } from './sync-state';

export interface SyncSteps {
  /** After the push: purge receipts, pull + apply. Omitted: push only. */
  afterPush?: (client: DistrictClient, pairing: Pairing) => Promise<RunOutcome>;
}

export interface SyncOnceOptions {
  db: GateDb;
  clientFor: (pairing: Pairing) => DistrictClient;
  now: () => number;
  /** Acknowledged events are kept this many days for local reports. */
  keepAckedDays: number;
  steps?: SyncSteps;
  onPush?: (outcome: PushOutcome) => void;
  /** The district unpaired this tablet and it deleted its children's data (src/sync/revoked-wipe.ts): the gate re-boots. */
  onWiped?: () => void;
}

/**
 * One sync run. A verified `device-revoked` answer (to the push or to the pull) wipes the children's data from the
 * tablet before the run ends blocked.
 */
export async function syncOnce(o: SyncOnceOptions): Promise<RunOutcome> {
  const outcome = await runSync(o);
  if (outcome.kind === 'blocked' && outcome.reason === 'device-revoked') {
    const wiped = await wipeRevokedTablet(o.db, o.now());
    if (wiped.children > 0 || wiped.templates > 0) o.onWiped?.();
  }
  return outcome;
}

async function runSync(o: SyncOnceOptions): Promise<RunOutcome> {
  const pairing = await readPairing(o.db);
  if (pairing === null) return { kind: 'blocked', reason: 'not-paired' };
  await updateSyncStatus(o.db, { lastAttemptAtMs: o.now() });
  // Events a gate recorded under the tablet's local id (before pairing, or before it restarted) join the chain first.
  await adoptRegisteredDeviceId(o.db, pairing.deviceId);
  const client = o.clientFor(pairing);
  const pushed = await pushOutbox(o.db, client, pairing.deviceId, o.now);
  o.onPush?.(pushed);
  if (pushed.kind === 'failed') {
    const f = pushed.failure;
    if (f.kind === 'refused') {
      await updateSyncStatus(o.db, { problem: { code: f.error.code, message: f.error.message, atMs: o.now() } });
      return { kind: 'blocked', reason: f.error.code };
    }
    if (f.kind === 'unverified') {
      await updateSyncStatus(o.db, { problem: { code: 'answer-unverified', message: f.message, atMs: o.now() } });
      return { kind: 'blocked', reason: 'answer-unverified' };
    }
    return { kind: 'retry', reason: f.kind === 'server' ? `server ${f.status}` : f.kind };
  }
  if (pushed.kind === 'stuck') {
    await updateSyncStatus(o.db, { problem: { code: pushed.code, message: pushed.message, atMs: o.now() } });
    return { kind: 'blocked', reason: pushed.code };
  }
  if (o.steps?.afterPush) {
    const after = await o.steps.afterPush(client, pairing);
    if (after.kind !== 'done') return after;
  }
  await pruneAcknowledged(o.db, o.keepAckedDays, o.now());
  if ((await readSyncStatus(o.db)).problem !== null) await updateSyncStatus(o.db, { problem: null });
  return { kind: 'done' };
}
