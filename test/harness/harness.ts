// Test and benchmark harness page: drives the kiosk's own recognition client (worker, models,
// matcher) from Node through Playwright. Photos come from ../shared/faces via the test server and
// stay in memory; nothing is stored.
import { defaultConfig, validateConfig, type KioskConfig } from '../../src/config';
import { benchMatch } from '../../bench/lib/bench-match';
import type { AnalysedFace } from '../../src/core/types';
import type { PipelineInfo } from '../../src/pipeline/face-pipeline';
import type { FlipMode } from '../../src/pipeline/models/embedder.model';
import { RecognitionClient, type FrameOutcome } from '../../src/pipeline/recognition-client';
import type { Presentation } from '../../bench/lib/pad/pad-plan';
import { meanSaturation, renderPresentation } from '../../bench/lib/pad/pad-render';

export interface HarnessFace extends Omit<AnalysedFace, 'embedding'> {
  embedding: number[] | null;
}

export interface HarnessResult {
  ok: boolean;
  error?: string;
  faces: HarnessFace[];
  timings?: Record<string, number>;
  /** The frame found the followed face around its last place, without a whole-frame search (FrameSpec.track). */
  tracked?: boolean;
  roundTripMs: number;
}

export interface FrameSpec {
  /** Grey border on each side, as a share of the photo's width/height (0.25 = the benchmark's padding). */
  pad?: number;
  /** Place the photo into a canvas of this size instead (letterboxed on grey): a camera frame. */
  frame?: { width: number; height: number; photoHeightShare: number };
  embed?: 'largest' | 'all' | 'none';
  flip?: FlipMode;
  /** Presentation-attack evidence of the followed face (the pipeline's default: with embed 'largest'). */
  padEvidence?: boolean;
  /** Gate frames in order: the followed face is looked for around its last place (AnalyseOptions.track). */
  track?: boolean;
}

/** A synthetic camera frame: a fill colour and photos placed at given spots (height in pixels). */
export interface ComposeSpec {
  width: number;
  height: number;
  fill: string;
  photos: { url: string; x: number; y: number; height: number }[];
  embed?: 'largest' | 'all' | 'none';
  flip?: FlipMode;
  /** As FrameSpec.track: frames of one approach, in order. */
  track?: boolean;
}

/** One photo's result in embedMany: the embedded face with where it was found (numbers only). */
export interface EmbedManyResult {
  url: string;
  embedding: number[] | null;
  faces: number;
  box?: AnalysedFace['box'];
  points?: AnalysedFace['points'];
  quality?: AnalysedFace['quality'];
  error?: string;
}

/** One frame of a bench:pad presentation as the pipeline saw it: the followed face's numbers, nothing else. */
export interface PadFrameResult {
  faces: number;
  face: Omit<HarnessFace, 'embedding'> | null;
  /** Mean HSV saturation of the whole frame (the renderer check's trivial feature). */
  saturation: number;
  timings?: Record<string, number>;
  error?: string;
}

let client: RecognitionClient | null = null;
const photoCache = new Map<string, ImageBitmap>();

async function loadPhoto(url: string): Promise<ImageBitmap> {
  const cached = photoCache.get(url);
  if (cached) return cached;
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  const bitmap = await createImageBitmap(await res.blob());
  if (photoCache.size < 64) photoCache.set(url, bitmap);
  return bitmap;
}

async function makeFrame(url: string, spec: FrameSpec): Promise<ImageBitmap> {
  const photo = await loadPhoto(url);
  let canvas: OffscreenCanvas;
  if (spec.frame) {
    canvas = new OffscreenCanvas(spec.frame.width, spec.frame.height);
    const h = spec.frame.height * spec.frame.photoHeightShare;
    const w = (photo.width / photo.height) * h;
    const ctx = canvas.getContext('2d')!;
    ctx.fillStyle = '#808080';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(photo, (canvas.width - w) / 2, (canvas.height - h) / 2, w, h);
  } else {
    const pad = spec.pad ?? 0;
    const px = Math.round(photo.width * pad),
      py = Math.round(photo.height * pad);
    canvas = new OffscreenCanvas(photo.width + 2 * px, photo.height + 2 * py);
    const ctx = canvas.getContext('2d')!;
    ctx.fillStyle = '#808080';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(photo, px, py);
  }
  return canvas.transferToImageBitmap();
}

function toResult(outcome: FrameOutcome, roundTripMs: number): HarnessResult {
  if (outcome.kind !== 'analysed') {
    return {
      ok: false,
      error: outcome.kind === 'failed' ? `${outcome.error.code}: ${outcome.error.message}` : 'dropped',
      faces: [],
      roundTripMs,
    };
  }
  const { analysis } = outcome;
  return {
    ok: true,
    faces: analysis.faces.map((f) => ({ ...f, embedding: f.embedding ? Array.from(f.embedding) : null })),
    timings: { ...analysis.timings },
    tracked: analysis.tracked === true,
    roundTripMs,
  };
}

const harness = {
  async init(
    options: { backend?: 'auto' | 'wasm'; config?: Partial<KioskConfig>; modelBaseUrl?: string } = {},
  ): Promise<PipelineInfo & { initMs: number }> {
    client?.stop();
    const t0 = performance.now();
    client = new RecognitionClient({
      config: validateConfig({ ...defaultConfig, ...options.config }),
      modelBaseUrl: options.modelBaseUrl ?? '/models/',
      wasmPaths: '/ort/',
      backend: options.backend ?? 'auto',
    });
    const info = await client.start();
    return { ...info, initMs: performance.now() - t0 };
  },

  async analyse(url: string, spec: FrameSpec = {}): Promise<HarnessResult> {
    if (!client) throw new Error('call harness.init() first');
    const frame = await makeFrame(url, spec);
    const t0 = performance.now();
    const outcome = await client.analyse(frame, {
      embed: spec.embed ?? 'largest',
      ...(spec.flip ? { flip: spec.flip } : {}),
      ...(spec.padEvidence !== undefined ? { pad: spec.padEvidence } : {}),
      ...(spec.track !== undefined ? { track: spec.track } : {}),
    });
    return toResult(outcome, performance.now() - t0);
  },

  async compose(spec: ComposeSpec): Promise<HarnessResult> {
    if (!client) throw new Error('call harness.init() first');
    const canvas = new OffscreenCanvas(spec.width, spec.height);
    const ctx = canvas.getContext('2d')!;
    ctx.fillStyle = spec.fill;
    ctx.fillRect(0, 0, spec.width, spec.height);
    for (const p of spec.photos) {
      const photo = await loadPhoto(p.url);
      ctx.drawImage(photo, p.x, p.y, (photo.width / photo.height) * p.height, p.height);
    }
    const t0 = performance.now();
    const outcome = await client.analyse(canvas.transferToImageBitmap(), {
      embed: spec.embed ?? 'largest',
      ...(spec.flip ? { flip: spec.flip } : {}),
      ...(spec.track !== undefined ? { track: spec.track } : {}),
    });
    return toResult(outcome, performance.now() - t0);
  },

  /** Many photos in one call (fewer round trips from Node): embeddings only. */
  async embedMany(urls: string[], spec: FrameSpec = {}): Promise<EmbedManyResult[]> {
    const out: EmbedManyResult[] = [];
    for (const url of urls) {
      try {
        const r = await harness.analyse(url, spec);
        const face = r.faces.find((f) => f.embedding);
        out.push({
          url,
          embedding: face?.embedding ?? null,
          faces: r.faces.length,
          ...(face ? { box: face.box, points: face.points, quality: face.quality } : {}),
          ...(r.ok ? {} : { error: r.error }),
        });
      } catch (err) {
        out.push({ url, embedding: null, faces: 0, error: String(err) });
      }
      photoCache.delete(url);
    }
    return out;
  },

  /** The face box of each photo in the photo's own pixels (found on the photo padded by 25%, as bench:accuracy does). */
  async photoFaces(urls: string[]): Promise<({ width: number; height: number; box: AnalysedFace['box'] } | null)[]> {
    const out: ({ width: number; height: number; box: AnalysedFace['box'] } | null)[] = [];
    for (const url of urls) {
      try {
        const photo = await loadPhoto(url);
        const px = Math.round(photo.width * 0.25),
          py = Math.round(photo.height * 0.25);
        const r = await harness.analyse(url, { pad: 0.25, embed: 'none' });
        const face = r.faces[0];
        out.push(face ? { width: photo.width, height: photo.height, box: { ...face.box, x: face.box.x - px, y: face.box.y - py } } : null);
      } catch {
        out.push(null);
      }
      photoCache.delete(url);
    }
    return out;
  },

  /**
   * Renders a bench:pad presentation (genuine photo, or the photo on a screen or print moved as a plane) from the
   * photo at `url` and runs every frame through the kiosk's pipeline as the gate does (the followed face embedded,
   * its PAD evidence computed). Frames and photo stay in this page's memory.
   */
  async padPresentation(url: string, presentation: Presentation): Promise<PadFrameResult[]> {
    if (!client) throw new Error('call harness.init() first');
    const bitmap = await loadPhoto(url);
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(bitmap, 0, 0);
    const pixels = ctx.getImageData(0, 0, bitmap.width, bitmap.height);
    photoCache.delete(url);
    const rendered = renderPresentation(pixels, presentation.plan, presentation.camera);
    const out: PadFrameResult[] = [];
    for (const frame of rendered.frames) {
      const image = new ImageData(frame as Uint8ClampedArray<ArrayBuffer>, rendered.width, rendered.height);
      const saturation = meanSaturation(frame);
      const outcome = await client.analyse(await createImageBitmap(image), { embed: 'largest', flip: 'original', pad: true });
      const r = toResult(outcome, 0);
      const face = r.faces.find((f) => f.pad) ?? null;
      out.push({
        faces: r.faces.length,
        face: face
          ? { box: face.box, points: face.points, quality: face.quality, issues: face.issues, ...(face.pad ? { pad: face.pad } : {}) }
          : null,
        saturation,
        ...(r.timings ? { timings: r.timings } : {}),
        ...(r.ok ? {} : { error: r.error }),
      });
    }
    return out;
  },

  benchMatch(n: number, iterations: number) {
    return benchMatch(n, iterations);
  },

  crossOriginIsolated: globalThis.crossOriginIsolated,
};

declare global {
  interface Window {
    harness: typeof harness;
  }
}
window.harness = harness;

// ?autostart=URL[&detector=onnx|mediapipe][&embedder=auto|float32|int8]: load models and analyse one photo at once
// (cold-start measurement: when the models were ready and when the first embedding came, from the page's start).
const query = new URLSearchParams(location.search);
const autostart = query.get('autostart');
const autostartDetector = query.get('detector') === 'mediapipe' ? 'mediapipe' : 'onnx';
const autostartEmbedder = query.get('embedder');
const status = document.getElementById('status')!;
if (autostart) {
  harness
    .init({
      config: {
        detectorBackend: autostartDetector,
        ...(autostartEmbedder === 'int8' || autostartEmbedder === 'float32' || autostartEmbedder === 'auto'
          ? { embedderPrecision: autostartEmbedder }
          : {}),
      },
    })
    .then(() => {
      status.dataset.modelsReadyMs = String(performance.now());
      return harness.analyse(autostart, { pad: 0.25 });
    })
    .then((r) => {
      const at = performance.now();
      status.dataset.firstEmbeddingMs = String(at);
      status.dataset.ok = String(r.faces.some((f) => f.embedding));
      status.textContent = 'done';
    })
    .catch((err: unknown) => {
      status.textContent = `error: ${String(err)}`;
    });
} else {
  status.textContent = 'ready';
}
