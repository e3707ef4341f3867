// District sync in the running kiosk: pairs from a `#pair=CODE` link (the district server prints one for the demo)
// or from staff, then runs push + pull on start, when the tablet comes back online or becomes visible, every few
// minutes, when the site's nightly window opens, and when the service worker relays a Background Sync wake-up. One
// SyncRunner (Web Locks across tabs) does the work; the outbox in IndexedDB stays the source of truth.
import { inNightlyWindow, type FaceMatchingState } from '../core/sync-schedule';
import { openGateDb, type GateDb } from '../storage/db';
import { readSiteSettings } from './bundle';
import { districtOrigin } from '../pwa/build-info';
import { currentFaceState } from './face-state';
import { pairCodeFromHash } from './pair-link';
import { clientFor, pairKiosk, type PairOutcome } from './pairing';
import { pullStep } from './pull';
import { SyncRunner, type LockManagerLike } from './runner';
import { defaultSyncConfig } from '../config';
import { syncOnce } from './sync-once';
import { readPairing, readSyncStatus, updateSyncStatus, type SyncStatus } from './sync-state';

export { currentFaceState };

export interface SyncView {
  paired: boolean;
  siteId: string | null;
  status: SyncStatus;
  face: FaceMatchingState;
}

export interface KioskSync {
  /** Asks for a sync now (staff button, tests). */
  trigger(reason: string): Promise<void>;
  pair(code: string, baseUrl?: string): Promise<PairOutcome>;
  view(): Promise<SyncView>;
  stop(): void;
}

export interface KioskSyncOptions {
  /** A newer roster/gallery was applied: the gate reloads its services. */
  onApplied: () => void;
  /** Something staff may need to see changed (problem, face matching stopped or resumed). */
  onChange: () => void;
  db?: GateDb;
  now?: () => number;
}

/** The district the kiosk talks to: the build's GK_DISTRICT_ORIGIN, else the origin that served it. */
export function districtBaseUrl(): string {
  return districtOrigin ?? location.origin;
}

/** The pairing code this page was opened with, read once at load (before anything rewrites the address). */
export const initialPairCode: string | null = typeof location === 'undefined' ? null : pairCodeFromHash(location.hash);

function localMinute(ms: number): number {
  const d = new Date(ms);
  return d.getHours() * 60 + d.getMinutes();
}

/** Asks the browser to wake the service worker when connectivity returns (Chromium's Background Sync); optional. */
function askForBackgroundSync(): void {
  const sw = globalThis.navigator?.serviceWorker;
  if (!sw) return;
  void sw.ready
    .then((registration) =>
      (registration as ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } }).sync?.register('gk-sync'),
    )
    .catch(() => undefined);
}

export async function startKioskSync(options: KioskSyncOptions): Promise<KioskSync> {
  const now = options.now ?? Date.now;
  const db = options.db ?? openGateDb();
  await db.open();
  const locks = (globalThis.navigator as Navigator | undefined)?.locks as unknown as LockManagerLike | undefined;
  const runner = new SyncRunner({
    run: () =>
      syncOnce({
        db,
        clientFor: (p) => clientFor(p, { timeoutMs: defaultSyncConfig.requestTimeoutMs }),
        now,
        keepAckedDays: defaultSyncConfig.keepAckedDays,
        steps: { afterPush: pullStep(db, now, () => options.onApplied()) },
      }),
    locks: locks ?? null,
    baseDelayMs: defaultSyncConfig.syncRetryBaseMs,
    maxDelayMs: defaultSyncConfig.syncRetryMaxMs,
    intervalMs: defaultSyncConfig.syncIntervalMs,
    onOutcome: (outcome) => {
      if (outcome.kind === 'retry') askForBackgroundSync();
      options.onChange();
      void checkFace().catch(() => undefined);
    },
  });
  let lastFace = '';
  /** A change of the face-matching state (offline limit passed, or a sync ended it) makes the gate reload. */
  const checkFace = async () => {
    const face = JSON.stringify(await currentFaceState(db, now()));
    if (lastFace !== '' && face !== lastFace) {
      options.onChange();
      options.onApplied();
    }
    lastFace = face;
  };
  await checkFace();

  const pair = async (code: string, baseUrl = districtBaseUrl()): Promise<PairOutcome> => {
    const outcome = await pairKiosk(db, {
      baseUrl,
      code,
      deviceName: `Gate tablet (${navigator.userAgent.includes('Android') ? 'Android' : 'browser'})`,
      now,
    });
    if (outcome.kind === 'paired' || outcome.kind === 'already-paired') {
      await updateSyncStatus(db, { problem: null });
      // Pairing installed the district's template key: the gate re-boots to match and enrol under its rotation.
      if (outcome.kind === 'paired') options.onApplied();
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
    options.onChange();
    return outcome;
  };

  const hashCode = initialPairCode;
  if (hashCode !== null && pairCodeFromHash(location.hash) !== null) {
    // The code is single-use: take it out of the address so a reload or a bookmark does not show it again.
    history.replaceState(null, '', location.pathname + location.search);
    if ((await readPairing(db)) === null) await pair(hashCode);
  }

  const listeners: [EventTarget, string, EventListener][] = [];
  const on = (target: EventTarget | undefined, type: string, fn: EventListener) => {
    if (!target) return;
    target.addEventListener(type, fn);
    listeners.push([target, type, fn]);
  };
  on(globalThis.window, 'online', () => void runner.trigger('online'));
  on(globalThis.document, 'visibilitychange', () => {
    if (document.visibilityState === 'visible') void runner.trigger('visible');
  });
  // Background Sync only wakes the runner (the service worker posts this); the outbox decides what is sent.
  on(globalThis.navigator?.serviceWorker, 'message', ((event: MessageEvent) => {
    if ((event.data as { type?: string } | null)?.type === 'GK_SYNC') void runner.trigger('background-sync');
  }) as EventListener);

  let nightlyDoneOn = '';
  const check = setInterval(() => {
    void (async () => {
      const settings = await readSiteSettings(db);
      const t = now();
      const day = new Date(t).toDateString();
      if (settings !== null && inNightlyWindow(localMinute(t), settings.nightlyWindow) && nightlyDoneOn !== day) {
        nightlyDoneOn = day;
        void runner.trigger('nightly');
      }
      await checkFace();
    })().catch(() => undefined);
  }, defaultSyncConfig.stateCheckMs);

  void runner.trigger('start');

  return {
    trigger: (reason) => runner.trigger(reason),
    pair,
    async view() {
      const [pairing, status] = await Promise.all([readPairing(db), readSyncStatus(db)]);
      return { paired: pairing !== null, siteId: pairing?.siteId ?? null, status, face: await currentFaceState(db, now()) };
    },
    stop() {
      clearInterval(check);
      runner.stop();
      for (const [target, type, fn] of listeners) target.removeEventListener(type, fn);
      if (options.db === undefined) db.close();
    },
  };
}
