// One guided face enrolment, from the first frame to the result (behind the PIN, with the child in front of the
// tablet): the camera's faces go to the guided capture, which keeps the configured number of good samples over small
// pose changes and says why a frame was rejected; then the samples are enrolled (consent re-checked, duplicate check,
// sealed templates). The gate takes no faces while a session is open and the self-update waits. Embeddings live in
// memory only and are wiped when the session is done, retried or closed (kept only while staff decide about a twin).
import type { CaptureRules } from '../config';
import type { AnalysedFace, ChildId } from '../core/types';
import type { EnrolResult } from '../enrollment/enrol';
import { GuidedCapture, type CaptureState } from '../enrollment/guided-capture';
import type { EnrolSample } from '../enrollment/samples';
import type { RosterChild } from '../storage/roster-format';
import type { FaceConsumer } from './face-feed';
import { ViewStore, type View } from './view-store';

export type EnrolmentPhase = { kind: 'capturing' } | { kind: 'saving' } | { kind: 'result'; result: EnrolResult };

export interface EnrolmentState {
  child: RosterChild;
  capture: CaptureState;
  phase: EnrolmentPhase;
  /** Templates were stored during this session (the roster re-reads its template state). */
  changed: boolean;
}

export interface EnrolmentSessionDeps {
  child: RosterChild;
  rules: Readonly<CaptureRules>;
  /** The frames' clock (the capture's timeout and the gap between samples). */
  monotonic(): number;
  /** Enrols the samples with the gate's current services. */
  enrol(samples: readonly EnrolSample[], confirmTwinOf?: ChildId): Promise<EnrolResult>;
  /** Called when the session starts or stops wanting camera frames, and when it closes. */
  onChange(): void;
  /** Releases what the session holds (the gate's camera, the self-update's wait). */
  onClose(): void;
}

export interface EnrolmentSession {
  readonly view: View<EnrolmentState>;
  /** A new capture (after a timeout or a refusal). */
  retry(): void;
  /** Staff confirmed that the child the duplicate check named is this child's twin: enrol anyway and flag both. */
  confirmTwin(otherChildId: ChildId): void;
  /** Ends the session; wipes every embedding. */
  close(): void;
}

export class GuidedEnrolment implements EnrolmentSession, FaceConsumer {
  private capture: GuidedCapture;
  private readonly store: ViewStore<EnrolmentState>;
  private closed = false;

  constructor(private readonly deps: EnrolmentSessionDeps) {
    this.capture = new GuidedCapture(deps.monotonic(), deps.rules);
    this.store = new ViewStore<EnrolmentState>({
      child: deps.child,
      capture: this.capture.state,
      phase: { kind: 'capturing' },
      changed: false,
    });
  }

  get view(): View<EnrolmentState> {
    return this.store;
  }

  /** Whether the camera should run for this session (only while it captures). */
  get capturing(): boolean {
    return !this.closed && this.store.current.phase.kind === 'capturing';
  }

  onFaces(faces: AnalysedFace[], atMs: number): void {
    if (!this.capturing) return;
    const capture = this.capture.onFaces(faces, atMs);
    if (!capture.done) {
      this.store.update({ capture });
      return;
    }
    this.store.update({ capture, phase: { kind: 'saving' } });
    this.deps.onChange();
    void this.save();
  }

  retry(): void {
    if (this.closed) return;
    this.capture.wipe();
    this.capture = new GuidedCapture(this.deps.monotonic(), this.deps.rules);
    this.store.update({ capture: this.capture.state, phase: { kind: 'capturing' } });
    this.deps.onChange();
  }

  confirmTwin(otherChildId: ChildId): void {
    if (this.closed || this.store.current.phase.kind !== 'result') return;
    this.store.update({ phase: { kind: 'saving' } });
    void this.save(otherChildId);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.capture.wipe();
    this.deps.onClose();
    this.deps.onChange();
  }

  private async save(confirmTwinOf?: ChildId): Promise<void> {
    const capture = this.capture;
    const result = await this.deps.enrol(capture.samples(), confirmTwinOf);
    // Kept only while staff decide about a possible twin; otherwise gone now.
    if (!(result.kind === 'refused' && result.reason === 'looks-like-other-child')) capture.wipe();
    if (this.closed) {
      capture.wipe();
      return;
    }
    this.store.update({ phase: { kind: 'result', result }, changed: this.store.current.changed || result.kind === 'enrolled' });
  }
}
