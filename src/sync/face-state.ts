// Whether this tablet may match faces right now, from what its database holds: the pairing, the site's settings from
// the last applied bundle, and the last completed sync (see faceMatchingState in src/core/sync-schedule.ts).
import { faceMatchingState, type FaceMatchingState } from '../core/sync-schedule';
import type { GateDb } from '../storage/db';
import { readSiteSettings } from './bundle';
import { defaultSyncConfig } from '../config';
import { readPairing, readSyncStatus } from './sync-state';

/** The face-matching state from what the database holds now. */
export async function currentFaceState(
  db: GateDb,
  nowMs: number,
  defaultMaxOfflineFaceDays = defaultSyncConfig.defaultMaxOfflineFaceDays,
): Promise<FaceMatchingState> {
  const [pairing, settings, status] = await Promise.all([readPairing(db), readSiteSettings(db), readSyncStatus(db)]);
  return faceMatchingState({
    nowMs,
    paired: pairing !== null,
    lastSuccessAtMs: status.lastSuccessAtMs,
    pairedAtMs: pairing?.pairedAtMs ?? nowMs,
    biometricsEnabled: settings?.biometricsEnabled ?? null,
    maxOfflineFaceDays: settings?.maxOfflineFaceDays ?? defaultMaxOfflineFaceDays,
  });
}
