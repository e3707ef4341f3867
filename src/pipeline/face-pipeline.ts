// The recognition pipeline for one frame: detect (BlazeFace on the whole frame, on onnxruntime or MediaPipe Tasks
// as config.detectorBackend says; RetinaFace as the fallback search) -> 5 precise points (RetinaFace on the face
// region) -> quality -> align to the ArcFace template -> embed, and for the followed face the presentation-attack
// evidence (the passive liveness model on the frame around the face). Frames are only drawn into small scratch
// canvases in memory.
import type { KioskConfig } from '../config';
import { ALIGNED_SIZE, alignToArcFace, invertAffine } from '../core/align';
import { BLAZEFACE_SIZE, type RawDetection } from '../core/detection';
import { orderByPresence } from '../core/face-select';
import { isSameFace } from '../core/face-track';
import { LIVENESS_INPUT_SIZE, livenessCrop, livenessCropFill } from '../core/pad/liveness-input';
import { interOcularPx, laplacianVariance, meanOf, qualityIssues, rollDeg, yawDeg } from '../core/quality';
import { luma, warpAffineRgba, type RgbaImage } from '../core/tensor';
import type { AnalysedFace, Box, FivePoints, PadFrameEvidence, Point } from '../core/types';
import { fetchManifest, fetchModel, type FetchLike, type ModelManifestEntry } from './model-files';
import { BLAZEFACE_MODEL_ID, BlazeFaceModel } from './models/blazeface.model';
import { EmbedderModel, embedderFileId, type FlipMode } from './models/embedder.model';
import { MEDIAPIPE_FACE_MODEL_ID, MediaPipeFaceModel, type MediaPipeDelegate } from './models/mediapipe-face.model';
import { probeGlDelegate } from './gl-delegate';
import { LIVENESS_MODEL_ID, LivenessModel } from './models/liveness.model';
import { RETINAFACE_MODEL_ID, RetinaFaceModel } from './models/retinaface.model';
import { createRuntime, type OrtRuntime } from './ort-runtime';
import { PipelineError } from './pipeline-errors';

export type FrameSource = ImageBitmap | OffscreenCanvas | VideoFrame;

export interface FrameTimings {
  detectMs: number;
  refineMs: number;
  alignMs: number;
  embedMs: number;
  /** The presentation-attack evidence of the followed face (the liveness model and its crop). */
  padMs: number;
  totalMs: number;
}

export interface FrameAnalysis {
  faces: AnalysedFace[];
  timings: FrameTimings;
  /** The face was found again around where it was in the last frame (AnalyseOptions.track): the whole frame was not searched. */
  tracked?: boolean;
  width: number;
  height: number;
}

export interface AnalyseOptions {
  /** Which faces get points and an embedding: the largest one (the gate) or all of them. */
  embed: 'largest' | 'all' | 'none';
  /** Mirror handling of the embedding; default from the config (average or original). */
  flip?: FlipMode;
  /** Presentation-attack evidence for the face the gate follows (the first refined one); default: when embed is 'largest'. */
  pad?: boolean;
  /**
   * Gate frames of one camera, in order (embed 'largest'): the face followed in the last frame is looked for again in
   * the region around it, without the whole-frame detection, for config.trackFramesBetweenSearches frames in a row;
   * such a frame reports that face only. Any other call forgets the followed face.
   */
  track?: boolean;
}

/** What finds faces in the whole frame (the rest of the pipeline runs on onnxruntime either way). */
export interface DetectorInfo {
  backend: 'onnx' | 'mediapipe';
  /** MediaPipe's delegate: GPU (WebGL) where the tablet has a hardware GPU, else CPU (XNNPACK). */
  delegate?: MediaPipeDelegate;
}

export interface PipelineInfo {
  backend: 'wasm' | 'webgpu';
  detector: DetectorInfo;
  threads: number;
  crossOriginIsolated: boolean;
  models: Pick<ModelManifestEntry, 'id' | 'file' | 'package' | 'version' | 'sha256' | 'licence'>[];
  loadMs: number;
}

export interface PipelineOptions {
  config: Readonly<KioskConfig>;
  modelBaseUrl: string;
  wasmPaths: string;
  /** URL prefix where MediaPipe Tasks' wasm is served (config.detectorBackend 'mediapipe'). */
  mediapipeWasmBase: string;
  backend: 'auto' | 'wasm';
  maxThreads: number;
  fetchFn?: FetchLike;
}

/** The whole-frame face finder: BlazeFace on onnxruntime (BlazeFaceModel) or on MediaPipe Tasks (MediaPipeFaceModel). */
interface FaceFinder {
  run(image: RgbaImage, minScore: number): Promise<RawDetection[]>;
}

class Scratch {
  readonly canvas: OffscreenCanvas;
  readonly ctx: OffscreenCanvasRenderingContext2D;
  constructor(width: number, height: number) {
    this.canvas = new OffscreenCanvas(width, height);
    const ctx = this.canvas.getContext('2d', { willReadFrequently: true });
    if (!ctx) throw new PipelineError('runtime-failed', 'a 2D canvas is not available');
    this.ctx = ctx;
    this.ctx.imageSmoothingEnabled = true;
    this.ctx.imageSmoothingQuality = 'high';
  }
  resize(width: number, height: number): void {
    if (this.canvas.width !== width || this.canvas.height !== height) {
      this.canvas.width = width;
      this.canvas.height = height;
      this.ctx.imageSmoothingEnabled = true;
      this.ctx.imageSmoothingQuality = 'high';
    }
  }
  read(): RgbaImage {
    return this.ctx.getImageData(0, 0, this.canvas.width, this.canvas.height);
  }
}

/** A detection mapped back to frame pixels. */
interface FrameDetection {
  box: Box;
  points: Point[];
  score: number;
  /** The points are RetinaFace's own five (the full-frame search), precise enough to align with. */
  precise?: boolean;
}

const now = () => performance.now();
/** A face of the frame, refined (precise points, embedded as asked) or only found; `coarse`: the box it was found in. */
interface Analysed {
  face: AnalysedFace;
  refined: boolean;
  coarse: Box;
}

/**
 * The box to look for a followed face in next: where it was found this time (`coarse`, the detector's box), moved and
 * scaled as its refined box moved and grew from `before` to `after`. The region stays the detector's size around the
 * face, so a tracked frame's points and embedding match a searched frame's.
 */
function followBox(coarse: Box, before: Box, after: Box): Box {
  const grow = after.width / before.width;
  const cx = coarse.x + coarse.width / 2 + (after.x + after.width / 2 - (before.x + before.width / 2));
  const cy = coarse.y + coarse.height / 2 + (after.y + after.height / 2 - (before.y + before.height / 2));
  const width = coarse.width * grow,
    height = coarse.height * grow;
  return { x: cx - width / 2, y: cy - height / 2, width, height };
}

/** A tracked face may move this share of its width between frames and still be the same face (as the gate's tracker). */
const TRACK_MAX_JUMP_RATIO = 0.5;
/** At most this many faces of one frame get precise points (a crowd must not stall the worker). */
const MAX_FACES_REFINED = 5;

/** A face found but not refined: points from the detector (BlazeFace: eyes, nose, mouth centre twice). */
function coarseFace(d: FrameDetection): AnalysedFace {
  const p = d.points;
  const points = (p.length >= 5 && p.length !== 6 ? p.slice(0, 5) : [p[0]!, p[1]!, p[2]!, p[3]!, p[3]!]) as FivePoints;
  const quality = {
    interOcularPx: interOcularPx(points),
    faceWidthPx: d.box.width,
    yawDeg: yawDeg(points),
    rollDeg: rollDeg(points),
    sharpness: 0,
    brightness: 0,
    detectorScore: d.score,
    embeddingNorm: 0,
  };
  return { box: d.box, points, quality, issues: [] };
}

function mapDetection(d: RawDetection, scale: number, offsetX: number, offsetY: number): FrameDetection {
  return {
    score: d.score,
    box: { x: d.box.x / scale + offsetX, y: d.box.y / scale + offsetY, width: d.box.width / scale, height: d.box.height / scale },
    points: d.points.map((p) => ({ x: p.x / scale + offsetX, y: p.y / scale + offsetY })),
  };
}

export class FacePipeline {
  private readonly detectCanvas = new Scratch(BLAZEFACE_SIZE, BLAZEFACE_SIZE);
  private readonly regionCanvas: Scratch;
  private readonly searchCanvas = new Scratch(32, 32);
  private readonly alignCanvas = new Scratch(ALIGNED_SIZE, ALIGNED_SIZE);

  private constructor(
    private readonly config: Readonly<KioskConfig>,
    private readonly runtime: OrtRuntime,
    private readonly blazeface: FaceFinder,
    private readonly retinaface: RetinaFaceModel,
    private readonly embedder: EmbedderModel,
    private readonly liveness: LivenessModel,
    private readonly information: PipelineInfo,
  ) {
    this.regionCanvas = new Scratch(config.refineRegionPx, config.refineRegionPx);
  }

  static async create(options: PipelineOptions): Promise<FacePipeline> {
    const started = now();
    const manifest = await fetchManifest(options.modelBaseUrl, options.fetchFn);
    const entry = (id: string) => {
      const found = manifest.models.find((m) => m.id === id);
      if (!found) throw new PipelineError('manifest-missing', `the model manifest has no ${id}`);
      return found;
    };
    const mediapipe = options.config.detectorBackend === 'mediapipe';
    const runtimeReady = createRuntime({ wasmPaths: options.wasmPaths, backend: options.backend, maxThreads: options.maxThreads });
    // The embedder's file depends on the backend ('auto': int8 on wasm, float32 on WebGPU), so it is fetched once the
    // runtime is chosen; the other files meanwhile.
    const embedderEntry = runtimeReady.then((rt) => entry(embedderFileId(options.config.embedderPrecision, rt.backend)));
    const [detectorEntry, retinaEntry, livenessEntry] = [
      entry(mediapipe ? MEDIAPIPE_FACE_MODEL_ID : BLAZEFACE_MODEL_ID),
      entry(RETINAFACE_MODEL_ID),
      entry(LIVENESS_MODEL_ID),
    ];
    const load = (e: ModelManifestEntry) => fetchModel(options.modelBaseUrl, e, options.fetchFn);
    const [eBytes, bBytes, rBytes, lBytes] = [embedderEntry.then(load), load(detectorEntry), load(retinaEntry), load(livenessEntry)];
    // Awaited one by one below: a file that fails while an earlier one is still awaited must not go unhandled meanwhile.
    for (const pending of [eBytes, bBytes, rBytes, lBytes]) pending.catch(() => undefined);
    // Sessions are created one after another (the wasm runtime initialises once, on the first), each as soon as its
    // file has arrived: the runtime's start overlaps the other files' download and check.
    const blazeface = await (mediapipe
      ? MediaPipeFaceModel.load(await bBytes, {
          wasmBase: options.mediapipeWasmBase,
          delegate: probeGlDelegate().delegate,
          minScore: options.config.detectorMinScore,
        })
      : BlazeFaceModel.load(await runtimeReady, await bBytes));
    const runtime = await runtimeReady;
    const retinaface = await RetinaFaceModel.load(runtime, await rBytes);
    const embedder = await EmbedderModel.load(runtime, await eBytes);
    const liveness = await LivenessModel.load(runtime, await lBytes);
    const entries = [detectorEntry, retinaEntry, await embedderEntry, livenessEntry];
    const info: PipelineInfo = {
      backend: runtime.backend,
      threads: runtime.threads,
      crossOriginIsolated: runtime.crossOriginIsolated,
      detector: blazeface instanceof MediaPipeFaceModel ? { backend: 'mediapipe', delegate: blazeface.delegate } : { backend: 'onnx' },
      models: entries.map(({ id, file, package: pkg, version, sha256, licence }) => ({ id, file, package: pkg, version, sha256, licence })),
      loadMs: 0,
    };
    const pipeline = new FacePipeline(options.config, runtime, blazeface, retinaface, embedder, liveness, info);
    info.loadMs = now() - started;
    return pipeline;
  }

  private readonly frameCanvas = new Scratch(32, 32);
  /**
   * The face the gate followed in the last frame (AnalyseOptions.track): its refined box, the region to look for it in
   * next (detector-sized, see followBox), and how many frames in a row it was found without a search.
   */
  private followed: { face: Box; region: Box; frames: number } | null = null;
  private frameCache: { source: FrameSource; image: RgbaImage } | null = null;

  /** The whole frame's pixels (only for the bilinear warp), read once per frame. */
  private readFrame(source: FrameSource): RgbaImage {
    if (this.frameCache?.source === source) return this.frameCache.image;
    const w = 'displayWidth' in source ? source.displayWidth : source.width;
    const h = 'displayHeight' in source ? source.displayHeight : source.height;
    this.frameCanvas.resize(w, h);
    this.frameCanvas.ctx.drawImage(source, 0, 0);
    const image = this.frameCanvas.read();
    this.frameCache = { source, image };
    return image;
  }

  info(): PipelineInfo {
    return { ...this.information, backend: this.runtime.backend };
  }

  /** Finds faces with BlazeFace on the letterboxed frame; boxes in frame pixels. */
  private async detectBlazeFace(source: FrameSource, width: number, height: number): Promise<FrameDetection[]> {
    const scale = BLAZEFACE_SIZE / Math.max(width, height);
    const dw = width * scale,
      dh = height * scale;
    const ox = (BLAZEFACE_SIZE - dw) / 2,
      oy = (BLAZEFACE_SIZE - dh) / 2;
    const { ctx } = this.detectCanvas;
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, BLAZEFACE_SIZE, BLAZEFACE_SIZE);
    ctx.drawImage(source, 0, 0, width, height, ox, oy, dw, dh);
    const dets = await this.blazeface.run(this.detectCanvas.read(), this.config.detectorMinScore);
    return dets.map((d) => mapDetection(d, scale, -ox / scale, -oy / scale));
  }

  /** RetinaFace over the whole frame at a fixed working size: the search when BlazeFace found nothing. */
  private async searchRetinaFace(source: FrameSource, width: number, height: number): Promise<FrameDetection[]> {
    // Small frames are scaled up too: RetinaFace misses large, harshly lit faces in small inputs.
    const scale = this.config.fullFrameSearchMaxPx / Math.max(width, height);
    const w = Math.ceil((width * scale) / 32) * 32,
      h = Math.ceil((height * scale) / 32) * 32;
    this.searchCanvas.resize(w, h);
    const { ctx } = this.searchCanvas;
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, w, h);
    ctx.drawImage(source, 0, 0, width, height, 0, 0, width * scale, height * scale);
    const dets = await this.retinaface.run(this.searchCanvas.read(), this.config.landmarkMinScore, this.config.nmsIou);
    return dets.map((d) => ({ ...mapDetection(d, scale, 0, 0), precise: true }));
  }

  /** Precise box and 5 points: RetinaFace on a square region around a found face. */
  private async refine(source: FrameSource, found: Box): Promise<FrameDetection | null> {
    const side = Math.max(found.width, found.height) * this.config.refineRegionScale;
    const cx = found.x + found.width / 2,
      cy = found.y + found.height / 2;
    const rx = cx - side / 2,
      ry = cy - side / 2;
    const size = this.config.refineRegionPx;
    const scale = size / side;
    const { ctx } = this.regionCanvas;
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, size, size);
    // Drawing with a transform handles regions that reach past the frame's edges.
    ctx.setTransform(scale, 0, 0, scale, -rx * scale, -ry * scale);
    ctx.drawImage(source, 0, 0);
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    const dets = await this.retinaface.run(this.regionCanvas.read(), this.config.landmarkMinScore, this.config.nmsIou);
    if (dets.length === 0) return null;
    // The face we came for is the one nearest the region's centre, not a neighbour at its edge.
    const centre = size / 2;
    const best = dets
      .map((d) => ({ d, dist: Math.hypot(d.box.x + d.box.width / 2 - centre, d.box.y + d.box.height / 2 - centre) }))
      .sort((p, q) => p.dist - q.dist)[0]!.d;
    return mapDetection(best, scale, rx, ry);
  }

  /** Analyses one frame: faces (largest first) with quality, and embeddings as asked. */
  async analyse(
    source: FrameSource,
    width: number,
    height: number,
    options: AnalyseOptions = { embed: 'largest' },
  ): Promise<FrameAnalysis> {
    if (!(width > 0 && height > 0)) throw new PipelineError('frame-invalid', `frame size ${width}x${height}`);
    const t0 = now();
    const timings: FrameTimings = { detectMs: 0, refineMs: 0, alignMs: 0, embedMs: 0, padMs: 0, totalMs: 0 };
    const tracking = options.track === true && options.embed === 'largest';
    const followed = tracking ? this.followed : null;
    this.followed = null;
    if (followed !== null && followed.frames < this.config.trackFramesBetweenSearches) {
      // The followed face again, refined in the region around its last box: no whole-frame detection.
      const again = await this.refineAndEmbed(source, [{ box: followed.region, points: [], score: 1 }], options, timings, width, height);
      const face = again.find((f) => f.refined)?.face;
      if (face !== undefined && isSameFace(followed.face, face.box, TRACK_MAX_JUMP_RATIO)) {
        const region = followBox(followed.region, followed.face, face.box);
        this.followed = { face: face.box, region, frames: followed.frames + 1 };
        return this.done({ faces: [face], timings, width, height, tracked: true }, t0);
      }
    }
    const faces = await this.searchAndRefine(source, width, height, options, timings);
    // The face the gate follows from here: the first one refined (the person at the tablet, see orderByPresence).
    const first = faces.find((f) => f.refined);
    if (tracking && first !== undefined) this.followed = { face: first.face.box, region: first.coarse, frames: 0 };
    return this.done({ faces: faces.map((f) => f.face), timings, width, height }, t0);
  }

  private done(analysis: FrameAnalysis, t0: number): FrameAnalysis {
    analysis.timings.totalMs = now() - t0;
    this.frameCache = null;
    return analysis;
  }

  /** The whole frame searched (BlazeFace, RetinaFace where it finds nothing or is not confirmed), then refined and embedded. */
  private async searchAndRefine(
    source: FrameSource,
    width: number,
    height: number,
    options: AnalyseOptions,
    timings: FrameTimings,
  ): Promise<Analysed[]> {
    const d0 = now();
    let found = await this.detectBlazeFace(source, width, height);
    let searched = false;
    if (found.length === 0) {
      found = await this.searchRetinaFace(source, width, height);
      searched = true;
    }
    timings.detectMs = now() - d0;
    let faces = await this.refineAndEmbed(source, found, options, timings, width, height);
    // BlazeFace saw something RetinaFace would not confirm (a cat, a cut-off face): search properly.
    if (!searched && found.length > 0 && !faces.some((f) => f.refined)) {
      const s0 = now();
      found = await this.searchRetinaFace(source, width, height);
      timings.detectMs += now() - s0;
      faces = await this.refineAndEmbed(source, found, options, timings, width, height);
    }
    return faces;
  }

  private async refineAndEmbed(
    source: FrameSource,
    found: FrameDetection[],
    options: AnalyseOptions,
    timings: FrameTimings,
    width: number,
    height: number,
  ): Promise<Analysed[]> {
    // The person at the tablet first (the face nearest the frame guide among the largest ones).
    const sorted = orderByPresence(found, width, height);
    // The gate only needs that face refined and embedded; others are reported coarsely.
    const toRefine = options.embed === 'largest' ? Math.min(1, sorted.length) : Math.min(MAX_FACES_REFINED, sorted.length);
    const flip: FlipMode | null =
      options.embed === 'none' ? null : (options.flip ?? (this.config.embedFlipAverage ? 'average' : 'original'));
    let padPending = options.pad ?? options.embed === 'largest';
    const out: Analysed[] = [];
    for (let i = 0; i < sorted.length; i++) {
      const coarse = sorted[i]!;
      if (i >= toRefine) {
        out.push({ face: coarseFace(coarse), refined: false, coarse: coarse.box });
        continue;
      }
      const r0 = now();
      // A face the full-frame search found keeps its own five points when the region does not confirm
      // it (a face filling the frame, cut off by its edges, is found at full view but not in a crop).
      const refined = (await this.refine(source, coarse.box)) ?? (coarse.precise ? coarse : null);
      timings.refineMs += now() - r0;
      // RetinaFace does not confirm the face: not a face we may embed.
      if (!refined || refined.points.length !== 5) continue;
      const face = await this.embedFace(source, refined, flip, timings);
      if (padPending) {
        face.pad = await this.padEvidence(source, face.box, width, height, timings);
        padPending = false;
      }
      out.push({ face, refined: true, coarse: coarse.box });
    }
    return out;
  }

  private readonly livenessCanvas = new Scratch(LIVENESS_INPUT_SIZE, LIVENESS_INPUT_SIZE);

  /** The passive model's p(live) on the frame around the face: only numbers leave, the crop stays in the scratch canvas. */
  private async padEvidence(
    source: FrameSource,
    box: Box,
    width: number,
    height: number,
    timings: FrameTimings,
  ): Promise<PadFrameEvidence> {
    const p0 = now();
    const crop = livenessCrop(box, width, height, this.config.livenessCropScale);
    const { ctx } = this.livenessCanvas;
    // Plain bilinear, as the model's training crops were resized (cv2.resize): the smoothed downscale wipes out the
    // fine texture it reads (measured, paired on 40 people x 5 species: AUC +0.02 to +0.07 on every species).
    ctx.imageSmoothingQuality = 'low';
    ctx.drawImage(source, crop.x, crop.y, crop.width, crop.height, 0, 0, LIVENESS_INPUT_SIZE, LIVENESS_INPUT_SIZE);
    const liveness = await this.liveness.run(this.livenessCanvas.read(), this.config.livenessChannelOrder);
    timings.padMs += now() - p0;
    return { liveness, cropScale: livenessCropFill(box, crop) };
  }

  private async embedFace(source: FrameSource, det: FrameDetection, flip: FlipMode | null, timings: FrameTimings): Promise<AnalysedFace> {
    const points = det.points as FivePoints;
    const a0 = now();
    const aligned = alignToArcFace(points, this.config.alignCropScale);
    const quality = {
      interOcularPx: interOcularPx(points),
      faceWidthPx: det.box.width,
      yawDeg: yawDeg(points),
      rollDeg: rollDeg(points),
      sharpness: 0,
      brightness: 0,
      detectorScore: det.score,
      embeddingNorm: 0,
    };
    if (aligned.kind !== 'ok') {
      timings.alignMs += now() - a0;
      return { box: det.box, points, quality, issues: ['turned'] };
    }
    const t = aligned.transform;
    let face: RgbaImage;
    if (this.config.alignWarp === 'bilinear') {
      // Exact bilinear sampling in TypeScript from the full frame (reads the frame back once).
      const inverse = invertAffine(t);
      if (!inverse) return { box: det.box, points, quality, issues: ['turned'] };
      face = warpAffineRgba(this.readFrame(source), inverse, ALIGNED_SIZE);
    } else {
      const { ctx } = this.alignCanvas;
      ctx.fillStyle = '#000';
      ctx.fillRect(0, 0, ALIGNED_SIZE, ALIGNED_SIZE);
      ctx.setTransform(t.a, t.b, t.c, t.d, t.e, t.f);
      ctx.drawImage(source, 0, 0);
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      face = this.alignCanvas.read();
    }
    const y = luma(face);
    quality.brightness = meanOf(y);
    quality.sharpness = laplacianVariance(y, ALIGNED_SIZE, ALIGNED_SIZE);
    timings.alignMs += now() - a0;
    if (flip === null) return { box: det.box, points, quality, issues: qualityIssues(quality, this.config) };
    const e0 = now();
    const { embedding, rawNorm } = await this.embedder.run(face, flip);
    timings.embedMs += now() - e0;
    quality.embeddingNorm = rawNorm;
    return { box: det.box, points, quality, issues: qualityIssues(quality, this.config), embedding };
  }
}
