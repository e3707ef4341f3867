// The camera's frames to whoever needs faces now (the gate controller, or an enrolment's guided capture): opens the
// camera in the view given, hands each analysed frame's faces on, says why it cannot (denied, missing, busy, lost),
// and tries again on its own. A change of view or consumer starts it afresh; frames stay in memory only.
import type { AnalysedFace } from '../core/types';
import type { CameraErrorCode } from '../pipeline/camera';
import type { CameraPort, CameraView, OpenCamera, Timers } from './ports';

export interface FaceConsumer {
  onFaces(faces: AnalysedFace[], atMs: number): void;
  /** `none`: the consumer needs only to know whether faces are there (detection only, nothing embedded). */
  readonly embed?: 'largest' | 'none';
}

export interface FeedTarget {
  view: CameraView;
  consumer: FaceConsumer;
}

export interface FaceFeedDeps {
  camera: CameraPort;
  timers: Timers;
  retryMs: number;
  /** The camera's trouble (null once it delivers again, or when the feed stops). */
  onError(code: CameraErrorCode | null): void;
}

export class FaceFeed {
  private target: FeedTarget | null = null;
  private generation = 0;
  private stopRunning: (() => void) | null = null;

  constructor(private readonly deps: FaceFeedDeps) {}

  /** Runs the camera for `target`, or stops it (null). The same view and consumer again changes nothing. */
  set(target: FeedTarget | null): void {
    if (target?.view === this.target?.view && target?.consumer === this.target?.consumer) return;
    this.stopRunning?.();
    this.stopRunning = null;
    this.target = target;
    this.generation++;
    if (target === null) this.deps.onError(null);
    else this.start(target, this.generation);
  }

  private start(target: FeedTarget, generation: number): void {
    const { camera, timers, retryMs, onError } = this.deps;
    let open: OpenCamera | null = null;
    let unwatch: (() => void) | null = null;
    let stopLoop: (() => void) | null = null;
    let retryTimer: unknown = null;
    const release = () => {
      stopLoop?.();
      unwatch?.();
      open?.close();
      stopLoop = unwatch = open = null;
    };
    const retry = () => {
      release();
      retryTimer = timers.setTimeout(() => void attempt(), retryMs);
    };
    const attempt = async () => {
      const result = await camera.open(target.view);
      if (generation !== this.generation) {
        if (result.kind === 'ok') result.camera.close();
        return;
      }
      if (result.kind === 'failed') {
        onError(result.code);
        retry();
        return;
      }
      onError(null);
      open = result.camera;
      unwatch = open.watch(() => {
        onError('camera.lost');
        retry();
      });
      stopLoop = open.analyse(
        (faces, atMs) => {
          if (generation === this.generation) target.consumer.onFaces(faces, atMs);
        },
        { embed: target.consumer.embed ?? 'largest' },
      );
    };
    this.stopRunning = () => {
      if (retryTimer !== null) timers.clearTimeout(retryTimer);
      release();
    };
    void attempt();
  }
}
