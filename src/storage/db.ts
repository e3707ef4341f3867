// The kiosk's IndexedDB database (Dexie 4, `gate-kiosk`): events, outbox, meta (v1); children and face templates (v2);
// sealed templates, wrapped per-child keys and the audit log (v3); read-only copies of the site's other tablets' events
// of the day, for the roll call (v4); the district's authorised pickups per child and the staff signed in on duty (v5).
// Strict durability, so a committed event is on disk before the greeting. New tables come as a new version; never edit old ones.
import Dexie, { type DexieOptions, type Table } from 'dexie';
import type { AttendanceEvent } from '../core/attendance-rules';
import type { AuditEntry } from '../protocol/audit-chain';
import type { ChildId, TemplateId } from '../core/types';
import type { RosterChild } from './roster-format';
import type { BundlePickups } from '../core/bundle-shape';

const DB_NAME = 'gate-kiosk';

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
const schemaV1 = {
  // `&[deviceId+seq]` is unique: two events can never share a sequence number, even from two tabs.
  events: 'id, &[deviceId+seq], [childId+dayKey], dayKey, atMs',
  outbox: 'eventId, queuedAtMs',
  meta: 'key',
} as const;

/**
 * One face template, sealed: the 512-d embedding of one enrolment sample, rotated with the district's secret rotation
 * and encrypted (AES-GCM) under its child's key. Never an image. Only children with an active face consent have any.
 */
export interface TemplateRecord {
  id: TemplateId;
  childId: ChildId;
  /** The embedder that made it (templates of another model cannot be compared and are not loaded). */
  modelId: string;
  createdAtMs: number;
  /** Version of the district key whose rotation was applied. */
  keyVersion: number;
  /** AES-GCM nonce (12 bytes). */
  iv: Uint8Array;
  /** AES-GCM ciphertext of the rotated Float32 embedding (2,048 bytes + 16 tag bytes). */
  ciphertext: Uint8Array;
}

/** A child's template key, wrapped (AES-KW) under this tablet's non-extractable device key. Deleting it makes every copy of the child's templates unreadable. */
export interface ChildKeyRecord {
  childId: ChildId;
  wrapped: Uint8Array;
  createdAtMs: number;
}

/** Version 2: the roster (children, from the district or the demo fixture) and the face templates. v1 data is kept as is. */
const schemaV2 = {
  // braceletUid is indexed for the tap lookup; children without a bracelet (null) are simply not in that index.
  children: 'id, braceletUid, group',
  templates: 'id, childId',
} as const;

/** Version 3: per-child wrapped keys and the hash-chained audit log. Templates from v2 were plaintext: they are deleted (staff re-enrol). */
const schemaV3 = {
  childKeys: 'childId',
  audit: 'seq, kind, atMs',
} as const;

/**
 * An attendance event another tablet of the site recorded, as the district gave it back (GET /v1/site-events, verified):
 * a read-only copy for the roll call. Never in `events`, the outbox or this tablet's chain; deleted once its day is over.
 */
export interface SiteEventCopy {
  /** The event's id (UUIDv7, unique across the district's tablets). */
  id: string;
  /** The site day it belongs to (`YYYY-MM-DD`). */
  dayKey: string;
  /** The tablet that recorded it, and that tablet's name at the district. */
  deviceId: string;
  deviceName: string;
  event: AttendanceEvent;
}

/** Version 4: the site's other tablets' events of the day (src/sync/site-feed.ts). */
const schemaV4 = {
  siteEvents: 'id, dayKey',
} as const;

/** Version 5: each child's pickup entries as the bundle carries them (one row per child), and staff on duty. */
const schemaV5 = {
  pickups: 'childId',
  staffDuty: 'id, signedOutAtMs',
} as const;

/**
 * Version 6: other tablets' copies indexed by day and child, so a check-in reads only its own child's copies (a site
 * with several doors holds hundreds of them by the morning's end), not the whole day's.
 */
const schemaV6 = {
  siteEvents: 'id, dayKey, [dayKey+event.childId]',
} as const;

/**
 * A member of staff who signed in on duty at this tablet (after the shared staff PIN): the name they typed, the group
 * they look after (null: none in particular), when. Kept on this tablet only; the audit log gets the id and group.
 */
export interface StaffDutyRecord {
  id: string;
  name: string;
  group: string | null;
  signedInAtMs: number;
  /** 0 while on duty (an index cannot hold null), else when they signed out. */
  signedOutAtMs: number;
}

export class GateDb extends Dexie {
  events!: Table<AttendanceEvent, string>;
  outbox!: Table<OutboxEntry, string>;
  meta!: Table<MetaEntry, string>;
  children!: Table<RosterChild, ChildId>;
  templates!: Table<TemplateRecord, TemplateId>;
  childKeys!: Table<ChildKeyRecord, ChildId>;
  audit!: Table<AuditEntry, number>;
  siteEvents!: Table<SiteEventCopy, string>;
  pickups!: Table<BundlePickups, string>;
  staffDuty!: Table<StaffDutyRecord, string>;

  /** `options` is for tests (e.g. a fake indexedDB); the durability cannot be relaxed through it. */
  constructor(name: string = DB_NAME, options: DexieOptions = {}) {
    super(name, { ...options, chromeTransactionDurability: 'strict' });
    this.version(1).stores(schemaV1);
    this.version(2).stores(schemaV2);
    this.version(3)
      .stores(schemaV3)
      .upgrade((tx) =>
        tx
          .table('templates')
          .filter((t: { ciphertext?: unknown }) => t.ciphertext === undefined)
          .delete(),
      );
    this.version(4).stores(schemaV4);
    // A tablet that held a roster before it stored pickups asks for the full bundle once (a delta names only children
    // that changed): dropping the held roster digest does that (src/sync/pull.ts), the roster itself stays meanwhile.
    this.version(5)
      .stores(schemaV5)
      .upgrade(async (tx) => {
        const meta = tx.table<MetaEntry, string>('meta');
        const held = await meta.get('sync:bundle');
        if (held !== undefined && typeof held.value === 'object' && held.value !== null && 'rosterDigest' in held.value) {
          const { rosterDigest: _dropped, ...rest } = held.value as Record<string, unknown>;
          await meta.put({ key: 'sync:bundle', value: rest });
        }
      });
    this.version(6).stores(schemaV6);
  }
}

export function openGateDb(name: string = DB_NAME, options?: DexieOptions): GateDb {
  return new GateDb(name, options);
}
