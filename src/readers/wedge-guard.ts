// Catches keyboard-wedge bursts before any handler or field sees them, whatever has focus: every key that may belong
// to a reader's burst is held back (capture phase, preventDefault) until the burst ends in Enter (then the keys are
// dropped and the text handed to the readers) or the run is clearly a person typing (a slow gap, another key, a tap),
// in which case the held keys are given back to the page in order, a moment late. Whether keys are fast enough is
// read from their own timestamps (when the keyboard sent them), never from when the page got them: a busy browser can
// hand a reader's keys over tens of ms apart, and a page that gets its keys late (or stalls) waits that much longer
// for the next one. One guard per key target, shared by every keyboard reader, so a person's keys are never given back
// twice.
import { WedgeBurstCollector, type WedgeBurstOptions } from '../core/readers/wedge-burst';

/** A key held back from the page while it might have been part of a reader's burst. */
export interface HeldKey {
  /** Where the key was going (the focused element, or the body). */
  target: EventTarget | null;
  /** `KeyboardEvent.key`: the character the keyboard layout produced, which is what the page gets back. */
  key: string;
  code: string;
  shiftKey: boolean;
}

/** Gives held keys (typed by a person) back to the page, in order; the guard ignores what it dispatches meanwhile. */
export type KeyReplay = (keys: readonly HeldKey[]) => void;

export interface WedgeGuardOptions {
  /** Usually `window`: listened to in the capture phase, so no handler or field sees a held key. */
  target: EventTarget;
  replay: KeyReplay;
  burst?: Partial<WedgeBurstOptions>;
  /**
   * How long one held key waits for a next one before it goes back to the page (default 150 ms), plus however late
   * the held key reached the page, and once more if the page stalled past the wait: a person's key shows up that late
   * at most; a reader's keys that reach the page further apart than this lose the tap.
   */
  singleKeyWaitMs?: number;
  /**
   * How long a run of two or more keys typed faster than any person (by their timestamps) waits for the rest of the
   * burst and its Enter (default 1000 ms): the browser may deliver a reader's keys late when the tablet is busy.
   */
  runWaitMs?: number;
  /** The page's clock, on the same timeline as `KeyboardEvent.timeStamp` (default `performance.now`). */
  now?: () => number;
}

export const WEDGE_GUARD_DEFAULTS = { singleKeyWaitMs: 150, runWaitMs: 1000 } as const;

/** A wait's timer that fires this much later than asked means the page itself was stalled (keys may be queued). */
const STALLED_TIMER_MS = 50;

export class WedgeKeyGuard {
  private readonly collector: WedgeBurstCollector;
  private readonly singleKeyWaitMs: number;
  private readonly runWaitMs: number;
  private held: HeldKey[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private replaying = false;
  /** Whether the pending wait has already been stretched once for a stalled page. */
  private stretched = false;
  private readonly now: () => number;
  private readonly listeners = new Set<(text: string) => void>();

  constructor(private readonly options: WedgeGuardOptions) {
    this.collector = new WedgeBurstCollector(options.burst);
    this.singleKeyWaitMs = options.singleKeyWaitMs ?? WEDGE_GUARD_DEFAULTS.singleKeyWaitMs;
    this.runWaitMs = options.runWaitMs ?? WEDGE_GUARD_DEFAULTS.runWaitMs;
    this.now = options.now ?? (() => performance.now());
    options.target.addEventListener('keydown', this.onKeyDown, { capture: true });
    options.target.addEventListener('pointerdown', this.onPointerDown, { capture: true });
  }

  /** Calls `listener` with the text of every reader burst; returns the function that stops. */
  onBurst(listener: (text: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Stops listening; keys still held go back to the page. */
  stop(): void {
    this.options.target.removeEventListener('keydown', this.onKeyDown, { capture: true });
    this.options.target.removeEventListener('pointerdown', this.onPointerDown, { capture: true });
    this.collector.reset();
    this.release();
  }

  private readonly onKeyDown = (event: Event): void => {
    if (this.replaying) return;
    const key = event as KeyboardEvent;
    if (key.ctrlKey || key.altKey || key.metaKey || key.isComposing === true) {
      this.collector.reset();
      this.release();
      return;
    }
    const step = this.collector.push({ code: key.code, timeMs: key.timeStamp, repeat: key.repeat });
    if (step.kind === 'burst') {
      // A reader: none of its keys, Enter included, ever reaches a field, a button or the PIN pad.
      this.drop();
      key.preventDefault();
      key.stopPropagation();
      for (const listener of [...this.listeners]) listener(step.text);
      return;
    }
    if (step.kind === 'pending') {
      if (step.started) this.release();
      this.hold(key);
      return;
    }
    // Any other key (or a slow Enter) ends the run: the person's held keys go first, then this key as usual. Shift
    // alone leaves the run going (readers hold it for capital letters).
    if (this.collector.pendingText === '') this.release();
  };

  /** A tap means a person is at the screen: their held keys go back before the tap is handled. */
  private readonly onPointerDown = (): void => {
    this.collector.reset();
    this.release();
  };

  private hold(key: KeyboardEvent): void {
    key.preventDefault();
    key.stopPropagation();
    this.held.push({ target: key.target, key: key.key, code: key.code, shiftKey: key.shiftKey });
    const base = this.collector.pendingText.length >= 2 ? this.runWaitMs : this.singleKeyWaitMs;
    // A key that reached the page late (the browser was busy) is followed by keys at least as late: wait that too.
    const lateBy = Math.min(Math.max(0, this.now() - key.timeStamp), this.runWaitMs);
    this.stretched = false;
    this.arm(base + lateBy);
  }

  private arm(waitMs: number): void {
    if (this.timer !== null) clearTimeout(this.timer);
    const due = this.now() + waitMs;
    this.timer = setTimeout(() => {
      this.timer = null;
      // Fired well after it was due: the page was stalled and the rest of a burst may be queued behind the stall.
      if (!this.stretched && this.now() - due > STALLED_TIMER_MS) {
        this.stretched = true;
        this.arm(this.singleKeyWaitMs);
        return;
      }
      // Nothing more came: not a reader after all, and whatever comes next starts a new run.
      this.collector.reset();
      this.release();
    }, waitMs);
  }

  private release(): void {
    const keys = this.drop();
    if (keys.length === 0) return;
    this.replaying = true;
    try {
      this.options.replay(keys);
    } finally {
      this.replaying = false;
    }
  }

  private drop(): HeldKey[] {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    const keys = this.held;
    this.held = [];
    return keys;
  }
}
