// Turns frames, bracelet taps and staff marks into decisions (plain values) for the gate screen.
// Never guesses (threshold, margin, stability, else the bracelet); after any decision the face's embeddings are zeroed.
import type { Direction, RecognitionMethod } from './attendance-rules';
import { FaceTracker } from './face-track';
import type { GateConfig } from './gate-config';
import type { AnalysedFace, BraceletUid, ChildId, QualityIssue } from './types';

// Shapes of the matcher (src/core/match.ts); declared here so that decide does not depend on its internals.
export interface ChildScore {
  childId: ChildId;
  score: number;
}
export interface MatchResult {
  best: ChildScore | null;
  second: ChildScore | null;
}
/** Searches the gallery of consented children's templates with one L2-normalised probe. */
export type SearchFn = (probe: Float32Array) => MatchResult;
export type BraceletLookup = (uid: BraceletUid) => ChildId | undefined;

export interface RecognizedDecision {
  kind: 'recognized';
  childId: ChildId;
  method: RecognitionMethod;
  /** Fused match score for a face; null for bracelet and staff. */
  score: number | null;
  staffNote?: string;
  /** Staff only: the direction the teacher chose (otherwise the attendance rules choose). */
  direction?: Direction;
}
export type RetryReason = 'no-face' | 'quality' | 'unstable' | 'not-matched';
export type AskBraceletReason = 'siblings' | 'twin-flag' | 'unknown-face';
export type Decision =
  | RecognizedDecision
  | { kind: 'unknown'; reason: 'unknown-bracelet' }
  /** Not decided yet; `hint` is the first quality problem of the frame, for the on-screen advice. */
  | { kind: 'retry'; reason: RetryReason; hint?: QualityIssue }
  | { kind: 'ask-bracelet'; reason: AskBraceletReason }
  /** The face in front of the camera has been decided already; the screen keeps what it shows. */
  | { kind: 'hold'; reason: 'decided' };

export type ManualInput =
  | { kind: 'bracelet'; uid: BraceletUid }
  | { kind: 'staff'; childId: ChildId; staffNote?: string; direction?: Direction };

export interface MatchRules {
  /** KioskConfig.matchThreshold. */
  matchThreshold: number;
  /** KioskConfig.matchMargin. */
  matchMargin: number;
  /** Children whose face is never enough (a twin is enrolled): they always tap the bracelet. */
  twinFlagged: ReadonlySet<ChildId>;
}

/** What one fused search says on its own, before stability is taken into account. */
export type SearchVerdict =
  | { kind: 'accept'; childId: ChildId; score: number }
  | { kind: 'needs-bracelet'; reason: 'siblings' | 'twin-flag'; childId: ChildId }
  | { kind: 'low' };

export function judgeSearch(result: MatchResult, rules: MatchRules): SearchVerdict {
  const { best } = result;
  if (best === null || !(best.score >= rules.matchThreshold)) return { kind: 'low' };
  if (rules.twinFlagged.has(best.childId)) return { kind: 'needs-bracelet', reason: 'twin-flag', childId: best.childId };
  const second = result.second !== null && result.second.childId !== best.childId ? result.second : null;
  if (second !== null && !(best.score - second.score >= rules.matchMargin)) {
    return { kind: 'needs-bracelet', reason: 'siblings', childId: best.childId };
  }
  return { kind: 'accept', childId: best.childId, score: best.score };
}

/** A bracelet tap: the child it belongs to, or `unknown-bracelet`. */
export function decideBracelet(uid: BraceletUid, lookup: BraceletLookup): Decision {
  const childId = lookup(uid);
  if (childId === undefined) return { kind: 'unknown', reason: 'unknown-bracelet' };
  return { kind: 'recognized', childId, method: 'bracelet', score: null };
}

/** A teacher marked the child by hand. */
export function decideStaff(input: { childId: ChildId; staffNote?: string; direction?: Direction }): RecognizedDecision {
  const decision: RecognizedDecision = { kind: 'recognized', childId: input.childId, method: 'staff', score: null };
  if (input.staffNote !== undefined) decision.staffNote = input.staffNote;
  if (input.direction !== undefined) decision.direction = input.direction;
  return decision;
}

export function decideManual(input: ManualInput, lookup: BraceletLookup): Decision {
  return input.kind === 'bracelet' ? decideBracelet(input.uid, lookup) : decideStaff(input);
}

export interface GateDeciderOptions {
  gate: Pick<GateConfig, 'minFaceWidthPx' | 'fusionWindowFrames' | 'minStableFrames' | 'unknownAfterMs' | 'trackLostAfterMs' | 'trackMaxJumpRatio'>;
  matchThreshold: number;
  matchMargin: number;
  search: SearchFn;
  lookupBracelet: BraceletLookup;
  twinFlagged?: ReadonlySet<ChildId>;
}

/** The stateful gate: one per screen. Feed it every analysed frame and every tap. */
export class GateDecider {
  private readonly tracker: FaceTracker;
  private readonly rules: MatchRules;
  private trackId = -1;
  private settledTrackId = -1;
  private streakKey = '';
  private streak = 0;

  constructor(private readonly options: GateDeciderOptions) {
    this.tracker = new FaceTracker(options.gate);
    this.rules = {
      matchThreshold: options.matchThreshold,
      matchMargin: options.matchMargin,
      twinFlagged: options.twinFlagged ?? new Set(),
    };
  }

  onFrame(faces: readonly AnalysedFace[], nowMs: number): Decision {
    const step = this.tracker.update(faces, nowMs);
    if (step.kind === 'none') {
      if (!step.holding) this.forgetTrack();
      return { kind: 'retry', reason: 'no-face' };
    }
    if (step.isNew || step.trackId !== this.trackId) {
      this.trackId = step.trackId;
      this.streakKey = '';
      this.streak = 0;
    }
    if (step.trackId === this.settledTrackId) return { kind: 'hold', reason: 'decided' };

    if (step.good) {
      const probe = this.tracker.fusedProbe();
      if (probe !== null) {
        const result = this.options.search(probe);
        probe.fill(0);
        const verdict = judgeSearch(result, this.rules);
        const key = verdict.kind === 'accept' ? `accept:${verdict.childId}` : verdict.kind;
        this.streak = key === this.streakKey ? this.streak + 1 : 1;
        this.streakKey = key;
        if (verdict.kind !== 'low' && this.streak >= this.options.gate.minStableFrames) {
          return this.settle(
            verdict.kind === 'accept'
              ? { kind: 'recognized', childId: verdict.childId, method: 'face', score: verdict.score }
              : { kind: 'ask-bracelet', reason: verdict.reason },
          );
        }
      }
    }
    if (step.firstGoodAtMs !== null && nowMs - step.firstGoodAtMs >= this.options.gate.unknownAfterMs) {
      return this.settle({ kind: 'ask-bracelet', reason: 'unknown-face' });
    }
    if (!step.good) {
      const hint = step.face.issues[0];
      return hint === undefined ? { kind: 'retry', reason: 'quality' } : { kind: 'retry', reason: 'quality', hint };
    }
    return { kind: 'retry', reason: this.streakKey === 'low' ? 'not-matched' : 'unstable' };
  }

  /** A bracelet tap or a staff mark. It also settles the face in front of the camera, so it is not decided twice. */
  onInput(input: ManualInput): Decision {
    if (this.trackId >= 0) this.settle(null);
    return decideManual(input, this.options.lookupBracelet);
  }

  /** How many embedding copies the gate holds (0 after every decision). */
  get heldEmbeddings(): number {
    return this.tracker.heldEmbeddings;
  }

  /** Forgets everything (screen left, gallery replaced). */
  reset(): void {
    this.tracker.reset();
    this.forgetTrack();
    this.settledTrackId = -1;
  }

  private settle<D extends Decision | null>(decision: D): D {
    this.tracker.stopFusing();
    this.settledTrackId = this.trackId;
    this.streakKey = '';
    this.streak = 0;
    return decision;
  }

  private forgetTrack(): void {
    this.trackId = -1;
    this.streakKey = '';
    this.streak = 0;
  }
}
