// Decision -> durable attendance event: rules applied, then event + outbox entry + next seq + chained hash in ONE
// strict transaction. Returns a value; a write that did not commit is never reported as recorded. Never deletes.
import { siteDayKey } from '../core/site-day';
import type { AttendanceEvent, AttendancePlan, CorrectionEvent, Direction, MarkEvent, StaffMember } from '../core/attendance-rules';
import type { PickupConfirmation } from '../core/pickup';
import { planAttendance } from '../core/attendance-rules';
import type { RecognizedDecision } from '../core/decide';
import { hashEvent } from '../protocol/event-chain';
import { defaultGateConfig } from '../config';
import type { ChildId, DeviceId } from '../core/types';
import { createUuidV7 } from '../core/uuidv7';
import type { GateDb } from '../storage/db';
import { childSiteDayEvents } from '../storage/site-events.repo';
import { appendEventInTransaction, appendTables, childDayEvents, getEvent, readChainHead, type ChainHead } from './attendance.repo';

export interface RecordOptions {
  /** GateConfig.checkOutMinIntervalMs (default: the gate default). */
  checkOutMinIntervalMs?: number;
  /** Local day of a time (default: the device's time zone). */
  dayKey?: (ms: number) => string;
  /** Event id for a time (default: a monotonic UUIDv7 generator). */
  newId?: (nowMs: number) => string;
}

export interface MarkOptions extends RecordOptions {
  /** The adult who collects the child, confirmed (a check-out where the child's group needs a pickup). */
  pickup?: PickupConfirmation;
  /** Write only if the rules plan this direction now (a confirmed pickup is a check-out or nothing); else `already`. */
  onlyIf?: Direction;
}

export type StorageFailure = { kind: 'failed'; code: 'storage-full' | 'storage-error'; message: string };

export type RecordResult =
  | { kind: 'recorded'; event: MarkEvent }
  /** A repeat within the interval (or staff asked for the state the child is in): nothing was written. */
  | { kind: 'already'; childId: ChildId; direction: Direction; lastAtMs: number }
  | StorageFailure;

export interface CorrectionInput {
  /** Id of the wrong event. */
  corrects: string;
  /** null: the event should not exist; otherwise the direction it should have had. */
  direction: Direction | null;
  staffNote?: string;
  /** The member of staff on duty who made the correction. */
  staffMember?: StaffMember;
}

export type CorrectionResult =
  { kind: 'recorded'; event: CorrectionEvent } | { kind: 'rejected'; reason: 'event-not-found' } | StorageFailure;

const defaultNewId = createUuidV7();

/** Another writer (another tab) got between our read and our write this many times in a row: give up loudly. */
const MAX_ATTEMPTS = 5;

/**
 * Records a recognised child: reads the child's events of the day, applies the attendance rules and, if an event is
 * due, writes it durably. Only `recorded` means the event is on disk.
 */
export function recordDecision(
  db: GateDb,
  decision: RecognizedDecision,
  nowMs: number,
  deviceId: DeviceId,
  options: MarkOptions = {},
): Promise<RecordResult> {
  const dayKey = options.dayKey ?? siteDayKey;
  const today = dayKey(nowMs);
  const plan = () => planDecision(db, decision, nowMs, options);
  const notDue = (p: AttendancePlan) => p.kind === 'already' || (options.onlyIf !== undefined && p.direction !== options.onlyIf);
  return appendChained<MarkEvent, RecordResult>(db, deviceId, nowMs, options, {
    prepare: async () => {
      const p = await plan();
      if (notDue(p)) {
        const lastAtMs = p.kind === 'already' ? p.lastAtMs : nowMs;
        return { kind: 'already', childId: decision.childId, direction: p.kind === 'already' ? p.direction : options.onlyIf!, lastAtMs };
      }
      if (p.kind !== 'planned') throw new Error('unreachable');
      const draft: Omit<MarkEvent, 'id' | 'deviceId' | 'seq' | 'prevHash'> = {
        type: 'mark',
        childId: decision.childId,
        dayKey: today,
        atMs: nowMs,
        direction: p.direction,
        method: decision.method,
        score: decision.score,
      };
      if (decision.staffNote !== undefined) draft.staffNote = decision.staffNote;
      if (decision.staffMember !== undefined && decision.method === 'staff') draft.staffMember = { ...decision.staffMember };
      if (decision.pad !== undefined) draft.pad = { ...decision.pad };
      if (decision.presence !== undefined && decision.method === 'bracelet') draft.presence = decision.presence;
      if (options.pickup !== undefined && p.direction === 'out') draft.pickup = { ...options.pickup };
      return draft;
    },
    // Re-planned inside the transaction: if the day changed since (another tab recorded the child), start over.
    stillDue: async (event) => {
      const p = await plan();
      return p.kind === 'planned' && p.direction === event.direction;
    },
  });
}

/**
 * What the attendance rules would do with this decision now: over the child's events of the site day on this tablet
 * and the copies of the site's other tablets' events (src/sync/site-feed.ts), so a child checked in at another door
 * before that tablet synced here is checked out here, not in again. Reads only.
 */
export async function planDecision(
  db: GateDb,
  decision: Pick<RecognizedDecision, 'childId' | 'direction'> & Partial<Pick<RecognizedDecision, 'method'>>,
  nowMs: number,
  options: RecordOptions = {},
): Promise<AttendancePlan> {
  const dayKey = options.dayKey ?? siteDayKey;
  const today = dayKey(nowMs);
  const [own, others] = await Promise.all([
    childDayEvents(db, decision.childId, today),
    otherTabletsDayEvents(db, decision.childId, today),
  ]);
  const ownIds = new Set(own.map((e) => e.id));
  return planAttendance({
    childId: decision.childId,
    events: [...own, ...others.filter((e) => !ownIds.has(e.id))],
    nowMs,
    dayKey,
    checkOutMinIntervalMs: options.checkOutMinIntervalMs ?? defaultGateConfig.checkOutMinIntervalMs,
    ...(decision.direction !== undefined ? { requested: decision.direction } : {}),
    ...(decision.method === 'bracelet' ? { deliberate: true } : {}),
  });
}

async function otherTabletsDayEvents(db: GateDb, childId: ChildId, dayKey: string): Promise<AttendanceEvent[]> {
  return (await childSiteDayEvents(db, childId, dayKey)).map((c) => c.event);
}

/** Records a staff correction of an earlier event (a new event referencing it; the wrong event stays as it was). */
export async function recordCorrection(
  db: GateDb,
  correction: CorrectionInput,
  nowMs: number,
  deviceId: DeviceId,
  options: RecordOptions = {},
): Promise<CorrectionResult> {
  return appendChained<CorrectionEvent, CorrectionResult>(db, deviceId, nowMs, options, {
    prepare: async () => {
      const target = await getEvent(db, correction.corrects);
      if (target === undefined) return { kind: 'rejected', reason: 'event-not-found' };
      // Filed under the corrected event's child and day, so the rules of that day see it.
      const draft: Omit<CorrectionEvent, 'id' | 'deviceId' | 'seq' | 'prevHash'> = {
        type: 'correction',
        childId: target.childId,
        dayKey: target.dayKey,
        atMs: nowMs,
        corrects: target.id,
        direction: correction.direction,
      };
      if (correction.staffNote !== undefined) draft.staffNote = correction.staffNote;
      if (correction.staffMember !== undefined) draft.staffMember = { ...correction.staffMember };
      return draft;
    },
    stillDue: async () => true,
  });
}

type Draft<E extends AttendanceEvent> = Omit<E, 'id' | 'deviceId' | 'seq' | 'prevHash'>;

interface AppendSteps<E extends AttendanceEvent, R> {
  /** Reads what it needs and returns the event to write, or a final result (nothing to write). */
  prepare: () => Promise<Draft<E> | Exclude<R, { kind: 'recorded' } | StorageFailure>>;
  /** Runs inside the transaction: whether the event is still the right one to write. */
  stillDue: (event: E) => Promise<boolean>;
}

/**
 * The SHA-256 of Web Crypto is not an IndexedDB request, and awaiting it inside a transaction would let the
 * transaction commit early. So the event is built and hashed first, and the transaction only checks that the chain
 * head is the one it was built on (optimistic concurrency) before writing; otherwise it starts over.
 */
async function appendChained<E extends AttendanceEvent, R>(
  db: GateDb,
  deviceId: DeviceId,
  nowMs: number,
  options: RecordOptions,
  steps: AppendSteps<E, R>,
): Promise<R | { kind: 'recorded'; event: E } | StorageFailure> {
  return serialized(db, async () => {
    try {
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        const head = await readChainHead(db, deviceId);
        const prepared = await steps.prepare();
        if (!isDraft<E>(prepared)) return prepared;
        const event = {
          ...prepared,
          id: (options.newId ?? defaultNewId)(nowMs),
          deviceId,
          seq: head.seq + 1,
          prevHash: head.lastHash,
        } as E;
        const eventHash = await hashEvent(event);
        const written = await db.transaction('rw', [...appendTables(db), db.siteEvents], async () => {
          const current = await readChainHead(db, deviceId);
          if (!sameHead(current, head) || !(await steps.stillDue(event))) return false;
          await appendEventInTransaction(db, event, eventHash, nowMs);
          return true;
        });
        if (written) return { kind: 'recorded', event };
      }
      return { kind: 'failed', code: 'storage-error', message: 'the event chain kept changing during the write' };
    } catch (error) {
      return storageFailure(error);
    }
  });
}

function isDraft<E extends AttendanceEvent>(value: unknown): value is Draft<E> {
  return typeof value === 'object' && value !== null && 'type' in value;
}

function sameHead(a: ChainHead, b: ChainHead): boolean {
  return a.seq === b.seq && a.lastHash === b.lastHash;
}

// Writes from this tab go one at a time, so that two taps at once do not race for the same sequence number.
const queues = new WeakMap<GateDb, Promise<unknown>>();
function serialized<T>(db: GateDb, run: () => Promise<T>): Promise<T> {
  const previous = queues.get(db) ?? Promise.resolve();
  const next = previous.then(run, run);
  queues.set(
    db,
    next.catch(() => undefined),
  );
  return next;
}

/** Maps any error of a failed write to a value: quota problems to `storage-full`, everything else to `storage-error`. */
export function storageFailure(error: unknown): StorageFailure {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { kind: 'failed', code: isQuotaError(error, 0) ? 'storage-full' : 'storage-error', message };
}

function isQuotaError(error: unknown, depth: number): boolean {
  if (depth > 6 || typeof error !== 'object' || error === null) return false;
  const e = error as { name?: unknown; inner?: unknown; cause?: unknown; failures?: unknown };
  // Dexie wraps the DOM error (QuotaExceededError, or AbortError with it as `inner`); Firefox once used its own name.
  if (e.name === 'QuotaExceededError' || e.name === 'NS_ERROR_DOM_QUOTA_REACHED') return true;
  if (isQuotaError(e.inner, depth + 1) || isQuotaError(e.cause, depth + 1)) return true;
  return Array.isArray(e.failures) && e.failures.some((f) => isQuotaError(f, depth + 1));
}
