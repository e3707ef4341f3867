// Runs sync one at a time (Web Locks across tabs when the browser has them, a flag within the tab), again when a
// trigger arrives during a run, and after a failure with exponential back-off and full jitter.

export type RunOutcome =
  | { kind: 'done' }
  /** Worth retrying soon (network, server error): back off. */
  | { kind: 'retry'; reason: string }
  /** Needs a person; retried at the normal interval, not hammered. */
  | { kind: 'blocked'; reason: string };

export interface LockManagerLike {
  request<T>(name: string, options: { ifAvailable: boolean }, callback: (lock: unknown) => Promise<T>): Promise<T>;
}

export interface RunnerOptions {
  run: () => Promise<RunOutcome>;
  /** navigator.locks when present. */
  locks?: LockManagerLike | null;
  lockName?: string;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Sync every this often while nothing else triggers it (ms). */
  intervalMs?: number;
  random?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  onOutcome?: (outcome: RunOutcome | { kind: 'busy' }, reason: string) => void;
}

/** Full jitter (AWS architecture blog): a uniform delay in [0, min(max, base * 2^attempt)). */
export function backoffDelayMs(attempt: number, baseDelayMs: number, maxDelayMs: number, random: () => number): number {
  const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** Math.min(attempt, 30));
  return Math.floor(random() * ceiling);
}

export class SyncRunner {
  private running = false;
  private again: string | null = null;
  private failures = 0;
  private timer: unknown = null;
  private stopped = false;
  private readonly o: Required<Omit<RunnerOptions, 'locks' | 'onOutcome'>> & Pick<RunnerOptions, 'locks' | 'onOutcome'>;

  constructor(options: RunnerOptions) {
    this.o = {
      lockName: 'gate-kiosk-sync',
      baseDelayMs: 2_000,
      maxDelayMs: 5 * 60_000,
      intervalMs: 5 * 60_000,
      random: Math.random,
      setTimer: (fn, ms) => setTimeout(fn, ms),
      clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
      ...options,
    };
  }

  /** Consecutive failed runs (0 after a success). */
  get failureCount(): number {
    return this.failures;
  }

  /** Asks for a sync now; during a run, one more run follows it. Resolves when this trigger's run is over. */
  async trigger(reason: string): Promise<void> {
    if (this.stopped) return;
    if (this.running) {
      this.again = reason;
      return;
    }
    this.running = true;
    this.cancelTimer();
    let outcome: RunOutcome | { kind: 'busy' };
    try {
      outcome = await this.locked();
    } catch (error) {
      outcome = { kind: 'retry', reason: error instanceof Error ? error.message : String(error) };
    } finally {
      this.running = false;
    }
    this.o.onOutcome?.(outcome, reason);
    if (outcome.kind === 'retry') {
      this.failures += 1;
      this.schedule(backoffDelayMs(this.failures, this.o.baseDelayMs, this.o.maxDelayMs, this.o.random), 'backoff');
    } else {
      if (outcome.kind === 'done') this.failures = 0;
      this.schedule(this.o.intervalMs, 'interval');
    }
    const next = this.again;
    this.again = null;
    if (next !== null && outcome.kind !== 'busy') await this.trigger(next);
  }

  stop(): void {
    this.stopped = true;
    this.cancelTimer();
  }

  private async locked(): Promise<RunOutcome | { kind: 'busy' }> {
    if (!this.o.locks) return this.o.run();
    // Another tab holds the lock: it is syncing the same database; this trigger is not needed.
    return this.o.locks.request(this.o.lockName, { ifAvailable: true }, async (lock) =>
      lock === null ? { kind: 'busy' as const } : this.o.run(),
    );
  }

  private schedule(ms: number, reason: string): void {
    this.cancelTimer();
    if (this.stopped) return;
    this.timer = this.o.setTimer(() => {
      this.timer = null;
      void this.trigger(reason);
    }, ms);
  }

  private cancelTimer(): void {
    if (this.timer !== null) {
      this.o.clearTimer(this.timer);
      this.timer = null;
    }
  }
}
