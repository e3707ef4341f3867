// Measures what the gate's camera really delivers: counts the video frames the page receives over a short window
// (requestVideoFrameCallback; animation frames with a changed time where it is missing) and reads the track's
// settings. Reads the live <video> only: no frame is copied or kept.
import type { CameraReading } from './diagnostics';

type VideoWithCallback = Omit<HTMLVideoElement, 'requestVideoFrameCallback' | 'cancelVideoFrameCallback'> & {
  requestVideoFrameCallback?: (cb: () => void) => number;
  cancelVideoFrameCallback?: (h: number) => void;
};

export async function measureCamera(video: HTMLVideoElement | null, errorCode: string | null, windowMs = 2000): Promise<CameraReading> {
  const stream = video?.srcObject instanceof MediaStream ? video.srcObject : null;
  const track = stream?.getVideoTracks().find((t) => t.readyState === 'live') ?? null;
  if (!video || !track)
    return { state: errorCode ? 'error' : 'no-picture', errorCode, width: null, height: null, measuredFps: null, nominalFps: null };
  const settings = track.getSettings();
  const v = video as unknown as VideoWithCallback;
  let frames = 0;
  let stopped = false;
  let handle = 0;
  let lastTime = -1;
  const onFrame = () => {
    if (stopped) return;
    if (v.requestVideoFrameCallback) frames++;
    else if (video.currentTime !== lastTime) {
      lastTime = video.currentTime;
      frames++;
    }
    handle = v.requestVideoFrameCallback ? v.requestVideoFrameCallback(onFrame) : requestAnimationFrame(onFrame);
  };
  const started = performance.now();
  handle = v.requestVideoFrameCallback ? v.requestVideoFrameCallback(onFrame) : requestAnimationFrame(onFrame);
  await new Promise((resolve) => setTimeout(resolve, windowMs));
  stopped = true;
  if (v.cancelVideoFrameCallback) v.cancelVideoFrameCallback(handle);
  else cancelAnimationFrame(handle);
  const seconds = (performance.now() - started) / 1000;
  return {
    state: frames > 0 ? 'running' : 'no-picture',
    errorCode,
    width: video.videoWidth || settings.width || null,
    height: video.videoHeight || settings.height || null,
    measuredFps: Math.round((frames / seconds) * 10) / 10,
    nominalFps: settings.frameRate ?? null,
  };
}
