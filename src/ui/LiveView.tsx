// The live camera view of the foundation stage: the camera, detected faces with their quality,
// and what the pipeline runs on (backend, threads, isolation). No frame is ever stored.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { KioskConfig } from '../config';
import type { AnalysedFace } from '../core/types';
import { openCamera, stopCamera, watchCamera, type CameraErrorCode } from '../pipeline/camera';
import { RecognitionClient, type ClientState } from '../pipeline/recognition-client';
import type { MessageKey } from './i18n/messages';
import type { Params } from './i18n/translate';

interface Props {
  config: Readonly<KioskConfig>;
  t: (key: MessageKey, params?: Params) => string;
}

const CAMERA_RETRY_MS = 3000;

export function LiveView({ config, t }: Props) {
  const videoRef = useRef<HTMLVideoElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [cameraError, setCameraError] = useState<CameraErrorCode | null>(null);
  const [clientState, setClientState] = useState<ClientState>({ kind: 'loading' });
  const [faces, setFaces] = useState<AnalysedFace[]>([]);
  const [frameMs, setFrameMs] = useState<number | null>(null);

  useEffect(() => {
    const client = new RecognitionClient({
      config,
      modelBaseUrl: `${import.meta.env.BASE_URL}models/`,
      wasmPaths: `${import.meta.env.BASE_URL}ort/`,
    });
    const offState = client.onState(setClientState);
    client.start().catch(() => undefined);
    let stream: MediaStream | null = null;
    let stopped = false;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let raf = 0;

    const loop = async () => {
      const video = videoRef.current;
      if (stopped || !video) return;
      if (video.readyState >= 2 && !client.busy && client.current.kind === 'ready') {
        const bitmap = await createImageBitmap(video);
        const outcome = await client.analyse(bitmap, { embed: 'largest' });
        if (outcome.kind === 'analysed') {
          setFaces(outcome.analysis.faces);
          setFrameMs(Math.round(outcome.analysis.timings.totalMs));
          draw(canvasRef.current, video, outcome.analysis.faces);
        }
      }
      raf = requestAnimationFrame(() => void loop());
    };

    const start = async () => {
      const result = await openCamera({ width: 640, height: 480 });
      if (stopped) return;
      if (result.kind === 'failed') {
        setCameraError(result.code);
        retryTimer = setTimeout(() => void start(), CAMERA_RETRY_MS);
        return;
      }
      setCameraError(null);
      stream = result.stream;
      watchCamera(stream, () => {
        setCameraError('camera.lost');
        retryTimer = setTimeout(() => void start(), CAMERA_RETRY_MS);
      });
      if (videoRef.current) {
        videoRef.current.srcObject = stream;
        await videoRef.current.play().catch(() => undefined);
      }
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
  }, [config]);

  const largest = faces.find((f) => f.embedding);
  const qualityText = largest
    ? largest.issues.length === 0
      ? t('quality.good')
      : t(`quality.${largest.issues[0]!}` as MessageKey)
    : t('faces.none');
  const status =
    clientState.kind === 'ready'
      ? t('pipeline.ready', { backend: clientState.info.backend, threads: clientState.info.threads })
      : clientState.kind === 'failed'
        ? t(`error.${clientState.error.code}` as MessageKey)
        : clientState.kind === 'restarting'
          ? t('pipeline.restarting', { attempt: clientState.attempt })
          : t('pipeline.loading');

  return (
    <main class="live">
      <div class="stage">
        <video ref={videoRef} muted playsInline class="camera" />
        <canvas ref={canvasRef} class="overlay" />
        <div class="guide" aria-hidden="true" />
      </div>
      <section class="status" data-testid="status">
        <p data-testid="pipeline-status" data-state={clientState.kind}>
          {status}
        </p>
        {cameraError && (
          <p class="warning" data-testid="camera-error">
            {t(cameraError)}
          </p>
        )}
        <p data-testid="faces">
          {faces.length > 0 ? t('faces.count', { count: faces.length }) : t('faces.none')} ·{' '}
          <span data-testid="quality">{qualityText}</span>
        </p>
        {frameMs !== null && <p>{t('stats.timing', { ms: frameMs })}</p>}
      </section>
    </main>
  );
}

function draw(canvas: HTMLCanvasElement | null, video: HTMLVideoElement, faces: AnalysedFace[]): void {
  if (!canvas) return;
  canvas.width = video.videoWidth;
  canvas.height = video.videoHeight;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  for (const f of faces) {
    ctx.strokeStyle = f.issues.length === 0 && f.embedding ? '#3ecf8e' : '#f5a623';
    ctx.lineWidth = 3;
    ctx.strokeRect(f.box.x, f.box.y, f.box.width, f.box.height);
    ctx.fillStyle = '#fff';
    for (const p of f.points) ctx.fillRect(p.x - 2, p.y - 2, 4, 4);
  }
}
