// Synthetic faces for the gate tests: seeded random unit embeddings, a cosine gallery search, face boxes.
// No models: a "child" is a random 512-d direction; a sighting is that direction plus seeded noise.
import type { ChildScore, MatchResult, SearchFn } from '../../../src/core/decide';
import type { AnalysedFace, BraceletUid, ChildId, DeviceId, FivePoints, QualityIssue } from '../../../src/core/types';
import { mulberry32 } from '../../support/seeded-random';

export const DIM = 512;

export const child = (id: string) => id as ChildId;
export const bracelet = (uid: string) => uid as BraceletUid;
export const device = (id: string) => id as DeviceId;

/** Seeded PRNG (mulberry32), so every run sees the same vectors. */
export const seeded = mulberry32;

function gaussian(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(rand() + 1e-12)) * Math.cos(2 * Math.PI * rand());
}

export function normalise(v: Float32Array): Float32Array {
  let s = 0;
  for (const x of v) s += x * x;
  const n = Math.sqrt(s);
  return v.map((x) => x / n);
}

export function randomUnit(seed: number, dim = DIM): Float32Array {
  const rand = seeded(seed);
  return normalise(Float32Array.from({ length: dim }, () => gaussian(rand)));
}

/** `base` plus isotropic noise whose total length is `noise` times the base's: cosine to base ≈ 1/sqrt(1+noise²). */
export function noisy(base: Float32Array, noise: number, seed: number): Float32Array {
  const rand = seeded(seed);
  const scale = noise / Math.sqrt(base.length);
  return normalise(base.map((x) => x + gaussian(rand) * scale));
}

export function cosine(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/** A brute-force cosine search over a gallery of one template per child (what match.ts does, minus cohorts). */
export function gallerySearch(gallery: ReadonlyMap<ChildId, Float32Array>, probes?: Float32Array[]): SearchFn {
  return (probe) => {
    probes?.push(probe);
    const scores: ChildScore[] = [...gallery].map(([childId, t]) => ({ childId, score: cosine(probe, t) }));
    scores.sort((a, b) => b.score - a.score);
    return { best: scores[0] ?? null, second: scores[1] ?? null };
  };
}

/** A search that answers from a script, one result per call (the last one repeats). */
export function scriptedSearch(results: MatchResult[]): SearchFn & { calls: number } {
  const fn = Object.assign(
    (_probe: Float32Array): MatchResult => {
      const r = results[Math.min(fn.calls, results.length - 1)]!;
      fn.calls += 1;
      return r;
    },
    { calls: 0 },
  );
  return fn;
}

export interface FaceSpec {
  x?: number;
  y?: number;
  width?: number;
  embedding?: Float32Array;
  issues?: QualityIssue[];
}

/** A square face box at (x, y) with plausible points and quality; good unless `issues` says otherwise. */
export function face(spec: FaceSpec = {}): AnalysedFace {
  const x = spec.x ?? 200,
    y = spec.y ?? 150,
    w = spec.width ?? 160;
  const p = (fx: number, fy: number) => ({ x: x + fx * w, y: y + fy * w });
  const points: FivePoints = [p(0.3, 0.4), p(0.7, 0.4), p(0.5, 0.6), p(0.35, 0.8), p(0.65, 0.8)];
  const result: AnalysedFace = {
    box: { x, y, width: w, height: w },
    points,
    quality: {
      interOcularPx: 0.4 * w,
      faceWidthPx: w,
      yawDeg: 0,
      rollDeg: 0,
      sharpness: 100,
      brightness: 128,
      detectorScore: 0.95,
      embeddingNorm: 20,
    },
    issues: spec.issues ?? [],
  };
  if (spec.embedding) result.embedding = spec.embedding;
  return result;
}
