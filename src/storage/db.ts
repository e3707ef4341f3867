// The kiosk's IndexedDB database (Dexie 4, `gate-kiosk`): events, outbox, meta; strict durability, so a committed
// event is on disk before the greeting. Later issues add tables as `this.version(2).stores({...})`; never edit v1.
import Dexie, { type DexieOptions, type Table } from 'dexie';
import type { AttendanceEvent } from '../core/attendance-rules';

export const DB_NAME = 'gate-kiosk';

/** An event waiting to be pushed to the district server; removed only when the server acknowledged it. */
export interface OutboxEntry {
  eventId: string;
  queuedAtMs: number;
  attempts: number;
  lastAttemptAtMs: number | null;
}

/** Small typed key/value records (device chain head, later: pairing, last sync). */
export interface MetaEntry {
  key: string;
  value: unknown;
}

/** Version 1 schema. Indexes only: Dexie stores every other field too. */
export const schemaV1 = {
  // `&[deviceId+seq]` is unique: two events can never share a sequence number, even from two tabs.
  events: 'id, &[deviceId+seq], [childId+dayKey], dayKey, atMs',
  outbox: 'eventId, queuedAtMs',
  meta: 'key',
} as const;

export class GateDb extends Dexie {
  events!: Table<AttendanceEvent, string>;
  outbox!: Table<OutboxEntry, string>;
  meta!: Table<MetaEntry, string>;

  /** `options` is for tests (e.g. a fake indexedDB); the durability cannot be relaxed through it. */
  constructor(name: string = DB_NAME, options: DexieOptions = {}) {
    super(name, { ...options, chromeTransactionDurability: 'strict' });
    this.version(1).stores(schemaV1);
  }
}

export function openGateDb(name: string = DB_NAME, options?: DexieOptions): GateDb {
  return new GateDb(name, options);
}
