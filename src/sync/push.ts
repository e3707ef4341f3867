// Pushes this device's outbox to the district in sequence order. An outbox entry is deleted only for an event the
// server acknowledged (stored or duplicate, sent after its commit); a new server epoch, or a server that holds less
// than it acknowledged before, puts the events the tablet still holds back into the outbox (re-push).
import Dexie from 'dexie';
import type { AttendanceEvent } from '../core/attendance-rules';
import type { DeviceId } from '../core/types';
import type { GateDb } from '../storage/db';
import { putMeta } from '../storage/meta.repo';
import type { components } from '../protocol/api-types.generated';
import type { CallFailure, DistrictClient } from './district-client';
import { readServerView, SERVER_KEY, type ServerView } from './sync-state';

type PushResponse = components['schemas']['PushResponse'];
type DeviceState = components['schemas']['DeviceState'];

export const PUSH_BATCH_SIZE = 250;

export type PushOutcome =
  | { kind: 'pushed'; acked: number; requeued: number; remaining: number }
  /** Retry later (network, server error). */
  | { kind: 'failed'; failure: CallFailure; acked: number }
  /** The server refuses part of the chain for a reason a retry will not fix: staff and the district must look. */
  | { kind: 'stuck'; code: 'chain-gap' | 'chain-conflict' | 'bad-response'; message: string; acked: number };

/** Puts back into the outbox this device's events that the tablet holds with seq > `afterSeq` and that are not in it. */
export async function requeueHeldEvents(db: GateDb, deviceId: DeviceId, afterSeq: number, nowMs: number): Promise<number> {
  return db.transaction('rw', db.events, db.outbox, async () => {
    const held = await db.events
      .where('[deviceId+seq]')
      .between([deviceId, afterSeq + 1], [deviceId, Dexie.maxKey])
      .primaryKeys();
    const queued = new Set(await db.outbox.where('eventId').anyOf(held).primaryKeys());
    const missing = held.filter((id) => !queued.has(id));
    await db.outbox.bulkAdd(missing.map((eventId) => ({ eventId, queuedAtMs: nowMs, attempts: 0, lastAttemptAtMs: null })));
    return missing.length;
  });
}

/** Compares what the server says it holds with what it held before; re-queues when it lost something. */
export async function reconcileWithServer(db: GateDb, deviceId: DeviceId, state: DeviceState, nowMs: number): Promise<number> {
  const known = await readServerView(db);
  let requeued = 0;
  if (known === null || known.epoch !== state.epoch || state.head.seq < known.headSeq) {
    requeued = await requeueHeldEvents(db, deviceId, state.head.seq, nowMs);
  }
  const view: ServerView = { epoch: state.epoch, headSeq: state.head.seq };
  if (known?.epoch !== view.epoch || known.headSeq !== view.headSeq) await putMeta(db, SERVER_KEY, view);
  return requeued;
}

function validResponse(body: PushResponse, sent: readonly AttendanceEvent[]): boolean {
  if (typeof body !== 'object' || body === null || !Array.isArray(body.results) || typeof body.epoch !== 'string') return false;
  if (typeof body.head?.seq !== 'number') return false;
  const ids = new Set(sent.map((e) => e.id));
  return body.results.every(
    (r) => typeof r === 'object' && r !== null && ids.has(r.id) && ['stored', 'duplicate', 'rejected'].includes(r.status),
  );
}

/** This device's queued events in sequence order (events of an earlier pairing stay queued and are counted apart). */
async function queuedEvents(db: GateDb, deviceId: DeviceId): Promise<AttendanceEvent[]> {
  const ids = await db.outbox.toCollection().primaryKeys();
  const events = (await db.events.bulkGet(ids)).filter((e): e is AttendanceEvent => e !== undefined && e.deviceId === deviceId);
  return events.sort((a, b) => a.seq - b.seq);
}

export async function pushOutbox(
  db: GateDb,
  client: DistrictClient,
  deviceId: DeviceId,
  now: () => number,
  batchSize = PUSH_BATCH_SIZE,
): Promise<PushOutcome> {
  const state = await client.state();
  if (!state.ok) return { kind: 'failed', failure: state, acked: 0 };
  let requeued = await reconcileWithServer(db, deviceId, state.body, now());
  let acked = 0;
  let gapRetries = 0;
  for (;;) {
    const queue = await queuedEvents(db, deviceId);
    if (queue.length === 0) return { kind: 'pushed', acked, requeued, remaining: 0 };
    const batch = queue.slice(0, batchSize);
    const attemptAt = now();
    await db.outbox
      .where('eventId')
      .anyOf(batch.map((e) => e.id))
      .modify((entry) => {
        entry.attempts += 1;
        entry.lastAttemptAtMs = attemptAt;
      });
    const answer = await client.pushEvents({ events: batch });
    if (!answer.ok) return { kind: 'failed', failure: answer, acked };
    if (!validResponse(answer.body, batch))
      return { kind: 'stuck', code: 'bad-response', message: 'the server answered the push with an unexpected shape', acked };
    const ackedIds = answer.body.results.filter((r) => r.status === 'stored' || r.status === 'duplicate').map((r) => r.id);
    await db.transaction('rw', db.outbox, db.meta, async () => {
      await db.outbox.bulkDelete(ackedIds);
      const view: ServerView = { epoch: answer.body.epoch, headSeq: answer.body.head.seq };
      const known = await readServerView(db);
      // A new epoch seen mid-run is reconciled by the next state call; keep the old one until then.
      if (known === null || known.epoch === view.epoch) await putMeta(db, SERVER_KEY, view);
    });
    acked += ackedIds.length;
    const rejected = answer.body.results.filter((r) => r.status === 'rejected');
    if (rejected.length === 0) continue;
    const first = rejected[0]!;
    if (first.reason === 'seq-gap' && first.expectedSeq !== undefined && gapRetries < 2) {
      // The server lacks events before ours: send them again if the tablet still holds them.
      gapRetries += 1;
      const back = await requeueHeldEvents(db, deviceId, first.expectedSeq - 1, now());
      requeued += back;
      if (back > 0) continue;
      return {
        kind: 'stuck',
        code: 'chain-gap',
        message: `the server expects event ${first.expectedSeq}, which this tablet no longer holds`,
        acked,
      };
    }
    if (first.reason === 'seq-gap')
      return { kind: 'stuck', code: 'chain-gap', message: `the server expects event ${first.expectedSeq ?? '?'}`, acked };
    return { kind: 'stuck', code: 'chain-conflict', message: `the server refused event ${first.id}: ${first.reason ?? 'rejected'}`, acked };
  }
}

/** Deletes acknowledged events (not in the outbox) recorded more than `keepDays` ago; never touches queued ones. */
export async function pruneAcknowledged(db: GateDb, keepDays: number, nowMs: number): Promise<number> {
  const cutoff = nowMs - keepDays * 86_400_000;
  return db.transaction('rw', db.events, db.outbox, async () => {
    const old = await db.events.where('atMs').below(cutoff).primaryKeys();
    const queued = new Set(await db.outbox.where('eventId').anyOf(old).primaryKeys());
    const removable = old.filter((id) => !queued.has(id));
    await db.events.bulkDelete(removable);
    return removable.length;
  });
}
