// The site PAD test as a session (behind the PIN): staff say what they hold to the camera (a real face, a printed
// photo, a phone or screen), the camera's frames of the face in front go to the trial until it has enough of them, and
// the trial's verdict joins the tally (src/core/pad/site-test.ts). The gate takes no faces while the session is open.
// Numbers only, in memory; staff export them.
import type { PadConfig } from '../core/pad/pad-config';
import type { PadObservation } from '../core/pad/fusion';
import { padSiteSummary, padTrial, type PadSiteSummary, type PadTrial, type PadTrialKind } from '../core/pad/site-test';
import { pickPrimaryFace } from '../core/face-select';
import type { AnalysedFace } from '../core/types';
import type { FaceConsumer } from './face-feed';
import { ViewStore, type View } from './view-store';

export type PadTestPhase =
  | { kind: 'ready' }
  | { kind: 'presenting'; trial: PadTrialKind; frames: number; needed: number }
  /** The last trial's verdict (the next one can start). */
  | { kind: 'result'; trial: PadTrial }
  /** No face was seen for long enough: nothing counted. */
  | { kind: 'no-face'; trial: PadTrialKind };

export interface PadTestState {
  phase: PadTestPhase;
  trials: PadTrial[];
  summary: PadSiteSummary;
}

export interface PadTestSessionDeps {
  config: Readonly<PadConfig>;
  /** Frames of the face one trial fuses (the gate fuses about this many before it decides). */
  trialFrames: number;
  /** A trial with too few face frames after this long (frames' clock, ms) counts nothing. */
  trialTimeoutMs: number;
  minFaceWidthPx: number;
  monotonic(): number;
  onChange(): void;
  onClose(): void;
}

export interface PadTestSession {
  readonly view: View<PadTestState>;
  start(trial: PadTrialKind): void;
  /** Forgets every trial (a new test). */
  clear(): void;
  close(): void;
}

export class SitePadTest implements PadTestSession, FaceConsumer {
  private readonly store: ViewStore<PadTestState>;
  private observations: PadObservation[] = [];
  private startedAtMs = 0;
  private closed = false;

  constructor(private readonly deps: PadTestSessionDeps) {
    this.store = new ViewStore<PadTestState>({ phase: { kind: 'ready' }, trials: [], summary: padSiteSummary([]) });
  }

  get view(): View<PadTestState> {
    return this.store;
  }

  /** Whether the camera should run for this session (only during a trial). */
  get capturing(): boolean {
    return !this.closed && this.store.current.phase.kind === 'presenting';
  }

  start(trial: PadTrialKind): void {
    if (this.closed) return;
    this.observations = [];
    this.startedAtMs = this.deps.monotonic();
    this.store.update({ phase: { kind: 'presenting', trial, frames: 0, needed: this.deps.trialFrames } });
    this.deps.onChange();
  }

  onFaces(faces: AnalysedFace[], atMs: number): void {
    const phase = this.store.current.phase;
    if (!this.capturing || phase.kind !== 'presenting') return;
    const face = pickPrimaryFace(faces, this.deps.minFaceWidthPx);
    if (face !== null) this.observations.push({ liveness: face.pad?.liveness ?? null, points: face.points });
    if (this.observations.length >= this.deps.trialFrames) {
      const trial = padTrial(phase.trial, this.observations, this.deps.config);
      const trials = [...this.store.current.trials, trial];
      this.finish({ phase: { kind: 'result', trial }, trials, summary: padSiteSummary(trials) });
    } else if (atMs - this.startedAtMs > this.deps.trialTimeoutMs) {
      this.finish({ phase: { kind: 'no-face', trial: phase.trial } });
    } else if (face !== null) {
      this.store.update({ phase: { ...phase, frames: this.observations.length } });
    }
  }

  clear(): void {
    if (this.closed) return;
    this.observations = [];
    this.store.update({ phase: { kind: 'ready' }, trials: [], summary: padSiteSummary([]) });
    this.deps.onChange();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.observations = [];
    this.deps.onClose();
    this.deps.onChange();
  }

  private finish(next: Partial<PadTestState>): void {
    this.observations = [];
    this.store.update(next);
    this.deps.onChange();
  }
}
