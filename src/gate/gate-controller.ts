// The gate's one path from input to screen: frames, bracelet taps and staff marks become decisions (GateDecider),
// recognised children are recorded durably (recordDecision), and only then is the greeting shown. A write that did
// not commit never greets as recorded: it raises a blocking staff alert and asks the child to tap or see a teacher.
import type { Direction, RecognitionMethod } from '../core/attendance-rules';
import type { AskBraceletReason, Decision, GateDecider, RecognizedDecision } from '../core/decide';
import type { GateConfig } from '../config';
import type { AnalysedFace, BraceletUid, ChildId, DeviceId, QualityIssue } from '../core/types';
import {
  recordCorrection,
  recordDecision,
  type CorrectionInput,
  type CorrectionResult,
  type RecordResult,
} from '../attendance/record-event';
import type { GateDb } from '../storage/db';
import { appendAudit } from '../storage/audit.repo';
import { recordArrival } from '../storage/drift.repo';
import type { DriftRules } from '../core/drift';
import type { PadEvidence } from '../core/pad/evidence';

/** The advice under the camera while nobody is being greeted. */
/** `ask-bracelet`: the face in view was asked for its bracelet already; the request stays as advice while it waits. */
export type Advice = 'no-face' | 'hold' | 'ask-bracelet' | QualityIssue | null;

export type GateScreen =
  | { kind: 'watching'; advice: Advice }
  | {
      kind: 'greeting';
      childId: ChildId;
      firstName: string;
      direction: Direction;
      /** When the event was recorded (`recorded`) or the earlier event's time (`already`). */
      atMs: number;
      outcome: 'recorded' | 'already';
      method: RecognitionMethod;
    }
  | { kind: 'ask-bracelet'; reason: AskBraceletReason }
  | { kind: 'unknown-bracelet' }
  /** Face-and-bracelet: the other half is asked for. */
  | { kind: 'confirm'; need: 'bracelet' | 'face' }
  /** Face-and-bracelet: they named different children; nothing recorded, a teacher decides. */
  | { kind: 'mismatch' };

/** A write failed: the screen stays blocked for staff (PIN) until acknowledged. */
export interface StaffAlert {
  kind: 'not-saved';
  code: 'storage-full' | 'storage-error';
  message: string;
  childId: ChildId;
  method: RecognitionMethod;
  atMs: number;
}

export interface GateView {
  screen: GateScreen;
  alert: StaffAlert | null;
}

export interface Timers {
  set(run: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export interface GateControllerDeps {
  db: GateDb;
  deviceId: DeviceId;
  decider: GateDecider;
  /** First name for the greeting (the roster). */
  firstNameOf: (childId: ChildId) => string | undefined;
  gate: Pick<GateConfig, 'greetingMs' | 'promptMs' | 'checkOutMinIntervalMs'>;
  /** Wall clock for events (ms since the epoch). */
  now?: () => number;
  /** The frames' clock (performance.now()), for pairing a bracelet tap with a face. */
  monotonic?: () => number;
  timers?: Timers;
  /** Called after an event is on disk (before the greeting is shown). */
  onRecorded?: (result: Extract<RecordResult, { kind: 'recorded' }>) => void;
  /** Drift: each check-in of a child enrolled for face recognition goes into their rolling summary (numbers only). */
  drift?: { rules: Pick<DriftRules, 'window'>; enrolled: (childId: ChildId) => boolean };
}

const browserTimers: Timers = {
  set: (run, ms) => setTimeout(run, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class GateController {
  private current: GateView = { screen: { kind: 'watching', advice: 'no-face' }, alert: null };
  private readonly listeners = new Set<(view: GateView) => void>();
  private revertTimer: unknown = null;
  private readonly now: () => number;
  private readonly monotonic: () => number;
  private readonly timers: Timers;
  private disposed = false;
  /** Check-ins being written right now (their greeting follows the write). */
  private writing = 0;
  private readonly settleWaiters = new Set<() => void>();

  constructor(private readonly deps: GateControllerDeps) {
    this.now = deps.now ?? Date.now;
    this.monotonic = deps.monotonic ?? (() => performance.now());
    this.timers = deps.timers ?? browserTimers;
  }

  get view(): GateView {
    return this.current;
  }

  subscribe(listener: (view: GateView) => void): () => void {
    this.listeners.add(listener);
    listener(this.current);
    return () => this.listeners.delete(listener);
  }

  /** One analysed camera frame (`atMs`: a monotonic time of the frame, for the decider's timing). */
  onFaces(faces: readonly AnalysedFace[], atMs: number): Promise<void> {
    return this.handle(this.deps.decider.onFrame(faces, atMs));
  }

  /** A bracelet tap from any reader (the reader drivers deliver canonical UIDs here). Same path, same greeting. */
  presentBracelet(uid: BraceletUid): Promise<void> {
    return this.handle(this.deps.decider.onInput({ kind: 'bracelet', uid }, this.monotonic()));
  }

  /** A teacher marked a child by hand (behind the PIN): recorded with method `staff`, greeted like any other. */
  async markByStaff(childId: ChildId, direction?: Direction, staffNote?: string): Promise<RecordResult> {
    const decision = this.deps.decider.onInput({
      kind: 'staff',
      childId,
      ...(direction !== undefined ? { direction } : {}),
      ...(staffNote !== undefined ? { staffNote } : {}),
    });
    if (decision.kind !== 'recognized') throw new Error(`a staff mark decided ${decision.kind}`);
    return this.recordAndGreet(decision);
  }

  /** A staff correction of a wrong event: a new event referencing it (the wrong one stays on record). */
  correct(input: CorrectionInput): Promise<CorrectionResult> {
    return recordCorrection(this.deps.db, input, this.now(), this.deps.deviceId);
  }

  /**
   * Takes over a failed-write alert that staff have not acknowledged yet from the controller this one replaces (the
   * gate services were re-booted by a sync): a blocking message must not vanish on its own.
   */
  carryAlert(alert: StaffAlert | null): void {
    if (alert !== null && this.current.alert === null) this.set({ ...this.current, alert });
  }

  /** Staff acknowledged the failed write (after the PIN). */
  acknowledgeAlert(): void {
    this.set({ ...this.current, alert: null });
  }

  /**
   * Resolves once nothing is being written and no greeting or request is on screen, or after `maxWaitMs`: the gate
   * services are swapped for new ones (a sync brought a newer roster) only then, so a child whose check-in is being
   * written still sees the greeting.
   */
  whenSettled(maxWaitMs: number): Promise<void> {
    if (this.isSettled()) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        this.timers.clear(timer);
        this.settleWaiters.delete(done);
        resolve();
      };
      const timer = this.timers.set(done, maxWaitMs);
      this.settleWaiters.add(done);
    });
  }

  private isSettled(): boolean {
    return this.writing === 0 && this.current.screen.kind === 'watching';
  }

  private notifyIfSettled(): void {
    if (this.isSettled()) for (const done of [...this.settleWaiters]) done();
  }

  dispose(): void {
    for (const done of [...this.settleWaiters]) done();
    this.disposed = true;
    if (this.revertTimer !== null) this.timers.clear(this.revertTimer);
    this.listeners.clear();
  }

  private async handle(decision: Decision): Promise<void> {
    switch (decision.kind) {
      case 'recognized':
        await this.recordAndGreet(decision);
        return;
      case 'ask-bracelet':
        this.showFor({ kind: 'ask-bracelet', reason: decision.reason }, this.deps.gate.promptMs);
        if (decision.refused) await this.auditRefusal(decision.refused.childId, decision.refused.pad);
        return;
      case 'unknown':
        this.showFor({ kind: 'unknown-bracelet' }, this.deps.gate.promptMs);
        return;
      case 'confirm':
        this.showFor({ kind: 'confirm', need: decision.need }, this.deps.gate.promptMs);
        return;
      case 'mismatch':
        this.showFor({ kind: 'mismatch' }, this.deps.gate.promptMs);
        return;
      case 'hold':
      case 'retry': {
        const advice: Advice =
          decision.kind === 'hold'
            ? decision.asked
              ? 'ask-bracelet'
              : null
            : decision.reason === 'no-face'
              ? 'no-face'
              : decision.reason === 'quality'
                ? (decision.hint ?? 'hold')
                : 'hold';
        // A greeting or a request stays up for its full time; only the live advice follows every frame.
        if (this.current.screen.kind === 'watching' && this.current.screen.advice !== advice) {
          this.set({ ...this.current, screen: { kind: 'watching', advice } });
        }
        return;
      }
    }
  }

  /**
   * A face that matched a child but did not pass the presentation-attack check: numbers only in the audit log (the
   * district sees refused attempts per child and tablet). The screen already asks for the bracelet; a failed write here
   * changes nothing at the door.
   */
  private async auditRefusal(childId: ChildId, pad: PadEvidence): Promise<void> {
    await appendAudit(
      this.deps.db,
      {
        kind: 'face-refused',
        childId,
        details: {
          padResult: pad.result,
          padReason: pad.reason,
          liveness: pad.liveness,
          frames: pad.frames,
          geometry: pad.geometry,
          model: pad.model,
          rule: pad.rule,
        },
      },
      this.now(),
    ).catch(() => undefined);
  }

  private async recordAndGreet(decision: RecognizedDecision): Promise<RecordResult> {
    this.writing++;
    let result: RecordResult;
    try {
      result = await recordDecision(this.deps.db, decision, this.now(), this.deps.deviceId, {
        checkOutMinIntervalMs: this.deps.gate.checkOutMinIntervalMs,
      });
    } finally {
      this.writing--;
    }
    if (this.disposed) return result;
    const firstName = this.deps.firstNameOf(decision.childId) ?? '';
    if (result.kind === 'recorded') {
      this.deps.onRecorded?.(result);
      const { event } = result;
      const drift = this.deps.drift;
      if (drift && event.direction === 'in' && drift.enrolled(event.childId)) {
        await recordArrival(this.deps.db, event.childId, { method: event.method, score: event.score }, drift.rules).catch(() => undefined);
      }
      this.showFor(
        {
          kind: 'greeting',
          childId: event.childId,
          firstName,
          direction: event.direction,
          atMs: event.atMs,
          outcome: 'recorded',
          method: event.method,
        },
        this.deps.gate.greetingMs,
      );
    } else if (result.kind === 'already') {
      this.showFor(
        {
          kind: 'greeting',
          childId: result.childId,
          firstName,
          direction: result.direction,
          atMs: result.lastAtMs,
          outcome: 'already',
          method: decision.method,
        },
        this.deps.gate.greetingMs,
      );
    } else {
      const alert: StaffAlert = {
        kind: 'not-saved',
        code: result.code,
        message: result.message,
        childId: decision.childId,
        method: decision.method,
        atMs: this.now(),
      };
      this.cancelRevert();
      this.set({ screen: { kind: 'watching', advice: null }, alert });
    }
    return result;
  }

  private showFor(screen: GateScreen, ms: number): void {
    this.cancelRevert();
    this.set({ ...this.current, screen });
    this.revertTimer = this.timers.set(() => {
      this.revertTimer = null;
      this.set({ ...this.current, screen: { kind: 'watching', advice: null } });
    }, ms);
  }

  private cancelRevert(): void {
    if (this.revertTimer !== null) this.timers.clear(this.revertTimer);
    this.revertTimer = null;
  }

  private set(view: GateView): void {
    if (this.disposed) return;
    this.current = view;
    for (const listener of this.listeners) listener(view);
    this.notifyIfSettled();
  }
}
