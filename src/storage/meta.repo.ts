// The `meta` table as a typed store: every key the kiosk keeps there and the type of its value, in ONE map below;
// reads and writes are typed by key, so no caller casts. Each call joins the caller's transaction when that one has
// `db.meta` in its scope (Dexie), so a value commits with the change it belongs to.
import type { ReaderHealth } from '../core/reader-health';
import type { DriftSummary } from '../core/drift';
import type { SiteSettings } from '../core/bundle-shape';
import type { ChildId, DeviceId, SiteId } from '../core/types';
import type { components } from '../protocol/api-types.generated';
import type { GateDb } from './db';
import type { GateSiteSettings, SavedReader } from './readers.repo';
import type { RosterInfo } from './roster.repo';
import type { DistrictKeyEntry } from './template-vault';

/** The staff PIN as stored: a PBKDF2-SHA256 hash with its per-device salt, never the PIN. */
export interface StoredPin {
  algorithm: 'PBKDF2-SHA256';
  iterations: number;
  /** Base64 of the per-device random salt. */
  salt: string;
  /** Base64 of the derived key. */
  hash: string;
  setAtMs: number;
}

/** Wrong PINs in a row and until when the keypad refuses to check another one. */
export interface PinLock {
  failures: number;
  lockedUntilMs: number;
  /** When the last wrong entry was made (records written before 2026-12-07 lack it). */
  lastWrongAtMs?: number;
}

/** A device's last sequence number and the hash of its last event (`seq` 0 and the genesis hash before the first). */
export interface ChainHead {
  seq: number;
  lastHash: string;
}

/** A P-256 public key as a JWK (the district's bundle key, pinned at pairing). */
export interface PublicJwk {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
}

/** This tablet's pairing with its district. */
export interface Pairing {
  deviceId: DeviceId;
  siteId: SiteId;
  districtId: string;
  baseUrl: string;
  /** The district's gallery-bundle key, pinned at pairing. */
  bundleKeyJwk: PublicJwk;
  /** Private half non-extractable; IndexedDB stores the CryptoKey objects themselves. */
  keyPair: CryptoKeyPair;
  /**
   * The ECDH key the district wraps the template key to (src/protocol/key-wrap.ts), private half non-extractable;
   * absent on a tablet paired before, until it registers one (src/sync/template-key-open.ts).
   */
  wrapKeyPair?: CryptoKeyPair;
  /** The district has the wrapping key (given at pairing, or registered since): it no longer sends the key in clear. */
  wrapKeyRegistered?: boolean;
  pairedAtMs: number;
}

/** What the district last said it holds of this device's chain. */
export interface ServerView {
  epoch: string;
  /** The highest sequence number of this device the server holds (its chain head). */
  headSeq: number;
}

/** The last bundle applied (its version never goes back). */
export interface AppliedBundle {
  version: number;
  issuedAtMs: number;
  /** Fresh until then: moved on by every verified answer that confirms this version. */
  expiresAtMs: number;
  appliedAtMs: number;
  /** The roster digest of this version (src/protocol/bundle-digest.ts); absent: the tablet cannot take a delta on it. */
  rosterDigest?: string;
}

export interface SyncStatus {
  lastAttemptAtMs: number | null;
  /** The last verified, fresh district answer about the site (a bundle, a delta, or "unchanged" for this request). */
  lastSuccessAtMs: number | null;
  /** A problem that needs a person (refused pairing, broken chain, bad bundle); null when fine. */
  problem: { code: string; message: string; atMs: number } | null;
}

/** What the tablet holds of the district's gallery: the version of the bundle its templates came with. */
export interface HeldGallery {
  version: number;
}

/** A purge receipt waiting to be signed and sent (the district keeps it as proof of deletion). */
export type PurgeReceipt = components['schemas']['PurgeReceipt'];
/** An enrolment template waiting for upload: ids only; the ciphertext is made from the stored template when it is sent. */
export type QueuedTemplateUpload = Omit<components['schemas']['TemplateUpload'], 'ciphertext'>;

/**
 * The recognition self-test's figures last acknowledged by the district (verified), or last refused by it: what they
 * were computed from (a revision of the gallery, thresholds and models; never sent) and when. Numbers only.
 */
export interface RecognitionReportSent {
  uploaded: { revision: string; computedAtMs: number; atMs: number } | null;
  refused: { revision: string; code: string; atMs: number } | null;
}

/** Another tablet of the site as the district last described it (GET /v1/site-events). */
export interface SiteTabletState {
  deviceId: string;
  name: string;
  /** Its last sync, moved to this tablet's clock (the district's time plus this tablet's offset from it); null: never. */
  lastSeenAtMs: number | null;
}

/** The site-events feed of the day (src/sync/site-feed.ts): where it stopped, and the site's other tablets. */
export interface SiteFeedState {
  /** The site day the cursor and the copies belong to. */
  dayKey: string;
  /** The district's cursor after the last page stored ('' before the first). */
  cursor: string;
  tablets: SiteTabletState[];
  /** When (this tablet's clock) the last verified page was stored. */
  fetchedAtMs: number;
  /** Why the last try failed, if it did (what is held stays in use). */
  problem?: { code: string; message: string; atMs: number } | null;
  /** Staff on duty at the other tablets when the last page was stored (absent before any, or from an older district). */
  staff?: SiteStaffState[];
}

/** A member of staff on duty at another tablet of the site, as the district said (times are that tablet's clock). */
export interface SiteStaffState {
  deviceName: string;
  name: string;
  group: string | null;
  signedInAtMs: number;
}

/** Every key of `meta` and the type of its value. */
export interface MetaValues {
  /** This tablet's id for its attendance chain (local until pairing gives the registered one). */
  'device-id': DeviceId;
  /** One chain head per device id: a re-paired tablet starts a fresh chain at seq 1. */
  [chainHead: `chain:${string}`]: ChainHead;
  'staff-pin': StoredPin;
  'staff-pin-lock': PinLock;
  /** The tablet-wide back-off on pickup codes (src/gate/pickup-code-lock.ts). */
  'pickup-code-lock': PinLock;
  /** The hash of the stored PIN last found not to be the demo's (src/gate/staff-pin.ts withdrawStaffPinIf). */
  'staff-pin-withdrawal-checked': string;
  /** The roster held (the children themselves are in `children`). */
  roster: RosterInfo;
  'gate:readers': SavedReader[];
  /** The readers' health last written to the audit chain for the district (src/runtime/reader-health-audit.ts). */
  'gate:reader-health': ReaderHealth;
  'gate:settings': GateSiteSettings;
  /** Twin flags staff confirmed here that the district has not sent back yet. */
  'enrol:twins': ChildId[];
  /** AES-KW, non-extractable: wraps every child key. */
  'vault:device-key': CryptoKey;
  'vault:district-key': DistrictKeyEntry;
  'sync:pairing': Pairing;
  'sync:server': ServerView;
  'sync:bundle': AppliedBundle;
  'sync:status': SyncStatus;
  'sync:settings': SiteSettings;
  /** The site's IANA time zone (from the bundle held): consent dates and attendance days are counted in it. */
  'sync:time-zone': string;
  'sync:gallery': HeldGallery;
  /** Each child's roster digest (src/protocol/bundle-digest.ts) as of the version held: what a delta is checked against. */
  'sync:roster-digests': Record<string, string>;
  'sync:purge-receipts': PurgeReceipt[];
  'sync:template-uploads': QueuedTemplateUpload[];
  /** The last audit entry the district acknowledged. */
  'sync:audit-cursor': number;
  /** The recognition self-test's figures the district last acknowledged (src/sync/recognition-report-upload.ts). */
  'sync:recognition-report': RecognitionReportSent;
  /** The template key version this tablet last confirmed to the district. */
  'sync:template-key-confirmed': number;
  /** The site's other tablets' events feed: cursor, tablets, freshness (copies are in `siteEvents`). */
  'sync:site-feed': SiteFeedState;
  /** Per enrolled child: the recent face scores and how arrivals ended (src/core/drift.ts; numbers only). */
  'recognition:drift': Record<string, DriftSummary>;
}

export type MetaKey = keyof MetaValues;

/** The chain head's key of a device. */
export const chainHeadKey = (deviceId: DeviceId): `chain:${string}` => `chain:${deviceId}`;

export async function getMeta<K extends MetaKey>(db: GateDb, key: K): Promise<MetaValues[K] | undefined> {
  return (await db.meta.get(key))?.value as MetaValues[K] | undefined;
}

export async function putMeta<K extends MetaKey>(db: GateDb, key: K, value: MetaValues[K]): Promise<void> {
  await db.meta.put({ key, value });
}

export async function deleteMeta(db: GateDb, key: MetaKey): Promise<void> {
  await db.meta.delete(key);
}

/** Reads, changes and writes one value in one transaction (`change` gets undefined when there is none yet). */
export async function updateMeta<K extends MetaKey>(
  db: GateDb,
  key: K,
  change: (current: MetaValues[K] | undefined) => MetaValues[K],
): Promise<MetaValues[K]> {
  return db.transaction('rw', db.meta, async () => {
    const next = change(await getMeta(db, key));
    await putMeta(db, key, next);
    return next;
  });
}
