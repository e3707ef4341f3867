// Pure decoders for the two detectors' raw outputs (BlazeFace 128 and RetinaFace mnet.25) and
// non-maximum suppression. Coordinates come out in the model input's pixel space; the caller maps
// them back to the frame. Constants (anchors, strides, variances) live here next to the maths.
import type { Box, Point } from './types';

export interface RawDetection {
  box: Box;
  score: number;
  /** BlazeFace: 6 keypoints (right eye, left eye, nose tip, mouth, right ear, left ear); RetinaFace: 5 ArcFace points. */
  points: Point[];
}

export function iou(a: Box, b: Box): number {
  const x1 = Math.max(a.x, b.x),
    y1 = Math.max(a.y, b.y);
  const x2 = Math.min(a.x + a.width, b.x + b.width),
    y2 = Math.min(a.y + a.height, b.y + b.height);
  const inter = Math.max(0, x2 - x1) * Math.max(0, y2 - y1);
  const union = a.width * a.height + b.width * b.height - inter;
  return union > 0 ? inter / union : 0;
}

/** Greedy NMS: keeps the highest-scoring box of every overlapping group. */
export function nms(dets: RawDetection[], iouThreshold: number): RawDetection[] {
  const sorted = [...dets].sort((p, q) => q.score - p.score);
  const kept: RawDetection[] = [];
  for (const d of sorted) {
    if (kept.every((k) => iou(k.box, d.box) <= iouThreshold)) kept.push(d);
  }
  return kept;
}

/** Weighted NMS (MediaPipe's blending): overlapping boxes are averaged by score, which steadies the box. */
export function weightedNms(dets: RawDetection[], iouThreshold: number): RawDetection[] {
  let remaining = [...dets].sort((p, q) => q.score - p.score);
  const out: RawDetection[] = [];
  while (remaining.length > 0) {
    const top = remaining[0]!;
    const group = remaining.filter((d) => iou(top.box, d.box) > iouThreshold);
    remaining = remaining.filter((d) => iou(top.box, d.box) <= iouThreshold);
    if (!group.includes(top)) group.push(top);
    const total = group.reduce((s, d) => s + d.score, 0);
    const avg = (get: (d: RawDetection) => number) => group.reduce((s, d) => s + get(d) * d.score, 0) / total;
    out.push({
      score: top.score,
      box: { x: avg((d) => d.box.x), y: avg((d) => d.box.y), width: avg((d) => d.box.width), height: avg((d) => d.box.height) },
      points: top.points.map((_, k) => ({ x: avg((d) => d.points[k]!.x), y: avg((d) => d.points[k]!.y) })),
    });
  }
  return out;
}

// ---------- BlazeFace (front, 128x128) ----------
export const BLAZEFACE_SIZE = 128;

/** 896 anchor centres in 0..1: 16x16 cells x 2 anchors, then 8x8 cells x 6 anchors. */
export const BLAZEFACE_ANCHORS: readonly Point[] = (() => {
  const anchors: Point[] = [];
  for (const [grid, perCell] of [
    [16, 2],
    [8, 6],
  ] as const) {
    for (let y = 0; y < grid; y++) {
      for (let x = 0; x < grid; x++) {
        for (let k = 0; k < perCell; k++) anchors.push({ x: (x + 0.5) / grid, y: (y + 0.5) / grid });
      }
    }
  }
  return anchors;
})();

const sigmoid = (v: number) => 1 / (1 + Math.exp(-Math.max(-80, Math.min(80, v))));

/**
 * Decodes BlazeFace outputs (scores 512+384, regressors 512x16 + 384x16) into boxes and 6 keypoints
 * in 128x128 input pixels.
 */
export function decodeBlazeFace(
  scores16: Float32Array,
  scores8: Float32Array,
  boxes16: Float32Array,
  boxes8: Float32Array,
  minScore: number,
  iouThreshold = 0.3,
): RawDetection[] {
  const dets: RawDetection[] = [];
  const size = BLAZEFACE_SIZE;
  const total = scores16.length + scores8.length;
  if (total !== BLAZEFACE_ANCHORS.length) throw new RangeError(`BlazeFace expects ${BLAZEFACE_ANCHORS.length} anchors, got ${total}`);
  for (let i = 0; i < total; i++) {
    const fromFirst = i < scores16.length;
    const raw = fromFirst ? scores16[i]! : scores8[i - scores16.length]!;
    const score = sigmoid(raw);
    if (score < minScore) continue;
    const reg = fromFirst ? boxes16 : boxes8;
    const o = (fromFirst ? i : i - scores16.length) * 16;
    const anchor = BLAZEFACE_ANCHORS[i]!;
    const cx = anchor.x * size + reg[o]!;
    const cy = anchor.y * size + reg[o + 1]!;
    const w = reg[o + 2]!,
      h = reg[o + 3]!;
    const points: Point[] = [];
    for (let k = 0; k < 6; k++) points.push({ x: anchor.x * size + reg[o + 4 + 2 * k]!, y: anchor.y * size + reg[o + 5 + 2 * k]! });
    dets.push({ score, box: { x: cx - w / 2, y: cy - h / 2, width: w, height: h }, points });
  }
  return weightedNms(dets, iouThreshold);
}

// ---------- RetinaFace mnet.25 ----------
/** Per stride: anchor sizes in input pixels, in the channel order of the model's outputs. */
export const RETINAFACE_STRIDES: readonly { stride: number; sizes: readonly number[] }[] = [
  { stride: 32, sizes: [512, 256] },
  { stride: 16, sizes: [128, 64] },
  { stride: 8, sizes: [32, 16] },
];
/** Landmark deltas are in units of 0.2 anchor widths (without it the points land off the face). */
const RETINAFACE_LANDMARK_STD = 0.2;

export interface RetinaFaceLevel {
  stride: number;
  /** 1 x 2A x H x W: first A channels background, next A face probability. */
  scores: Float32Array;
  /** 1 x 4A x H x W box deltas. */
  boxes: Float32Array;
  /** 1 x 10A x H x W landmark deltas. */
  landmarks: Float32Array;
  height: number;
  width: number;
}

/** Decodes RetinaFace outputs into boxes and 5 points in input pixels (score filter, then NMS). */
export function decodeRetinaFace(levels: RetinaFaceLevel[], minScore: number, iouThreshold: number): RawDetection[] {
  const dets: RawDetection[] = [];
  for (const level of levels) {
    const spec = RETINAFACE_STRIDES.find((s) => s.stride === level.stride);
    if (!spec) throw new RangeError(`unknown RetinaFace stride ${level.stride}`);
    const A = spec.sizes.length;
    const plane = level.height * level.width;
    for (let y = 0; y < level.height; y++) {
      for (let x = 0; x < level.width; x++) {
        const cell = y * level.width + x;
        for (let a = 0; a < A; a++) {
          const score = level.scores[(A + a) * plane + cell]!;
          if (score < minScore) continue;
          const size = spec.sizes[a]!;
          // insightface anchors: base [0,0,15,15] scaled about its centre 7.5, shifted by the stride.
          const acx = x * level.stride + 7.5;
          const acy = y * level.stride + 7.5;
          const d = (k: number) => level.boxes[(a * 4 + k) * plane + cell]!;
          const cx = acx + d(0) * size;
          const cy = acy + d(1) * size;
          const w = Math.exp(d(2)) * size;
          const h = Math.exp(d(3)) * size;
          const points: Point[] = [];
          for (let k = 0; k < 5; k++) {
            const lx = level.landmarks[(a * 10 + k * 2) * plane + cell]!;
            const ly = level.landmarks[(a * 10 + k * 2 + 1) * plane + cell]!;
            points.push({ x: acx + lx * size * RETINAFACE_LANDMARK_STD, y: acy + ly * size * RETINAFACE_LANDMARK_STD });
          }
          dets.push({ score, box: { x: cx - (w - 1) / 2, y: cy - (h - 1) / 2, width: w - 1, height: h - 1 }, points });
        }
      }
    }
  }
  return nms(dets, iouThreshold);
}
