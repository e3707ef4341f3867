// The kiosk's IndexedDB database (Dexie 4, `gate-kiosk`): events, outbox, meta (v1); children and face templates (v2).
// Strict durability, so a committed event is on disk before the greeting. New tables come as a new version; never edit old ones.
import Dexie, { type DexieOptions, type Table } from 'dexie';
import type { AttendanceEvent } from '../core/attendance-rules';
import type { ChildId, TemplateId } from '../core/types';
import type { RosterChild } from './roster-format';

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

/**
 * One face template: a 512-d embedding of one enrolment sample, never an image. Only children with face consent
 * have any (enforced where templates are written and again where the gallery is loaded).
 */
export interface TemplateRecord {
  id: TemplateId;
  childId: ChildId;
  embedding: Float32Array;
  /** The embedder that made it (templates of another model cannot be compared and are not loaded). */
  modelId: string;
  createdAtMs: number;
}

/** Version 2: the roster (children, from the district or the demo fixture) and the face templates. v1 data is kept as is. */
export const schemaV2 = {
  // braceletUid is indexed for the tap lookup; children without a bracelet (null) are simply not in that index.
  children: 'id, braceletUid, group',
  templates: 'id, childId',
} as const;

export class GateDb extends Dexie {
  events!: Table<AttendanceEvent, string>;
  outbox!: Table<OutboxEntry, string>;
  meta!: Table<MetaEntry, string>;
  children!: Table<RosterChild, ChildId>;
  templates!: Table<TemplateRecord, TemplateId>;

  /** `options` is for tests (e.g. a fake indexedDB); the durability cannot be relaxed through it. */
  constructor(name: string = DB_NAME, options: DexieOptions = {}) {
    super(name, { ...options, chromeTransactionDurability: 'strict' });
    this.version(1).stores(schemaV1);
    this.version(2).stores(schemaV2);
  }
}

export function openGateDb(name: string = DB_NAME, options?: DexieOptions): GateDb {
  return new GateDb(name, options);
}
