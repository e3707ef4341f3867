// Opens the front camera once face recognition is ready (until then it has nothing to do) and while `enabled` (never
// while the site has biometrics off), feeds its frames to the gate, and retries when the camera fails or goes away.
// Frames stay in memory only.
import type { RefObject } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { AnalysedFace } from '../../core/types';
import { startFrameLoop } from '../../gate/frame-loop';
import { openCamera, stopCamera, watchCamera, type CameraErrorCode } from '../../pipeline/camera';
import type { ClientState, RecognitionClient } from '../../pipeline/recognition-client';

const CAMERA_RETRY_MS = 3000;

export function useGateCamera(
  videoRef: RefObject<HTMLVideoElement>,
  client: RecognitionClient,
  onFaces: (faces: AnalysedFace[], atMs: number) => void,
  enabled = true,
): { cameraError: CameraErrorCode | null; clientState: ClientState } {
  const [cameraError, setCameraError] = useState<CameraErrorCode | null>(null);
  const [clientState, setClientState] = useState<ClientState>(client.current);
  const ready = clientState.kind === 'ready' || clientState.kind === 'restarting';

  useEffect(() => client.onState(setClientState), [client]);

  useEffect(() => {
    if (!ready || !enabled) return;
    let stream: MediaStream | null = null;
    let stopped = false;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let stopLoop: (() => void) | null = null;
    let unwatch: (() => void) | null = null;

    const retry = () => {
      stopLoop?.();
      stopLoop = null;
      unwatch?.();
      if (stream) stopCamera(stream);
      stream = null;
      retryTimer = setTimeout(() => void start(), CAMERA_RETRY_MS);
    };
    const start = async () => {
      const result = await openCamera({ width: 640, height: 480 });
      if (stopped) {
        if (result.kind === 'ok') stopCamera(result.stream);
        return;
      }
      if (result.kind === 'failed') {
        setCameraError(result.code);
        retry();
        return;
      }
      setCameraError(null);
      stream = result.stream;
      unwatch = watchCamera(stream, () => {
        setCameraError('camera.lost');
        retry();
      });
      const video = videoRef.current;
      if (!video) return;
      video.srcObject = stream;
      await video.play().catch(() => undefined);
      stopLoop = startFrameLoop({ video, client, onFaces });
    };
    void start();
    return () => {
      stopped = true;
      clearTimeout(retryTimer);
      stopLoop?.();
      unwatch?.();
      if (stream) stopCamera(stream);
    };
    // `onFaces` must be stable for the life of the screen (the controller's method, bound once).
  }, [ready, client, enabled]);

  return { cameraError, clientState };
}
