// The live camera view of the foundation stage: the camera, detected faces with their quality,
// and what the pipeline runs on (backend, threads, isolation). No frame is ever stored.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { KioskConfig } from '../config';
import type { AnalysedFace } from '../core/types';
import { startLivePipeline, type LiveState } from '../runtime/screen-api';
import type { MessageKey } from './i18n/messages';
import type { Params } from './i18n/translate';

interface Props {
  config: Readonly<KioskConfig>;
  /** How long (ms) to wait before opening a failed or lost camera again. */
  retryMs: number;
  t: (key: MessageKey, params?: Params) => string;
}

export function LiveView({ config, retryMs, t }: Props) {
  const videoRef = useRef<HTMLVideoElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [live, setLive] = useState<LiveState>({ recognition: { kind: 'loading' }, cameraError: null, faces: [], frameMs: null });
  useEffect(() => {
    const video = videoRef.current;
    if (!video) return;
    return startLivePipeline(config, video, retryMs, (state) => {
      setLive(state);
      draw(canvasRef.current, video, state.faces);
    });
  }, [config]);
  const { recognition: clientState, cameraError, faces, frameMs } = live;

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
