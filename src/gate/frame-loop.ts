// Camera frames into the recognition client, one at a time: each new video frame is analysed at most once, the next
// one is taken as soon as the worker is free, and the embedder's mirror mode alternates so that fusion sees both.
// Frames are ImageBitmaps handed to the worker (transferred) and closed there; nothing is kept.
import type { AnalysedFace } from '../core/types';
import type { RecognitionClient } from '../pipeline/recognition-client';

export interface FrameLoopOptions {
  video: HTMLVideoElement;
  client: RecognitionClient;
  /** The faces of one analysed frame; `atMs` is when the frame was taken (performance.now()). */
  onFaces: (faces: AnalysedFace[], atMs: number) => void;
  /** `none`: detection only (presence evidence; nothing embedded). Default: the largest face is embedded. */
  embed?: 'largest' | 'none';
}

type VideoWithCallback = HTMLVideoElement & {
  requestVideoFrameCallback?: (cb: () => void) => number;
  cancelVideoFrameCallback?: (handle: number) => void;
};

/** Starts analysing the video; returns the stop function. */
export function startFrameLoop({ video, client, onFaces, embed = 'largest' }: FrameLoopOptions): () => void {
  const v = video as VideoWithCallback;
  let stopped = false;
  let working = false;
  let framesSeen = 0;
  let framesTaken = 0;
  let flip: 'original' | 'mirrored' = 'original';
  let handle = 0;

  const pump = async () => {
    if (stopped || working || framesSeen === framesTaken) return;
    if (video.readyState < 2 || client.busy || client.current.kind !== 'ready') return;
    working = true;
    framesTaken = framesSeen;
    try {
      const atMs = performance.now();
      const bitmap = await createImageBitmap(video);
      const outcome = await client.analyse(bitmap, embed === 'none' ? { embed: 'none' } : { embed: 'largest', flip, track: true });
      flip = flip === 'original' ? 'mirrored' : 'original';
      // A failed or dropped frame says nothing about who is there: it is skipped, not reported as "no face".
      if (!stopped && outcome.kind === 'analysed') onFaces(outcome.analysis.faces, atMs);
    } catch {
      // The video had no frame to give (camera switching): wait for the next one.
    } finally {
      working = false;
    }
    void pump();
  };

  const onFrame = () => {
    if (stopped) return;
    framesSeen++;
    void pump();
    handle = v.requestVideoFrameCallback ? v.requestVideoFrameCallback(onFrame) : requestAnimationFrame(onFrame);
  };
  handle = v.requestVideoFrameCallback ? v.requestVideoFrameCallback(onFrame) : requestAnimationFrame(onFrame);
  // A worker that becomes ready (or is restarted) picks up the newest frame.
  const offState = client.onState(() => void pump());

  return () => {
    stopped = true;
    offState();
    if (v.cancelVideoFrameCallback) v.cancelVideoFrameCallback(handle);
    else cancelAnimationFrame(handle);
  };
}
