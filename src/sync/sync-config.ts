// Timings and retention of district sync, with units in the names and why they have their values.
export interface SyncConfig {
  /** Sync this often while online and nothing else triggers it (ms). */
  syncIntervalMs: number;
  /** First back-off ceiling after a failed run (ms); doubles per failure, full jitter. */
  syncRetryBaseMs: number;
  /** Largest back-off ceiling (ms). */
  syncRetryMaxMs: number;
  /** A single request is abandoned after this long (ms) and retried. */
  requestTimeoutMs: number;
  /** Acknowledged events stay on the tablet this many days for local reports, then are deleted. */
  keepAckedDays: number;
  /** Days without a completed sync after which face matching stops, until the first bundle says otherwise. */
  defaultMaxOfflineFaceDays: number;
  /** How often the kiosk re-checks the offline limit and the nightly window (ms). */
  stateCheckMs: number;
}

export const syncConfig: Readonly<SyncConfig> = Object.freeze({
  syncIntervalMs: 5 * 60_000,
  syncRetryBaseMs: 2_000,
  syncRetryMaxMs: 5 * 60_000,
  requestTimeoutMs: 30_000,
  keepAckedDays: 35,
  defaultMaxOfflineFaceDays: 3,
  stateCheckMs: 60_000,
});
