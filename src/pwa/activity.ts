// The gate's activity bus: anyone reports a face, a greeting, an enrolment or a staff action, and
// the updater asks whether the gate is busy. It rides on window events ('gk:activity') so that any
// module, bundle or test can feed it without importing it.
export type ActivityKind = 'face' | 'greeting' | 'enrolment' | 'staff' | 'bracelet';

const ACTIVITY_EVENT = 'gk:activity';

export interface ActivityDetail {
  kind: ActivityKind;
  /** 'pulse': something happened now; 'start'/'end': a span (an enrolment) that holds the gate busy. */
  phase: 'pulse' | 'start' | 'end';
  /** Pairs a 'start' with its 'end'. */
  holdId?: number;
}

export interface ActivitySnapshot {
  /** Last time (ms since epoch) anything was reported, null when nothing was since boot. */
  lastActivityMs: number | null;
  lastKind: ActivityKind | null;
  /** Spans that have started and not ended (an enrolment in progress). */
  holds: number;
}

export class ActivityBus {
  private lastActivityMs: number | null = null;
  private lastKind: ActivityKind | null = null;
  private readonly holds = new Map<number, ActivityKind>();
  private readonly listeners = new Set<(s: ActivitySnapshot) => void>();

  constructor(private readonly now: () => number = Date.now) {}

  record(detail: ActivityDetail): void {
    this.lastActivityMs = this.now();
    this.lastKind = detail.kind;
    if (detail.phase === 'start' && detail.holdId !== undefined) this.holds.set(detail.holdId, detail.kind);
    if (detail.phase === 'end' && detail.holdId !== undefined) this.holds.delete(detail.holdId);
    const s = this.snapshot();
    for (const l of this.listeners) l(s);
  }

  snapshot(): ActivitySnapshot {
    return { lastActivityMs: this.lastActivityMs, lastKind: this.lastKind, holds: this.holds.size };
  }

  /** Busy while a span is held or anything was reported within the last `quietMs`. */
  isBusy(quietMs: number): boolean {
    if (this.holds.size > 0) return true;
    return this.lastActivityMs !== null && this.now() - this.lastActivityMs < quietMs;
  }

  subscribe(listener: (s: ActivitySnapshot) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

let shared: ActivityBus | null = null;
let nextHoldId = 1;

function isActivityDetail(value: unknown): value is ActivityDetail {
  const v = value as ActivityDetail | null;
  return !!v && typeof v.kind === 'string' && (v.phase === 'pulse' || v.phase === 'start' || v.phase === 'end');
}

/** The page's one bus, listening to 'gk:activity' window events from the first call on. */
export function activityBus(): ActivityBus {
  if (!shared) {
    const bus = new ActivityBus();
    shared = bus;
    globalThis.addEventListener?.(ACTIVITY_EVENT, (event: Event) => {
      const detail = (event as CustomEvent<unknown>).detail;
      if (isActivityDetail(detail)) bus.record(detail);
    });
  }
  return shared;
}

function emit(detail: ActivityDetail): void {
  activityBus();
  globalThis.dispatchEvent(new CustomEvent<ActivityDetail>(ACTIVITY_EVENT, { detail }));
}

/** Something happened at the gate now (a face seen, a greeting shown, a bracelet read). */
export function reportActivity(kind: ActivityKind): void {
  emit({ kind, phase: 'pulse' });
}

/** Marks the gate busy until the returned function is called (e.g. for a whole enrolment). */
export function holdActivity(kind: ActivityKind): () => void {
  const holdId = nextHoldId++;
  emit({ kind, phase: 'start', holdId });
  let released = false;
  return () => {
    if (released) return;
    released = true;
    emit({ kind, phase: 'end', holdId });
  };
}
