// "Push soon": a new event goes to the district a moment after it was recorded, not at the next 5-minute sync, so a
// guardian's notice leaves within seconds. Debounced: the first signal starts a short wait (`delayMs`, about 1.5 s) and
// signals during it join that push; a steady stream of check-ins still pushes at least every `maxWaitMs`. The push
// itself is the ordinary signed sync run (the runner's trigger), with its acknowledgement checks.

export interface PushSoonOptions {
  trigger: (reason: string) => void;
  delayMs: number;
  /** A stream of signals never holds a push back longer than this (ms). */
  maxWaitMs?: number;
  setTimer: (fn: () => void, ms: number) => unknown;
  clearTimer: (handle: unknown) => void;
  now: () => number;
}

export class PushSoon {
  private timer: unknown = null;
  private firstAtMs: number | null = null;
  private stopped = false;

  constructor(private readonly o: PushSoonOptions) {}

  /** An event was recorded (the outbox gained an entry). */
  signal(): void {
    if (this.stopped) return;
    const now = this.o.now();
    this.firstAtMs ??= now;
    const maxWait = this.o.maxWaitMs ?? this.o.delayMs * 4;
    const wait = Math.max(0, Math.min(this.o.delayMs, this.firstAtMs + maxWait - now));
    if (this.timer !== null) this.o.clearTimer(this.timer);
    this.timer = this.o.setTimer(() => {
      this.timer = null;
      this.firstAtMs = null;
      this.o.trigger('push-soon');
    }, wait);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== null) this.o.clearTimer(this.timer);
    this.timer = null;
  }
}
