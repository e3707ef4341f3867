// Keeps the screen on with the Screen Wake Lock API. The lock is dropped by the browser whenever
// the page is hidden, so it is requested again each time the page becomes visible.
export type WakeLockState = 'unsupported' | 'held' | 'released' | 'refused';

export interface ScreenWakeLock {
  readonly state: WakeLockState;
  /** Asks again (e.g. after a tap: some browsers want a gesture). */
  acquire(): Promise<WakeLockState>;
  stop(): void;
}

export function keepScreenOn(nav: Navigator = navigator, doc: Document = document): ScreenWakeLock {
  let state: WakeLockState = 'wakeLock' in nav ? 'released' : 'unsupported';
  let sentinel: WakeLockSentinel | null = null;
  let stopped = false;

  const acquire = async (): Promise<WakeLockState> => {
    if (state === 'unsupported' || stopped) return state;
    if (sentinel && !sentinel.released) return state;
    try {
      sentinel = await nav.wakeLock.request('screen');
      state = 'held';
      sentinel.addEventListener('release', () => {
        state = 'released';
      });
    } catch {
      // Not visible, battery saver, or a policy said no: retried on the next visibility change.
      state = 'refused';
    }
    return state;
  };
  const onVisible = () => {
    if (doc.visibilityState === 'visible') void acquire();
  };
  doc.addEventListener('visibilitychange', onVisible);
  void acquire();
  return {
    get state() {
      return state;
    },
    acquire,
    stop() {
      stopped = true;
      doc.removeEventListener('visibilitychange', onVisible);
      void sentinel?.release().catch(() => undefined);
    },
  };
}
