// Timings of the kiosk's self-update and storage watch, with their units and why they have their values.
// (Kept beside the PWA code; candidates to move into src/config.ts.)
export interface PwaConfig {
  /** The gate counts as idle after this long (ms) with no face, greeting, bracelet or staff action. */
  updateIdleMs: number;
  /** Inside the nightly window a shorter quiet time (ms) is enough: nobody is at the door. */
  nightlyIdleMs: number;
  /** Nightly window, local hours [start, end): updates may apply then with the shorter quiet time. */
  nightlyWindowHours: readonly [number, number];
  /** How often (ms) the kiosk asks the server for a new version while it runs. */
  updateCheckMs: number;
  /** How often (ms) the waiting update re-checks whether the gate went idle. */
  idlePollMs: number;
  /** How often (ms) storage usage and quota are re-read. */
  storageCheckMs: number;
  /** Warn staff when less than this many bytes of the quota are left... */
  storageLowFreeBytes: number;
  /** ...or when more than this fraction of the quota is used. */
  storageLowUsedRatio: number;
}

/** Set by vite.config.ts from GK_UPDATE_IDLE_MS; absent in Node tests. */
declare const __GK_UPDATE_IDLE_MS__: string | undefined;

/** The build's GK_UPDATE_IDLE_MS when it is a whole number of ms from 1 s to 1 h, else 3 minutes. */
export function updateIdleMsFromBuild(value: string | undefined): number {
  const ms = Number(value);
  return value && Number.isInteger(ms) && ms >= 1_000 && ms <= 3_600_000 ? ms : 3 * 60_000;
}

export const pwaConfig: Readonly<PwaConfig> = Object.freeze({
  updateIdleMs: updateIdleMsFromBuild(typeof __GK_UPDATE_IDLE_MS__ === 'string' ? __GK_UPDATE_IDLE_MS__ : undefined),
  nightlyIdleMs: 30_000,
  nightlyWindowHours: [1, 5] as const,
  updateCheckMs: 60 * 60_000,
  idlePollMs: 5_000,
  storageCheckMs: 10 * 60_000,
  storageLowFreeBytes: 200 * 1024 * 1024,
  storageLowUsedRatio: 0.9,
});
