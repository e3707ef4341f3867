// Guided enrolment capture: takes analysed camera frames (faces with embeddings, never pictures) and keeps the good
// samples of ONE child over small pose changes (straight, slightly left, slightly right), with feedback for each
// rejected frame and progress for staff. Pure: the screen feeds it frames and shows what it answers.
import { defaultCaptureRules, type CaptureRules } from '../config';
import type { AnalysedFace, QualityIssue } from '../core/types';
import type { EnrolSample } from './samples';

export type PoseStep = 'straight' | 'left' | 'right';

/** The order the child is asked to look in; one accepted sample per step. */
export const POSE_PLAN: readonly PoseStep[] = ['straight', 'left', 'right', 'straight', 'left', 'right', 'straight'];

export type CaptureFeedback = 'accepted' | 'no-face' | 'many-faces' | 'turn-more' | 'wait' | QualityIssue;

export interface CaptureState {
  /** Accepted samples so far. */
  count: number;
  needed: number;
  step: PoseStep;
  feedback: CaptureFeedback;
  done: boolean;
  timedOut: boolean;
}

/** Whether a head yaw (degrees) is the pose a step asks for: straight, or turned at least `turnDeg` left or right. */
export function fitsPose(yawDeg: number, step: PoseStep, turnDeg: number): boolean {
  return step === 'straight' ? Math.abs(yawDeg) < 2 * turnDeg : step === 'left' ? yawDeg <= -turnDeg : yawDeg >= turnDeg;
}

export class GuidedCapture {
  private readonly kept: EnrolSample[] = [];
  private lastAcceptedMs = -Infinity;
  private stepSinceMs: number;
  private last: CaptureState;

  constructor(
    private readonly startMs: number,
    private readonly rules: Readonly<CaptureRules> = defaultCaptureRules,
  ) {
    this.stepSinceMs = startMs;
    this.last = { count: 0, needed: rules.samples, step: POSE_PLAN[0]!, feedback: 'no-face', done: false, timedOut: false };
  }

  get state(): CaptureState {
    return this.last;
  }

  /** One analysed frame. Returns what the screen shows; embeddings of accepted faces are copied, others untouched. */
  onFaces(faces: readonly AnalysedFace[], atMs: number): CaptureState {
    if (this.last.done || this.last.timedOut) return this.last;
    if (atMs - this.startMs > this.rules.timeoutMs) return (this.last = { ...this.last, timedOut: true });
    const step = POSE_PLAN[this.kept.length % POSE_PLAN.length]!;
    const feedback = this.judge(faces, atMs, step);
    if (feedback === 'accepted') {
      const face = largest(faces)!;
      this.kept.push({ embedding: Float32Array.from(face.embedding!), issues: [] });
      this.lastAcceptedMs = atMs;
      this.stepSinceMs = atMs;
    }
    const count = this.kept.length;
    return (this.last = {
      count,
      needed: this.rules.samples,
      step: POSE_PLAN[count % POSE_PLAN.length]!,
      feedback,
      done: count >= this.rules.samples,
      timedOut: false,
    });
  }

  private judge(faces: readonly AnalysedFace[], atMs: number, step: PoseStep): CaptureFeedback {
    const face = largest(faces);
    if (face === null) return 'no-face';
    if (faces.some((f) => f !== face && f.box.width >= this.rules.otherFaceRatio * face.box.width)) return 'many-faces';
    if (face.issues.length > 0) return face.issues[0]!;
    if (face.embedding === undefined || face.embedding.length === 0) return 'no-face';
    if (atMs - this.lastAcceptedMs < this.rules.gapMs) return 'wait';
    const turnedEnough = fitsPose(face.quality.yawDeg, step, this.rules.turnDeg);
    if (!turnedEnough && atMs - this.stepSinceMs < this.rules.turnWaitMs) return 'turn-more';
    return 'accepted';
  }

  /** The accepted samples (for enrolChild). */
  samples(): EnrolSample[] {
    return this.kept;
  }

  /** Overwrites the kept embeddings (enrolment done, cancelled or the screen closed). */
  wipe(): void {
    for (const s of this.kept) s.embedding?.fill(0);
    this.kept.length = 0;
  }
}

function largest(faces: readonly AnalysedFace[]): AnalysedFace | null {
  let best: AnalysedFace | null = null;
  for (const f of faces) if (best === null || f.box.width > best.box.width) best = f;
  return best;
}
