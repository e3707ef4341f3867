// When a tablet syncs and whether it may still match faces: the site's nightly window (local HH:MM to HH:MM, may
// wrap midnight, on the site's clock) and the offline limit (`maxOfflineFaceDays`). Pure: times are passed in as numbers.
import { dayKeyInZoneOrLocal, siteMinutesOfDay } from './site-day';

export interface NightlyWindow {
  start: string;
  end: string;
}

const DAY_MIN = 24 * 60;

function minutes(hhmm: string): number {
  const m = /^([01][0-9]|2[0-3]):([0-5][0-9])$/.exec(hhmm);
  if (m === null) throw new RangeError(`not a HH:MM time: ${hhmm}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** Is local minute-of-day `nowMin` (0..1439) inside the window? An empty window (start = end) is never open. */
export function inNightlyWindow(nowMin: number, window: NightlyWindow): boolean {
  const start = minutes(window.start);
  const end = minutes(window.end);
  if (start === end) return false;
  return start < end ? nowMin >= start && nowMin < end : nowMin >= start || nowMin < end;
}

/** Minutes from local minute-of-day `nowMin` until the window next opens (0 when it is open now). */
export function minutesUntilWindow(nowMin: number, window: NightlyWindow): number {
  if (inNightlyWindow(nowMin, window)) return 0;
  return (minutes(window.start) - nowMin + DAY_MIN) % DAY_MIN;
}

/**
 * Whether the nightly sync is due at `nowMs`: inside the window on the site's wall clock (its IANA zone from the bundle;
 * null before the first bundle: the tablet's own), and not yet run on that site day (`doneOnDay`). A tablet whose clock
 * zone was set wrong still syncs in the night the district chose. `day`: the site day to remember once triggered.
 */
export function nightlySyncDue(
  nowMs: number,
  window: NightlyWindow,
  timeZone: string | null,
  doneOnDay: string,
): { due: boolean; day: string } {
  const day = dayKeyInZoneOrLocal(nowMs, timeZone);
  return { due: day !== doneOnDay && inNightlyWindow(siteMinutesOfDay(nowMs, timeZone), window), day };
}

export type FaceMatchingState = { allowed: true } | { allowed: false; reason: 'biometrics-off' | 'offline-too-long'; sinceMs?: number };

export interface FaceMatchingInput {
  nowMs: number;
  /** Not paired with a district: the standalone demo decides alone (faces allowed). */
  paired: boolean;
  /** The last complete sync; before the first one, the pairing time. */
  lastSuccessAtMs: number | null;
  pairedAtMs: number;
  biometricsEnabled: boolean | null;
  maxOfflineFaceDays: number;
}

/**
 * Face matching stops when the site switched biometrics off, or when the tablet has not completed a sync for
 * `maxOfflineFaceDays` (it may hold templates whose consent was withdrawn meanwhile). Bracelets are unaffected.
 */
export function faceMatchingState(i: FaceMatchingInput): FaceMatchingState {
  if (!i.paired) return { allowed: true };
  if (i.biometricsEnabled === false) return { allowed: false, reason: 'biometrics-off' };
  const since = i.lastSuccessAtMs ?? i.pairedAtMs;
  if (i.nowMs - since > i.maxOfflineFaceDays * 86_400_000) return { allowed: false, reason: 'offline-too-long', sinceMs: since };
  return { allowed: true };
}
