// Enrolment settings with their documented defaults (the kiosk-wide thresholds stay in src/config.ts).

export interface EnrolConfig {
  /** Templates older than this stop matching and the roster says "re-enrol" (children's faces change as they grow). */
  templateLifetimeDays: number;
  /** Good samples the guided capture collects (each one becomes a template). */
  guidedSamples: number;
  /** The guided capture gives up after this long and tells staff why (a cooperative child needs about 5 s). */
  guidedTimeoutMs: number;
  /** Minimum time between two accepted samples, so that they come from slightly different poses. */
  guidedSampleGapMs: number;
}

export const defaultEnrolConfig: Readonly<EnrolConfig> = Object.freeze({
  templateLifetimeDays: 365,
  guidedSamples: 5,
  guidedTimeoutMs: 15_000,
  guidedSampleGapMs: 350,
});

export const DAY_MS = 86_400_000;

export function templateLifetimeMs(config: Readonly<EnrolConfig> = defaultEnrolConfig): number {
  return config.templateLifetimeDays * DAY_MS;
}
