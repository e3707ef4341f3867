// Boots the gate with what district sync holds: the site's match thresholds, no demo roster once the tablet is paired
// (or about to pair), and no face matching while the site has biometrics off or the tablet has been offline longer
// than `maxOfflineFaceDays` (the gallery is emptied in memory; bracelets and staff marking keep working).
import { validateConfig } from '../config';
import type { FaceMatchingState } from '../core/sync-schedule';
import { bootGate, type GateBootOptions, type GateServices } from '../gate/boot';
import { openGateDb } from '../storage/db';
import { readSiteSettings } from './bundle';
import { currentFaceState } from './face-state';
import { initialPairCode } from './kiosk-sync';
import { readPairing } from './sync-state';

export interface SyncedGate {
  services: GateServices;
  face: FaceMatchingState;
}

export async function bootSyncedGate(options: GateBootOptions): Promise<SyncedGate> {
  const now = options.now ?? Date.now;
  const db = options.db ?? openGateDb();
  await db.open();
  const [pairing, settings] = await Promise.all([readPairing(db), readSiteSettings(db)]);
  let config = options.config;
  if (settings !== null) {
    try {
      config = validateConfig({
        ...options.config,
        matchThreshold: settings.matchThreshold,
        matchMargin: Math.max(0.01, settings.matchMargin),
      });
    } catch {
      // Out of the kiosk's safe range: keep the kiosk's own thresholds.
    }
  }
  const pairingSoon = pairing !== null || initialPairCode !== null;
  const { initialRoster, ...rest } = options;
  const services = await bootGate({ ...rest, config, db, ...(pairingSoon || initialRoster === undefined ? {} : { initialRoster }) });
  const face = await currentFaceState(db, now());
  if (!face.allowed) for (const child of services.roster.children) services.gallery.removeChild(child.id);
  services.faceMatching = face.allowed;
  services.biometricsEnabled = settings?.biometricsEnabled ?? true;
  return { services, face };
}
