// What the sync client remembers, in the kiosk database's `meta` table: the pairing (device id, site, district key,
// the non-extractable key pair), what the server last said it holds (epoch, head), the last applied bundle, and when
// the district last gave a verified answer about the site.
import type { DeviceId, SiteId } from '../core/types';
import type { GateDb } from '../storage/db';
import type { PublicJwk } from './device-key';

export const PAIRING_KEY = 'sync:pairing';
export const SERVER_KEY = 'sync:server';
export const BUNDLE_KEY = 'sync:bundle';
export const STATUS_KEY = 'sync:status';

export interface Pairing {
  deviceId: DeviceId;
  siteId: SiteId;
  districtId: string;
  baseUrl: string;
  /** The district's gallery-bundle key, pinned at pairing. */
  bundleKeyJwk: PublicJwk;
  /** Private half non-extractable; IndexedDB stores the CryptoKey objects themselves. */
  keyPair: CryptoKeyPair;
  pairedAtMs: number;
}

export interface ServerView {
  epoch: string;
  /** The highest sequence number of this device the server holds (its chain head). */
  headSeq: number;
}

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

async function read<T>(db: GateDb, key: string): Promise<T | null> {
  const entry = await db.meta.get(key);
  return entry === undefined ? null : (entry.value as T);
}

export const readPairing = (db: GateDb) => read<Pairing>(db, PAIRING_KEY);
export const readServerView = (db: GateDb) => read<ServerView>(db, SERVER_KEY);
export const readAppliedBundle = (db: GateDb) => read<AppliedBundle>(db, BUNDLE_KEY);
export async function readSyncStatus(db: GateDb): Promise<SyncStatus> {
  return (await read<SyncStatus>(db, STATUS_KEY)) ?? { lastAttemptAtMs: null, lastSuccessAtMs: null, problem: null };
}

export async function writeMeta(db: GateDb, key: string, value: unknown): Promise<void> {
  await db.meta.put({ key, value });
}

export async function updateSyncStatus(db: GateDb, patch: Partial<SyncStatus>): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    const current = await readSyncStatus(db);
    await db.meta.put({ key: STATUS_KEY, value: { ...current, ...patch } });
  });
}
