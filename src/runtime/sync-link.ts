// District sync in the running kiosk: pairs from the `#pair=CODE` the page was opened with (the district server prints
// such a link) or from staff, then runs push + pull (and then the site's other tablets' events of the day, for the roll
// call) on start, when the page comes back online or becomes visible, every few minutes, when the site's nightly window
// opens, when the service worker relays a Background Sync wake-up, and about 1.5 s after a new event was recorded
// ("push soon", src/sync/push-soon.ts, on the outbox signal of src/storage/outbox-signal.ts). One SyncRunner (Web Locks across tabs) does the
// work; the outbox in IndexedDB stays the source of truth. After the pull, the recognition self-test's figures go up
// when due. A newer roster, gallery or key, or a change of whether faces may be matched, is reported through `onApplied`.
import type { SyncConfig } from '../config';
import { nightlySyncDue, type FaceMatchingState } from '../core/sync-schedule';
import { siteTimeZone } from '../core/site-day';
import type { GateDb } from '../storage/db';
import { readSiteSettings } from '../sync/bundle';
import { currentFaceState } from '../sync/face-state';
import { clientFor, pairKiosk, type PairOutcome } from '../sync/pairing';
import { pullStep } from '../sync/pull';
import { withRecognitionReport, type RecognitionReportSource } from '../sync/recognition-report-upload';
import { thenSiteEvents } from '../sync/site-feed';
import { SyncRunner } from '../sync/runner';
import { PushSoon } from '../sync/push-soon';
import { watchOutbox } from '../storage/outbox-signal';
import { syncOnce } from '../sync/sync-once';
import { readPairing, readSyncStatus, updateSyncStatus, type SyncStatus } from '../sync/sync-state';
import type { Clock, SyncPorts, Timers } from './ports';

export interface SyncView {
  paired: boolean;
  siteId: string | null;
  status: SyncStatus;
  face: FaceMatchingState;
}

export interface SyncLink {
  /** Asks for a sync now (staff, tests); resolves when that run is over. */
  trigger(reason: string): Promise<void>;
  pair(code: string, baseUrl?: string): Promise<PairOutcome>;
  view(): Promise<SyncView>;
  stop(): void;
}

export interface SyncLinkDeps {
  db: GateDb;
  ports: SyncPorts;
  config: Readonly<SyncConfig>;
  clock: Clock;
  timers: Timers;
  /** A newer roster, gallery or key was applied, or face matching stopped or resumed: the gate re-boots. */
  onApplied(): void;
  /** Something staff may need to see changed (a problem, face matching stopped or resumed). */
  onChange(): void;
  /** The recognition self-test's figures, sent after the pull at most daily or when the gallery changed. */
  recognitionReport?: RecognitionReportSource;
}

export async function startSyncLink(deps: SyncLinkDeps): Promise<SyncLink> {
  const { db, ports, config, clock, timers } = deps;
  const now = () => clock.now();
  const fetchOption = ports.fetch ? { fetch: ports.fetch } : {};
  const afterPush = () => {
    const pull = pullStep(db, now, () => deps.onApplied());
    return deps.recognitionReport ? withRecognitionReport(db, now, deps.recognitionReport, pull) : pull;
  };
  const runner = new SyncRunner({
    run: () =>
      syncOnce({
        db,
        clientFor: (p) => clientFor(p, { timeoutMs: config.requestTimeoutMs, ...fetchOption }),
        now,
        keepAckedDays: config.keepAckedDays,
        onWiped: () => deps.onApplied(),
        // After the pull: the site's other tablets' events of the day, for the roll call (never fails the run).
        steps: { afterPush: thenSiteEvents(afterPush(), db, now) },
      }),
    locks: ports.locks,
    baseDelayMs: config.syncRetryBaseMs,
    maxDelayMs: config.syncRetryMaxMs,
    intervalMs: config.syncIntervalMs,
    setTimer: (fn, ms) => timers.setTimeout(fn, ms),
    clearTimer: (handle) => timers.clearTimeout(handle),
    onOutcome: (outcome) => {
      if (outcome.kind === 'retry') ports.triggers.askForBackgroundSync?.();
      deps.onChange();
      void checkFace().catch(() => undefined);
    },
  });
  let lastFace = '';
  /** A change of the face-matching state (offline limit passed, or a sync ended it) makes the gate reload. */
  const checkFace = async () => {
    const face = JSON.stringify(await currentFaceState(db, now(), config.defaultMaxOfflineFaceDays));
    if (lastFace !== '' && face !== lastFace) {
      deps.onChange();
      deps.onApplied();
    }
    lastFace = face;
  };
  await checkFace();

  const pair = async (code: string, baseUrl = ports.districtBaseUrl): Promise<PairOutcome> => {
    const outcome = await pairKiosk(db, { baseUrl, code, deviceName: ports.deviceName, now, ...fetchOption });
    if (outcome.kind === 'paired' || outcome.kind === 'already-paired') {
      await updateSyncStatus(db, { problem: null });
      // Pairing installed the district's template key: the gate re-boots to match and enrol under its rotation.
      if (outcome.kind === 'paired') deps.onApplied();
      void runner.trigger('paired');
    } else {
      const problem =
        outcome.kind === 'refused'
          ? { code: outcome.error.code, message: outcome.error.message, atMs: now() }
          : {
              code: 'pairing-failed',
              message: outcome.kind === 'network' || outcome.kind === 'server' ? outcome.message : outcome.kind,
              atMs: now(),
            };
      await updateSyncStatus(db, { problem });
    }
    deps.onChange();
    return outcome;
  };

  const code = ports.pairCode;
  if (code !== null) {
    // The code is single-use: out of the address first, so a reload or a bookmark does not show it again.
    ports.forgetPairCode();
    if ((await readPairing(db)) === null) await pair(code);
  }

  const offTriggers = ports.triggers.subscribe((reason) => void runner.trigger(reason));
  // A newly recorded event goes to the district within a couple of seconds (guardians' notices), not only every 5 minutes.
  const pushSoon = new PushSoon({
    trigger: (reason) => void runner.trigger(reason),
    delayMs: config.pushSoonMs,
    setTimer: (fn, ms) => timers.setTimeout(fn, ms),
    clearTimer: (handle) => timers.clearTimeout(handle),
    now,
  });
  const offOutbox = watchOutbox(db, () => pushSoon.signal());

  let nightlyDoneOn = '';
  const check = timers.setInterval(() => {
    void (async () => {
      const settings = await readSiteSettings(db);
      const nightly = settings !== null ? nightlySyncDue(now(), settings.nightlyWindow, siteTimeZone(), nightlyDoneOn) : null;
      if (nightly?.due === true) {
        nightlyDoneOn = nightly.day;
        void runner.trigger('nightly');
      }
      await checkFace();
    })().catch(() => undefined);
  }, config.stateCheckMs);

  void runner.trigger('start');

  return {
    trigger: (reason) => runner.trigger(reason),
    pair,
    async view() {
      const [pairing, status] = await Promise.all([readPairing(db), readSyncStatus(db)]);
      return {
        paired: pairing !== null,
        siteId: pairing?.siteId ?? null,
        status,
        face: await currentFaceState(db, now(), config.defaultMaxOfflineFaceDays),
      };
    },
    stop() {
      timers.clearInterval(check);
      runner.stop();
      offTriggers();
      pushSoon.stop();
      offOutbox();
    },
  };
}
