// Reads and writes of attendance events, their outbox entries and the device's chain head in the Dexie database.
// Appends only: nothing here deletes or changes an event (only a future sync acknowledgement removes them).
import Dexie from 'dexie';
import type { AttendanceEvent } from '../core/attendance-rules';
import { GENESIS_HASH, verifyChain, type ChainVerdict } from '../protocol/event-chain';
import type { ChildId, DeviceId } from '../core/types';
import type { GateDb, OutboxEntry } from '../storage/db';
import { chainHeadKey, getMeta, putMeta, type ChainHead } from '../storage/meta.repo';

export type { ChainHead };

export class AttendanceStorageError extends Error {
  constructor(
    readonly code: 'chain-head-corrupt',
    message: string,
  ) {
    super(message);
  }
}

export async function readChainHead(db: GateDb, deviceId: DeviceId): Promise<ChainHead> {
  // Typed as written, but checked as read: continuing a chain from a damaged head would fork it.
  const value: Partial<ChainHead> | null | undefined = await getMeta(db, chainHeadKey(deviceId));
  if (value === undefined) return { seq: 0, lastHash: GENESIS_HASH };
  if (
    value === null ||
    typeof value !== 'object' ||
    typeof value.seq !== 'number' ||
    !Number.isInteger(value.seq) ||
    value.seq < 0 ||
    typeof value.lastHash !== 'string' ||
    !/^[0-9a-f]{64}$/.test(value.lastHash)
  ) {
    // Continuing from a guessed head would fork the chain; refuse loudly instead.
    throw new AttendanceStorageError('chain-head-corrupt', `chain head for ${deviceId} is malformed`);
  }
  return { seq: value.seq, lastHash: value.lastHash };
}

/** The child's events (marks and corrections) of one local day, in no particular order. */
export function childDayEvents(db: GateDb, childId: ChildId, dayKey: string): Promise<AttendanceEvent[]> {
  return db.events.where('[childId+dayKey]').equals([childId, dayKey]).toArray();
}

/** Every event (marks and corrections) of one local day on the tablet, in no particular order. */
export function dayEvents(db: GateDb, dayKey: string): Promise<AttendanceEvent[]> {
  return db.events.where('dayKey').equals(dayKey).toArray();
}

/** This device's events still on the tablet, in sequence order. */
function deviceEvents(db: GateDb, deviceId: DeviceId): Promise<AttendanceEvent[]> {
  return db.events.where('[deviceId+seq]').between([deviceId, Dexie.minKey], [deviceId, Dexie.maxKey]).toArray();
}

export function getEvent(db: GateDb, id: string): Promise<AttendanceEvent | undefined> {
  return db.events.get(id);
}

/** Events waiting for the server, oldest first. */
export function pendingOutbox(db: GateDb): Promise<OutboxEntry[]> {
  return db.outbox.orderBy('queuedAtMs').toArray();
}

/** The tables an append touches; pass them to `db.transaction('rw', ...)`. */
export function appendTables(db: GateDb) {
  return [db.events, db.outbox, db.meta];
}

/**
 * Inside a caller's rw transaction over `appendTables`: adds the event, its outbox entry and the new chain head.
 * `add` (not `put`) so that an id or sequence number that exists already fails the transaction instead of overwriting.
 */
export async function appendEventInTransaction(db: GateDb, event: AttendanceEvent, eventHash: string, nowMs: number): Promise<void> {
  await db.events.add(event);
  await db.outbox.add({ eventId: event.id, queuedAtMs: nowMs, attempts: 0, lastAttemptAtMs: null });
  const head: ChainHead = { seq: event.seq, lastHash: eventHash };
  await putMeta(db, chainHeadKey(event.deviceId), head);
}

/** Verifies this device's chain on the tablet, including that the newest event matches the recorded head. */
export async function verifyDeviceChain(db: GateDb, deviceId: DeviceId): Promise<ChainVerdict> {
  const [events, head] = await Promise.all([deviceEvents(db, deviceId), readChainHead(db, deviceId)]);
  return verifyChain(events, head.seq > 0 ? { expectedLastHash: head.lastHash } : {});
}
