// Plane-to-image geometry for the planarity cue and the attack renderer: 3x3 homographies (row-major), their
// estimation from point pairs (normalised DLT), inversion and application. Pure; degenerate input gives null.
import type { Point } from '../types';

/** Row-major 3x3: x' = (m0 x + m1 y + m2) / (m6 x + m7 y + m8), y' = (m3 x + m4 y + m5) / (same). */
export type Mat3 = readonly [number, number, number, number, number, number, number, number, number];

export function applyHomography(h: Mat3, p: Point): Point {
  const w = h[6] * p.x + h[7] * p.y + h[8];
  return { x: (h[0] * p.x + h[1] * p.y + h[2]) / w, y: (h[3] * p.x + h[4] * p.y + h[5]) / w };
}

export function multiply3(a: Mat3, b: Mat3): Mat3 {
  const out: number[] = [];
  for (let r = 0; r < 3; r++)
    for (let c = 0; c < 3; c++) out.push(a[r * 3]! * b[c]! + a[r * 3 + 1]! * b[3 + c]! + a[r * 3 + 2]! * b[6 + c]!);
  return out as unknown as Mat3;
}

export function invert3(m: Mat3): Mat3 | null {
  const [a, b, c, d, e, f, g, h, i] = m;
  const A = e * i - f * h,
    B = -(d * i - f * g),
    C = d * h - e * g;
  const det = a * A + b * B + c * C;
  if (!Number.isFinite(det) || Math.abs(det) < 1e-12) return null;
  const k = 1 / det;
  return [
    A * k,
    -(b * i - c * h) * k,
    (b * f - c * e) * k,
    B * k,
    (a * i - c * g) * k,
    -(a * f - c * d) * k,
    C * k,
    -(a * h - b * g) * k,
    (a * e - b * d) * k,
  ];
}

/** Translation and scale that bring points to mean 0 and mean distance sqrt(2) (Hartley's normalisation). */
function normaliser(points: readonly Point[]): Mat3 | null {
  const n = points.length;
  let mx = 0,
    my = 0;
  for (const p of points) {
    mx += p.x / n;
    my += p.y / n;
  }
  let d = 0;
  for (const p of points) d += Math.hypot(p.x - mx, p.y - my) / n;
  if (!(d > 1e-9)) return null;
  const s = Math.SQRT2 / d;
  return [s, 0, -s * mx, 0, s, -s * my, 0, 0, 1];
}

/** Solves the n x n system in place (Gaussian elimination with partial pivoting); null when singular. */
function solve(a: number[][], b: number[]): number[] | null {
  const n = b.length;
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(a[r]![col]!) > Math.abs(a[pivot]![col]!)) pivot = r;
    if (Math.abs(a[pivot]![col]!) < 1e-12) return null;
    [a[col], a[pivot]] = [a[pivot]!, a[col]!];
    [b[col], b[pivot]] = [b[pivot]!, b[col]!];
    for (let r = col + 1; r < n; r++) {
      const k = a[r]![col]! / a[col]![col]!;
      for (let c = col; c < n; c++) a[r]![c]! -= k * a[col]![c]!;
      b[r]! -= k * b[col]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = b[r]!;
    for (let c = r + 1; c < n; c++) s -= a[r]![c]! * x[c]!;
    x[r] = s / a[r]![r]!;
  }
  return x;
}

/**
 * The homography taking `src` to `dst` (at least 4 pairs, no three of four collinear): least squares on the
 * normalised points with h8 = 1 (exact for 4 pairs). Null for degenerate input.
 */
export function estimateHomography(src: readonly Point[], dst: readonly Point[]): Mat3 | null {
  if (src.length !== dst.length || src.length < 4) return null;
  for (const p of [...src, ...dst]) if (!Number.isFinite(p.x) || !Number.isFinite(p.y)) return null;
  const ns = normaliser(src),
    nd = normaliser(dst);
  if (!ns || !nd) return null;
  const s = src.map((p) => applyHomography(ns, p)),
    d = dst.map((p) => applyHomography(nd, p));
  // Normal equations of the 2n x 8 system (h8 fixed to 1).
  const ata = Array.from({ length: 8 }, () => new Array<number>(8).fill(0));
  const atb = new Array<number>(8).fill(0);
  const addRow = (row: number[], rhs: number) => {
    for (let i = 0; i < 8; i++) {
      atb[i]! += row[i]! * rhs;
      for (let j = 0; j < 8; j++) ata[i]![j]! += row[i]! * row[j]!;
    }
  };
  for (let i = 0; i < s.length; i++) {
    const { x, y } = s[i]!,
      { x: u, y: v } = d[i]!;
    addRow([x, y, 1, 0, 0, 0, -u * x, -u * y], u);
    addRow([0, 0, 0, x, y, 1, -v * x, -v * y], v);
  }
  const h = solve(ata, atb);
  if (!h) return null;
  const hn: Mat3 = [h[0]!, h[1]!, h[2]!, h[3]!, h[4]!, h[5]!, h[6]!, h[7]!, 1];
  const ndInv = invert3(nd);
  if (!ndInv) return null;
  const out = multiply3(multiply3(ndInv, hn), ns);
  return out.every(Number.isFinite) ? out : null;
}

/** A 2-D affine map x' = a x + b y + c, y' = d x + e y + f fitted by least squares (at least 3 pairs). */
export interface AffineFit {
  a: number;
  b: number;
  c: number;
  d: number;
  e: number;
  f: number;
  /** Root-mean-square distance of dst from the fitted map (same units as the points). */
  rms: number;
}

export function fitAffine(src: readonly Point[], dst: readonly Point[]): AffineFit | null {
  const n = src.length;
  if (n !== dst.length || n < 3) return null;
  let mx = 0,
    my = 0,
    mu = 0,
    mv = 0;
  for (let i = 0; i < n; i++) {
    mx += src[i]!.x / n;
    my += src[i]!.y / n;
    mu += dst[i]!.x / n;
    mv += dst[i]!.y / n;
  }
  let sxx = 0,
    sxy = 0,
    syy = 0,
    sxu = 0,
    syu = 0,
    sxv = 0,
    syv = 0;
  for (let i = 0; i < n; i++) {
    const x = src[i]!.x - mx,
      y = src[i]!.y - my,
      u = dst[i]!.x - mu,
      v = dst[i]!.y - mv;
    sxx += x * x;
    sxy += x * y;
    syy += y * y;
    sxu += x * u;
    syu += y * u;
    sxv += x * v;
    syv += y * v;
  }
  const det = sxx * syy - sxy * sxy;
  if (!(Math.abs(det) > 1e-12)) return null;
  const a = (syy * sxu - sxy * syu) / det,
    b = (sxx * syu - sxy * sxu) / det;
  const d = (syy * sxv - sxy * syv) / det,
    e = (sxx * syv - sxy * sxv) / det;
  const c = mu - a * mx - b * my,
    f = mv - d * mx - e * my;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const p = src[i]!,
      q = dst[i]!;
    ss += (a * p.x + b * p.y + c - q.x) ** 2 + (d * p.x + e * p.y + f - q.y) ** 2;
  }
  return { a, b, c, d, e, f, rms: Math.sqrt(ss / n) };
}
