// The front camera: opens it, maps failures to codes the UI explains, and notices when the track
// ends (unplugged, permission revoked, taken by another app) so the caller can retry.

/** `camera.lost`: the camera was running and its track ended (see watchCamera). */
export type CameraErrorCode = 'camera.denied' | 'camera.missing' | 'camera.busy' | 'camera.failed' | 'camera.lost';

export type CameraResult = { kind: 'ok'; stream: MediaStream } | { kind: 'failed'; code: CameraErrorCode; detail: string };

export interface CameraOptions {
  width: number;
  height: number;
}

export async function openCamera(options: CameraOptions = { width: 640, height: 480 }): Promise<CameraResult> {
  if (!navigator.mediaDevices?.getUserMedia) return { kind: 'failed', code: 'camera.failed', detail: 'getUserMedia is not available' };
  try {
    const stream = await navigator.mediaDevices.getUserMedia({
      audio: false,
      video: { facingMode: 'user', width: { ideal: options.width }, height: { ideal: options.height } },
    });
    return { kind: 'ok', stream };
  } catch (err) {
    const name = err instanceof DOMException ? err.name : '';
    const code: CameraErrorCode =
      name === 'NotAllowedError' || name === 'SecurityError'
        ? 'camera.denied'
        : name === 'NotFoundError' || name === 'OverconstrainedError'
          ? 'camera.missing'
          : name === 'NotReadableError' || name === 'AbortError'
            ? 'camera.busy'
            : 'camera.failed';
    return { kind: 'failed', code, detail: `${name}: ${err instanceof Error ? err.message : String(err)}` };
  }
}

/** Calls `onLost` once when any video track of the stream ends. */
export function watchCamera(stream: MediaStream, onLost: () => void): () => void {
  let fired = false;
  const handler = () => {
    if (!fired) {
      fired = true;
      onLost();
    }
  };
  const tracks = stream.getVideoTracks();
  tracks.forEach((t) => t.addEventListener('ended', handler));
  return () => tracks.forEach((t) => t.removeEventListener('ended', handler));
}

export function stopCamera(stream: MediaStream): void {
  stream.getTracks().forEach((t) => t.stop());
}
