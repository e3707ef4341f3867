// Face alignment: the least-squares similarity transform (scale, rotation, translation: 4 degrees
// of freedom) that maps five detected points onto the ArcFace 112x112 template.
// Degenerate point sets (coincident, non-finite, absurd scale) are refused as values, not thrown.
import type { FivePoints, Point } from './types';

export const ALIGNED_SIZE = 112;

/** ArcFace 112x112 reference points: right eye, left eye (image left first), nose, mouth corners. */
export const ARCFACE_TEMPLATE: readonly Point[] = Object.freeze([
  { x: 38.2946, y: 51.6963 },
  { x: 73.5318, y: 51.5014 },
  { x: 56.0252, y: 71.7366 },
  { x: 41.5493, y: 92.3655 },
  { x: 70.7299, y: 92.2041 },
]);

/** 2x3 affine matrix [a c e; b d f]: x' = a x + c y + e, y' = b x + d y + f (canvas setTransform order). */
export interface Affine {
  a: number;
  b: number;
  c: number;
  d: number;
  e: number;
  f: number;
}

export type AlignResult =
  | { kind: 'ok'; transform: Affine; /** root-mean-square residual in template pixels */ rmsError: number }
  | { kind: 'refused'; reason: 'wrong-count' | 'non-finite' | 'degenerate' | 'absurd-scale' };

/** Template points scaled about the crop centre (scale < 1 shows a little more of the face). */
export function scaledTemplate(scale: number): Point[] {
  const c = ALIGNED_SIZE / 2;
  return ARCFACE_TEMPLATE.map((p) => ({ x: c + (p.x - c) * scale, y: c + (p.y - c) * scale }));
}

/**
 * Least-squares similarity from `src` to `dst` (Umeyama without reflection).
 * With centred coordinates, a = sum(x u + y v) / sum(x^2 + y^2), b = sum(x v - y u) / sum(x^2 + y^2).
 */
export function estimateSimilarity(src: readonly Point[], dst: readonly Point[]): AlignResult {
  if (src.length !== dst.length || src.length < 2) return { kind: 'refused', reason: 'wrong-count' };
  for (const p of [...src, ...dst]) {
    if (!Number.isFinite(p.x) || !Number.isFinite(p.y)) return { kind: 'refused', reason: 'non-finite' };
  }
  const n = src.length;
  let sx = 0,
    sy = 0,
    dx = 0,
    dy = 0;
  for (let i = 0; i < n; i++) {
    sx += src[i]!.x;
    sy += src[i]!.y;
    dx += dst[i]!.x;
    dy += dst[i]!.y;
  }
  sx /= n;
  sy /= n;
  dx /= n;
  dy /= n;
  let srcVar = 0,
    dstVar = 0,
    num = 0,
    cross = 0;
  for (let i = 0; i < n; i++) {
    const x = src[i]!.x - sx,
      y = src[i]!.y - sy;
    const u = dst[i]!.x - dx,
      v = dst[i]!.y - dy;
    srcVar += x * x + y * y;
    dstVar += u * u + v * v;
    num += x * u + y * v;
    cross += x * v - y * u;
  }
  // Points spread over less than a pixel carry no orientation or scale.
  if (srcVar < 1 || dstVar < 1) return { kind: 'refused', reason: 'degenerate' };
  const a = num / srcVar;
  const b = cross / srcVar;
  const scale = Math.hypot(a, b);
  if (!Number.isFinite(scale) || scale < 1e-3 || scale > 1e3) return { kind: 'refused', reason: 'absurd-scale' };
  const transform: Affine = { a, b, c: -b, d: a, e: dx - (a * sx - b * sy), f: dy - (b * sx + a * sy) };
  let residual = 0;
  for (let i = 0; i < n; i++) {
    const p = applyAffine(transform, src[i]!);
    residual += (p.x - dst[i]!.x) ** 2 + (p.y - dst[i]!.y) ** 2;
  }
  return { kind: 'ok', transform, rmsError: Math.sqrt(residual / n) };
}

/** Transform mapping the frame's five points onto the (optionally scaled) ArcFace template. */
export function alignToArcFace(points: FivePoints, cropScale = 1): AlignResult {
  return estimateSimilarity(points, scaledTemplate(cropScale));
}

export function applyAffine(m: Affine, p: Point): Point {
  return { x: m.a * p.x + m.c * p.y + m.e, y: m.b * p.x + m.d * p.y + m.f };
}

export function invertAffine(m: Affine): Affine | null {
  const det = m.a * m.d - m.b * m.c;
  if (!Number.isFinite(det) || Math.abs(det) < 1e-12) return null;
  return {
    a: m.d / det,
    b: -m.b / det,
    c: -m.c / det,
    d: m.a / det,
    e: (m.c * m.f - m.d * m.e) / det,
    f: (m.b * m.e - m.a * m.f) / det,
  };
}
