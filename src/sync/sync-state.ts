// What the sync client remembers, in the kiosk database's `meta` table: the pairing (device id, site, district key,
// the non-extractable key pair), what the server last said it holds (epoch, head), the last applied bundle, and when
// the district last gave a verified answer about the site.
import type { GateDb } from '../storage/db';
import { getMeta, updateMeta, type AppliedBundle, type Pairing, type ServerView, type SyncStatus } from '../storage/meta.repo';

export type { AppliedBundle, Pairing, ServerView, SyncStatus };

export const PAIRING_KEY = 'sync:pairing';
export const SERVER_KEY = 'sync:server';
export const BUNDLE_KEY = 'sync:bundle';

export const readPairing = async (db: GateDb): Promise<Pairing | null> => (await getMeta(db, PAIRING_KEY)) ?? null;
export const readServerView = async (db: GateDb): Promise<ServerView | null> => (await getMeta(db, SERVER_KEY)) ?? null;
export const readAppliedBundle = async (db: GateDb): Promise<AppliedBundle | null> => (await getMeta(db, BUNDLE_KEY)) ?? null;
const noStatus: SyncStatus = { lastAttemptAtMs: null, lastSuccessAtMs: null, problem: null };
export async function readSyncStatus(db: GateDb): Promise<SyncStatus> {
  return (await getMeta(db, 'sync:status')) ?? noStatus;
}

export async function updateSyncStatus(db: GateDb, patch: Partial<SyncStatus>): Promise<void> {
  await updateMeta(db, 'sync:status', (current = noStatus) => ({ ...current, ...patch }));
}
