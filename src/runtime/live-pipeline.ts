// The bare pipeline for `#live` (checking a tablet's camera and models, no gate, no database): its own recognition
// client, the camera shown in the given <video>, every frame it can take analysed, and what it found reported to the
// screen. It retries a failed or lost camera on its own. No frame is kept.
import type { KioskConfig } from '../config';
import type { AnalysedFace } from '../core/types';
import { openCamera, stopCamera, watchCamera, type CameraErrorCode } from '../pipeline/camera';
import { RecognitionClient, type ClientState } from '../pipeline/recognition-client';

export interface LiveState {
  recognition: ClientState;
  cameraError: CameraErrorCode | null;
  faces: AnalysedFace[];
  /** Time (ms) the last frame took in the worker. */
  frameMs: number | null;
}

/** Starts the live pipeline; `onUpdate` gets each new state (after every analysed frame). Returns the stop function. */
export function startLivePipeline(
  config: Readonly<KioskConfig>,
  video: HTMLVideoElement,
  retryMs: number,
  onUpdate: (state: LiveState) => void,
): () => void {
  let state: LiveState = { recognition: { kind: 'loading' }, cameraError: null, faces: [], frameMs: null };
  const update = (patch: Partial<LiveState>) => onUpdate((state = { ...state, ...patch }));
  const client = new RecognitionClient({
    config,
    modelBaseUrl: `${import.meta.env.BASE_URL}models/`,
    wasmPaths: `${import.meta.env.BASE_URL}ort/`,
  });
  const offState = client.onState((recognition) => update({ recognition }));
  client.start().catch(() => undefined);
  let stream: MediaStream | null = null;
  let stopped = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let raf = 0;

  const loop = async () => {
    if (stopped) return;
    if (video.readyState >= 2 && !client.busy && client.current.kind === 'ready') {
      const outcome = await client.analyse(await createImageBitmap(video), { embed: 'largest' });
      if (outcome.kind === 'analysed') update({ faces: outcome.analysis.faces, frameMs: Math.round(outcome.analysis.timings.totalMs) });
    }
    raf = requestAnimationFrame(() => void loop());
  };
  const start = async () => {
    const result = await openCamera({ width: 640, height: 480 });
    if (stopped) return;
    if (result.kind === 'failed') {
      update({ cameraError: result.code });
      retryTimer = setTimeout(() => void start(), retryMs);
      return;
    }
    update({ cameraError: null });
    stream = result.stream;
    watchCamera(stream, () => {
      update({ cameraError: 'camera.lost' });
      retryTimer = setTimeout(() => void start(), retryMs);
    });
    video.srcObject = stream;
    await video.play().catch(() => undefined);
    raf = requestAnimationFrame(() => void loop());
  };
  void start();
  return () => {
    stopped = true;
    cancelAnimationFrame(raf);
    clearTimeout(retryTimer);
    if (stream) stopCamera(stream);
    offState();
    client.stop();
  };
}
