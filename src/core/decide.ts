// Turns frames, bracelet taps and staff marks into decisions (plain values) for the gate screen.
// Never guesses (threshold, margin, stability, else the bracelet); after any decision the face's embeddings are zeroed.
// Face-and-bracelet children (site setting, twins) are recognised only when a face and a bracelet within
// `pairWindowMs` of each other name the same child, in either order.
import type { Direction, RecognitionMethod, StaffMember } from './attendance-rules';
import { FaceTracker } from './face-track';
import type { GateConfig } from '../config';
import type { AnalysedFace, BraceletUid, ChildId, QualityIssue } from './types';
import { decidePad, type PadObservation } from './pad/fusion';
import { padAction, padEvidence, type PadEvidence, type PadMode } from './pad/evidence';
import type { PadConfig } from './pad/pad-config';
import type { PresenceEvidence } from './presence';

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
  /** Fused match score for a face (and for a bracelet that a face confirmed); null for bracelet alone and staff. */
  score: number | null;
  staffNote?: string;
  /** Staff only: the member of staff on duty who made the mark. */
  staffMember?: StaffMember;
  /** Staff only: the direction the teacher chose (otherwise the attendance rules choose). */
  direction?: Direction;
  /** A face check-in: the presentation-attack check's result (numbers only). */
  pad?: PadEvidence;
  /** A bracelet check-in or check-out where the site asks for presence evidence: a person in front of the camera or not. */
  presence?: PresenceEvidence;
}
export type RetryReason = 'no-face' | 'quality' | 'unstable' | 'not-matched';
export type AskBraceletReason = 'siblings' | 'twin-flag' | 'unknown-face';
export type Decision =
  | RecognizedDecision
  | { kind: 'unknown'; reason: 'unknown-bracelet' }
  /** Not decided yet; `hint` is the first quality problem of the frame, for the on-screen advice. */
  | { kind: 'retry'; reason: RetryReason; hint?: QualityIssue }
  /**
   * `refused`: the face matched `childId` but the presentation-attack check did not let it check in (same words on
   * screen as any unknown face; the numbers go to the audit log).
   */
  | { kind: 'ask-bracelet'; reason: AskBraceletReason; refused?: { childId: ChildId; pad: PadEvidence } }
  /**
   * The face in front of the camera has been decided already; the screen keeps what it shows. `asked`: it was asked
   * for the bracelet (unknown, siblings, twins, mismatch), so while it stays the screen keeps asking, calmly.
   */
  | { kind: 'hold'; reason: 'decided'; asked: boolean }
  /** Face-and-bracelet: one half is in, the other is asked for (`need`). */
  | { kind: 'confirm'; need: 'bracelet' | 'face' }
  /** Face-and-bracelet: the face and the bracelet name different children (or the face stayed unknown). Nothing recorded. */
  | { kind: 'mismatch' };

/** A teacher's hand mark, behind the PIN. */
export interface StaffInput {
  childId: ChildId;
  staffNote?: string;
  direction?: Direction;
  staffMember?: StaffMember;
}

export type ManualInput = { kind: 'bracelet'; uid: BraceletUid } | ({ kind: 'staff' } & StaffInput);

/** A threshold and margin in force: the site's, or a group's (SiteSettings.groupOperatingPoints). */
export interface OperatingPoint {
  matchThreshold: number;
  matchMargin: number;
}

export interface MatchRules extends OperatingPoint {
  /** Children whose face is never enough (a twin is enrolled): they always tap the bracelet. */
  twinFlagged: ReadonlySet<ChildId>;
  /** A child's group's own operating point (an age band the district set), else the site's above. */
  pointOf?: (childId: ChildId) => OperatingPoint | undefined;
}

const pointFor = (rules: MatchRules, childId: ChildId): OperatingPoint => rules.pointOf?.(childId) ?? rules;

/** What one fused search says on its own, before stability is taken into account. */
export type SearchVerdict =
  | { kind: 'accept'; childId: ChildId; score: number }
  /** `candidates`: the children the face could be (best first), for a bracelet to choose between. */
  | { kind: 'needs-bracelet'; reason: 'siblings' | 'twin-flag'; childId: ChildId; candidates: ChildId[]; score: number }
  | { kind: 'low' };

/**
 * The best child is accepted at their own group's threshold (or the site's), and only with their group's margin over the
 * second child; the second counts as a candidate at its own group's threshold.
 */
export function judgeSearch(result: MatchResult, rules: MatchRules): SearchVerdict {
  const { best } = result;
  if (best === null) return { kind: 'low' };
  const point = pointFor(rules, best.childId);
  if (!(best.score >= point.matchThreshold)) return { kind: 'low' };
  const second = result.second !== null && result.second.childId !== best.childId ? result.second : null;
  const close =
    second !== null && second.score >= pointFor(rules, second.childId).matchThreshold && !(best.score - second.score >= point.matchMargin);
  const candidates = close ? [best.childId, second.childId] : [best.childId];
  if (rules.twinFlagged.has(best.childId))
    return { kind: 'needs-bracelet', reason: 'twin-flag', childId: best.childId, candidates, score: best.score };
  if (second !== null && !(best.score - second.score >= point.matchMargin)) {
    return { kind: 'needs-bracelet', reason: 'siblings', childId: best.childId, candidates, score: best.score };
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
export function decideStaff(input: StaffInput): RecognizedDecision {
  const decision: RecognizedDecision = { kind: 'recognized', childId: input.childId, method: 'staff', score: null };
  if (input.staffNote !== undefined) decision.staffNote = input.staffNote;
  if (input.staffMember !== undefined) decision.staffMember = { ...input.staffMember };
  if (input.direction !== undefined) decision.direction = input.direction;
  return decision;
}

export function decideManual(input: ManualInput, lookup: BraceletLookup): Decision {
  return input.kind === 'bracelet' ? decideBracelet(input.uid, lookup) : decideStaff(input);
}

export interface GateDeciderOptions {
  gate: Pick<
    GateConfig,
    | 'minFaceWidthPx'
    | 'fusionWindowFrames'
    | 'minStableFrames'
    | 'unknownAfterMs'
    | 'trackLostAfterMs'
    | 'trackMaxJumpRatio'
    | 'pairWindowMs'
  >;
  matchThreshold: number;
  matchMargin: number;
  search: SearchFn;
  lookupBracelet: BraceletLookup;
  twinFlagged?: ReadonlySet<ChildId>;
  /** A child's group's own operating point, where the district set one (SiteSettings.groupOperatingPoints). */
  pointOf?: (childId: ChildId) => OperatingPoint | undefined;
  /**
   * Whether this child must show face AND bracelet: twins and, with the site's face-and-bracelet setting, every child
   * whose face can be matched at all. Read at every decision, so a changed setting applies at once. Default: the
   * twin-flagged children. A child whose face cannot be matched (no consent, not enrolled, matching paused) must get
   * false here, or their bracelet alone would never be enough.
   */
  needsBoth?: (childId: ChildId) => boolean;
  /**
   * The presentation-attack check on face check-ins (absent: none, as in the benchmarks of matching alone). `mode` is
   * read at every decision (the district's site setting).
   */
  pad?: { config: Readonly<PadConfig>; mode: () => PadMode; model: string };
}

/** Frames of one approach the PAD fusion looks at (the latest ones). */
const PAD_FRAMES = 24;

/** The first half of a face-and-bracelet check, waiting for the other half until `untilMs`. */
type PendingHalf =
  { via: 'face'; candidates: ChildId[]; score: number; untilMs: number } | { via: 'bracelet'; childId: ChildId; untilMs: number };

/** The stateful gate: one per screen. Feed it every analysed frame and every tap. */
export class GateDecider {
  private readonly tracker: FaceTracker;
  private readonly rules: MatchRules;
  private trackId = -1;
  private settledTrackId = -1;
  /** Whether the settled face was asked for its bracelet (rather than greeted). */
  private settledAsked = false;
  /**
   * Who the settled face was taken to be (the child greeted, tapped or marked, the children its stable matches named).
   * A settled face that then stably matches a child outside this set is someone else standing in the same place.
   */
  private settledAs: ReadonlySet<ChildId> = new Set();
  /** Children the current track's stable verdicts named, before it was settled. */
  private trackCandidates: ChildId[] = [];
  /** The other child a settled face has matched on consecutive frames, and on how many. */
  private stepInChild: ChildId | null = null;
  private stepInStreak = 0;
  private streakKey = '';
  private streak = 0;
  private pending: PendingHalf | null = null;
  private lastNowMs = 0;
  /** The followed face's PAD evidence frame by frame (numbers and five points only), for the current track. */
  private padFrames: PadObservation[] = [];
  /** A match the PAD check held back (waiting for more frames): refused with it if the face is asked for its bracelet. */
  private padHeld: { childId: ChildId; pad: PadEvidence } | null = null;

  constructor(private readonly options: GateDeciderOptions) {
    this.tracker = new FaceTracker(options.gate);
    this.rules = {
      matchThreshold: options.matchThreshold,
      matchMargin: options.matchMargin,
      twinFlagged: options.twinFlagged ?? new Set(),
      ...(options.pointOf !== undefined ? { pointOf: options.pointOf } : {}),
    };
  }

  onFrame(faces: readonly AnalysedFace[], nowMs: number): Decision {
    this.lastNowMs = nowMs;
    const step = this.tracker.update(faces, nowMs);
    if (step.kind === 'none') {
      if (!step.holding) this.forgetTrack();
      return { kind: 'retry', reason: 'no-face' };
    }
    if (step.isNew || step.trackId !== this.trackId) {
      this.trackId = step.trackId;
      this.streakKey = '';
      this.streak = 0;
      this.padFrames = [];
      this.padHeld = null;
      this.trackCandidates = [];
    }
    if (step.trackId === this.settledTrackId) {
      if (!this.someoneElseSteppedIn(step.face)) return { kind: 'hold', reason: 'decided', asked: this.settledAsked };
      // The next child stepped into the place of the one just decided: judge them afresh, from this frame on.
      this.tracker.split();
      return this.onFrame(faces, nowMs);
    }
    if (this.options.pad) {
      this.padFrames.push({ liveness: step.face.pad?.liveness ?? null, points: step.face.points });
      if (this.padFrames.length > PAD_FRAMES) this.padFrames.shift();
    }

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
          const timeLeft = step.firstGoodAtMs === null || nowMs - step.firstGoodAtMs < this.options.gate.unknownAfterMs;
          const decision = this.faceDecision(verdict, nowMs, timeLeft);
          if (decision !== null) return this.settle(decision);
        }
      }
    }
    if (step.firstGoodAtMs !== null && nowMs - step.firstGoodAtMs >= this.options.gate.unknownAfterMs) {
      // A bracelet waiting for this face to confirm it: the face did not, so a teacher decides.
      if (this.takePending('bracelet', nowMs) !== null) return this.settle({ kind: 'mismatch' });
      const held = this.padHeld;
      return this.settle(
        held ? { kind: 'ask-bracelet', reason: 'unknown-face', refused: held } : { kind: 'ask-bracelet', reason: 'unknown-face' },
      );
    }
    if (!step.good) {
      const hint = step.face.issues[0];
      return hint === undefined ? { kind: 'retry', reason: 'quality' } : { kind: 'retry', reason: 'quality', hint };
    }
    return { kind: 'retry', reason: this.streakKey === 'low' ? 'not-matched' : 'unstable' };
  }

  /**
   * Whether the face of a settled track is now someone else: its own frame (searched as it is, not copied or fused)
   * stably matched a child it was not taken to be, on `minStableFrames` good frames in a row. The tracker follows by
   * position only, so a child stepping into the exact place of the one just greeted would otherwise be held as decided.
   */
  private someoneElseSteppedIn(face: AnalysedFace): boolean {
    const embedding = face.embedding;
    const verdict =
      face.issues.length === 0 && embedding !== undefined && embedding.length > 0
        ? judgeSearch(this.options.search(embedding), this.rules)
        : null;
    const other = verdict?.kind === 'accept' && !this.settledAs.has(verdict.childId) ? verdict.childId : null;
    this.stepInStreak = other !== null && other === this.stepInChild ? this.stepInStreak + 1 : other === null ? 0 : 1;
    this.stepInChild = other;
    if (this.stepInStreak < this.options.gate.minStableFrames) return false;
    this.stepInChild = null;
    this.stepInStreak = 0;
    return true;
  }

  /** Whether `uid` is a child's bracelet (anything else tapped is an adult's card or unknown). */
  isChildBracelet(uid: BraceletUid): boolean {
    return this.options.lookupBracelet(uid) !== undefined;
  }

  /**
   * A bracelet tap or a staff mark (`nowMs` on the frames' clock; default: the last frame's time). It also settles the
   * face in front of the camera, so it is not decided twice, unless a face-and-bracelet child's face is still awaited.
   */
  onInput(input: ManualInput, nowMs: number = this.lastNowMs): Decision {
    const decision = decideManual(input, this.options.lookupBracelet);
    if (input.kind === 'bracelet' && decision.kind === 'recognized' && this.mustPair(decision.childId)) {
      const face = this.takePending('face', nowMs);
      if (face === null) {
        // The bracelet came first: the face in front of the camera (or the next one) is judged again for it.
        this.pending = { via: 'bracelet', childId: decision.childId, untilMs: nowMs + this.options.gate.pairWindowMs };
        if (this.settledTrackId >= 0) {
          this.settledTrackId = -1;
          this.tracker.reset();
        }
        return { kind: 'confirm', need: 'face' };
      }
      if (this.trackId >= 0) this.settle(null, [decision.childId, ...face.candidates]);
      return face.candidates.includes(decision.childId) ? { ...decision, score: face.score } : { kind: 'mismatch' };
    }
    this.pending = null;
    if (this.trackId >= 0) this.settle(null, decision.kind === 'recognized' ? [decision.childId] : []);
    return decision;
  }

  private mustPair(childId: ChildId): boolean {
    return this.options.needsBoth ? this.options.needsBoth(childId) : this.rules.twinFlagged.has(childId);
  }

  /** The waiting half of the given kind, if it has not expired; it is consumed either way. */
  private takePending<V extends PendingHalf['via']>(via: V, nowMs: number): Extract<PendingHalf, { via: V }> | null {
    const p = this.pending;
    if (p === null || p.via !== via) return null;
    this.pending = null;
    return nowMs <= p.untilMs ? (p as Extract<PendingHalf, { via: V }>) : null;
  }

  /**
   * A stable face verdict (accept or needs-bracelet) into a decision, pairing it with a waiting bracelet if needed.
   * null: the PAD check waits for more frames of this approach (`timeLeft`) before it lets the face check in.
   */
  private faceDecision(verdict: Exclude<SearchVerdict, { kind: 'low' }>, nowMs: number, timeLeft: boolean): Decision | null {
    const candidates = verdict.kind === 'accept' ? [verdict.childId] : verdict.candidates;
    this.trackCandidates = candidates;
    const bracelet = this.takePending('bracelet', nowMs);
    if (bracelet !== null) {
      return candidates.includes(bracelet.childId)
        ? { kind: 'recognized', childId: bracelet.childId, method: 'bracelet', score: verdict.score }
        : { kind: 'mismatch' };
    }
    const paired = candidates.some((c) => this.mustPair(c));
    if (!paired) {
      if (verdict.kind !== 'accept') return { kind: 'ask-bracelet', reason: verdict.reason };
      const pad = this.padCheck(verdict.childId, timeLeft);
      if (pad === 'wait') return null;
      if (pad !== null && pad.action === 'refuse') {
        return { kind: 'ask-bracelet', reason: 'unknown-face', refused: { childId: verdict.childId, pad: pad.evidence } };
      }
      return {
        kind: 'recognized',
        childId: verdict.childId,
        method: 'face',
        score: verdict.score,
        ...(pad !== null ? { pad: pad.evidence } : {}),
      };
    }
    this.pending = { via: 'face', candidates, score: verdict.score, untilMs: nowMs + this.options.gate.pairWindowMs };
    return { kind: 'confirm', need: 'bracelet' };
  }

  /**
   * The PAD verdict on the approach so far, for a face that matched `childId` on its own (a bracelet is a second factor
   * and needs none): null without a PAD check; 'wait' keeps the match held for more frames.
   */
  private padCheck(childId: ChildId, timeLeft: boolean): { action: 'check-in' | 'refuse'; evidence: PadEvidence } | 'wait' | null {
    const pad = this.options.pad;
    if (!pad) return null;
    const evidence = padEvidence(decidePad(this.padFrames, pad.config), pad.model);
    const action = padAction(evidence, pad.mode(), timeLeft);
    if (action === 'wait') {
      this.padHeld = { childId, pad: evidence };
      return 'wait';
    }
    return { action, evidence };
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
    this.pending = null;
  }

  /** Settles the current track with `decision`; `children`: who else the face in front of the camera is taken to be. */
  private settle<D extends Decision | null>(decision: D, children: readonly ChildId[] = []): D {
    this.tracker.stopFusing();
    const settledAs = new Set(this.settledTrackId === this.trackId ? this.settledAs : []);
    for (const id of [...this.trackCandidates, ...children]) settledAs.add(id);
    if (decision?.kind === 'recognized') settledAs.add(decision.childId);
    if (decision?.kind === 'ask-bracelet' && decision.refused) settledAs.add(decision.refused.childId);
    this.settledAs = settledAs;
    this.trackCandidates = [];
    this.stepInChild = null;
    this.stepInStreak = 0;
    this.settledTrackId = this.trackId;
    this.settledAsked =
      decision !== null && (decision.kind === 'ask-bracelet' || decision.kind === 'mismatch' || decision.kind === 'confirm');
    this.streakKey = '';
    this.streak = 0;
    this.padFrames = [];
    this.padHeld = null;
    return decision;
  }

  private forgetTrack(): void {
    this.trackId = -1;
    this.trackCandidates = [];
    this.streakKey = '';
    this.streak = 0;
    this.padFrames = [];
    this.padHeld = null;
  }
}
