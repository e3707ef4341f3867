// Tells a keyboard-wedge reader's burst (>= 8 keys, each under ~35 ms apart, then Enter) from a person typing.
// Reads `KeyboardEvent.code` (physical keys), so the keyboard layout cannot change the digits. A busy tablet can
// stamp a key late; once a run has shown reader speed (three keys in a row no person types that fast), a couple of
// late keys do not break it.

export interface WedgeKey {
  /** `KeyboardEvent.code`, e.g. `Digit4`, `KeyA`, `Numpad7`, `Enter`. */
  code: string;
  timeMs: number;
  /** `KeyboardEvent.repeat`: a held key is a person, never a reader. */
  repeat?: boolean;
}

export interface WedgeBurstOptions {
  /** Longest gap between keys of one burst, Enter included. */
  maxGapMs: number;
  minChars: number;
  maxChars: number;
  /** Longest gap forgiven as the tablet being busy, once the run has had `fastGapsBeforeStall` fast gaps. */
  stallGapMs: number;
  fastGapsBeforeStall: number;
  /** How many such late keys one burst may have; more, and it is a person. */
  maxStalls: number;
}

export const WEDGE_BURST_DEFAULTS: WedgeBurstOptions = {
  maxGapMs: 35,
  minChars: 8,
  maxChars: 32,
  stallGapMs: 300,
  fastGapsBeforeStall: 2,
  maxStalls: 2,
};

export type WedgeStep =
  /** Enter closed a reader burst: `text` is what it typed (hex digits uppercase). */
  | { kind: 'burst'; text: string }
  /**
   * A character that may belong to a burst. `started`: it begins a new run, so the keys pending before it (if any)
   * were not a reader's and the adapter can give them back to the page.
   */
  | { kind: 'pending'; started: boolean }
  /** Not part of a burst (typing, other keys, modifiers). */
  | { kind: 'none' };

const ENTER = '\n';

/** The character a wedge reader means by this physical key; `\n` for Enter; null for any other key. */
export function wedgeKeyChar(code: string): string | null {
  let m = /^(?:Digit|Numpad)([0-9])$/.exec(code);
  if (m) return m[1]!;
  m = /^Key([A-F])$/.exec(code);
  if (m) return m[1]!;
  if (code === 'Enter' || code === 'NumpadEnter') return ENTER;
  if (code === 'Comma' || code === 'NumpadComma') return ',';
  return null;
}

const MODIFIERS = new Set(['ShiftLeft', 'ShiftRight', 'CapsLock']);

/** Stateful: feed every keydown; returns a burst when Enter ends a fast enough, long enough run. */
export class WedgeBurstCollector {
  private readonly opts: WedgeBurstOptions;
  private text = '';
  private lastMs: number | null = null;
  private fastGaps = 0;
  private stalls = 0;

  constructor(options: Partial<WedgeBurstOptions> = {}) {
    this.opts = { ...WEDGE_BURST_DEFAULTS, ...options };
  }

  push(key: WedgeKey): WedgeStep {
    // Readers may hold Shift for letters; it says nothing about timing.
    if (MODIFIERS.has(key.code) && !key.repeat) return { kind: 'none' };
    const ch = wedgeKeyChar(key.code);
    if (ch === null || key.repeat) {
      this.reset();
      return { kind: 'none' };
    }
    const pace = this.paceOf(key.timeMs);
    const inBurst = pace !== 'break';
    if (ch === ENTER) {
      const text = this.text;
      const isBurst = inBurst && text.length >= this.opts.minChars && text.length <= this.opts.maxChars;
      this.reset();
      return isBurst ? { kind: 'burst', text } : { kind: 'none' };
    }
    if (!inBurst) this.reset();
    if (pace === 'fast') this.fastGaps += 1;
    if (pace === 'stall') this.stalls += 1;
    this.text += ch;
    this.lastMs = key.timeMs;
    return { kind: 'pending', started: !inBurst };
  }

  /** How a key at `timeMs` follows the run: at reader speed, late but forgiven, or too late (a new run). */
  private paceOf(timeMs: number): 'fast' | 'stall' | 'break' {
    if (this.text === '' || this.lastMs === null) return 'break';
    const gap = timeMs - this.lastMs;
    if (gap < 0) return 'break';
    if (gap <= this.opts.maxGapMs) return 'fast';
    const forgiven = gap <= this.opts.stallGapMs && this.fastGaps >= this.opts.fastGapsBeforeStall && this.stalls < this.opts.maxStalls;
    return forgiven ? 'stall' : 'break';
  }

  /** Characters collected so far (nothing once Enter or another key ended the run). */
  get pendingText(): string {
    return this.text;
  }

  reset(): void {
    this.text = '';
    this.lastMs = null;
    this.fastGaps = 0;
    this.stalls = 0;
  }
}

/** A whole key sequence: `reader` when it ends with a reader burst, else `human`. */
export function classifyKeys(
  keys: readonly WedgeKey[],
  options: Partial<WedgeBurstOptions> = {},
): { kind: 'reader'; text: string } | { kind: 'human' } {
  const c = new WedgeBurstCollector(options);
  let last: WedgeStep = { kind: 'none' };
  for (const k of keys) last = c.push(k);
  return last.kind === 'burst' ? { kind: 'reader', text: last.text } : { kind: 'human' };
}
