// 1:N matcher over the gallery of consented children: one centroid per child (the mean of their
// normalised templates), a cohort-normalised score, top-2 children and the open-set decision.
// Provisional scalar kernel; see simd-dot.ts for the fast path when present.
import type { ChildId, TemplateId } from './types';

export interface ChildScore { childId: ChildId; score: number }
export interface MatchResult { best: ChildScore | null; second: ChildScore | null; rawBest: number }
export interface MatchDecisionParams { matchThreshold: number; matchMargin: number }
export type OpenSetDecision =
  | { kind: 'match'; childId: ChildId; score: number; margin: number }
  | { kind: 'no-match'; reason: 'empty-gallery' | 'below-threshold' }
  | { kind: 'ambiguous'; childId: ChildId; otherChildId: ChildId; score: number; margin: number };

export class GalleryError extends Error {
  constructor(readonly code: 'wrong-dimension' | 'not-finite' | 'zero-norm', message: string) {
    super(message);
  }
}

interface ChildEntry { templates: Map<TemplateId, Float32Array>; row: number }

export class Gallery {
  private readonly children = new Map<ChildId, ChildEntry>();
  private readonly templateOwner = new Map<TemplateId, ChildId>();
  private ids: ChildId[] = [];
  private matrix = new Float32Array(0);
  private scores = new Float32Array(0);
  private dirty = false;
  private readonly cohortWeight: number;
  private readonly cohortSize: number;

  constructor(readonly dim = 512, options: { cohortWeight: number; cohortSize: number } = { cohortWeight: 0.25, cohortSize: 3 }) {
    this.cohortWeight = options.cohortWeight;
    this.cohortSize = options.cohortSize;
  }

  get childCount(): number { return this.children.size; }
  get templateCount(): number { return this.templateOwner.size; }

  add(childId: ChildId, templateId: TemplateId, embedding: Float32Array): void {
    if (embedding.length !== this.dim) throw new GalleryError('wrong-dimension', `expected ${this.dim} values, got ${embedding.length}`);
    let norm = 0;
    for (let i = 0; i < embedding.length; i++) {
      const v = embedding[i]!;
      if (!Number.isFinite(v)) throw new GalleryError('not-finite', 'the embedding has a non-finite value');
      norm += v * v;
    }
    if (norm === 0) throw new GalleryError('zero-norm', 'the embedding is all zeros');
    const normalised = Float32Array.from(embedding, (v) => v / Math.sqrt(norm));
    this.removeTemplate(templateId);
    let entry = this.children.get(childId);
    if (!entry) {
      entry = { templates: new Map(), row: -1 };
      this.children.set(childId, entry);
    }
    entry.templates.set(templateId, normalised);
    this.templateOwner.set(templateId, childId);
    this.dirty = true;
  }

  removeTemplate(templateId: TemplateId): boolean {
    const owner = this.templateOwner.get(templateId);
    if (owner === undefined) return false;
    const entry = this.children.get(owner)!;
    entry.templates.delete(templateId);
    this.templateOwner.delete(templateId);
    if (entry.templates.size === 0) this.children.delete(owner);
    this.dirty = true;
    return true;
  }

  removeChild(childId: ChildId): number {
    const entry = this.children.get(childId);
    if (!entry) return 0;
    for (const t of entry.templates.keys()) this.templateOwner.delete(t);
    this.children.delete(childId);
    this.dirty = true;
    return entry.templates.size;
  }

  private rebuild(): void {
    this.ids = [...this.children.keys()];
    this.matrix = new Float32Array(this.ids.length * this.dim);
    this.scores = new Float32Array(this.ids.length);
    this.ids.forEach((id, row) => {
      const entry = this.children.get(id)!;
      entry.row = row;
      const o = row * this.dim;
      for (const t of entry.templates.values()) for (let i = 0; i < this.dim; i++) this.matrix[o + i]! += t[i]!;
      let n = 0;
      for (let i = 0; i < this.dim; i++) n += this.matrix[o + i]! ** 2;
      n = Math.sqrt(n) || 1;
      for (let i = 0; i < this.dim; i++) this.matrix[o + i]! /= n;
    });
    this.dirty = false;
  }

  search(probe: Float32Array): MatchResult {
    if (probe.length !== this.dim) throw new GalleryError('wrong-dimension', `expected ${this.dim} values, got ${probe.length}`);
    if (this.dirty) this.rebuild();
    const n = this.ids.length;
    if (n === 0) return { best: null, second: null, rawBest: -Infinity };
    dotAll(this.matrix, probe, this.dim, n, this.scores);
    // Top (cohortSize + 2) raw scores in one pass: enough for the cohort of the best and the second.
    const k = Math.min(n, this.cohortSize + 2);
    const topIdx: number[] = [];
    for (let r = 0; r < n; r++) {
      const s = this.scores[r]!;
      if (topIdx.length < k) {
        topIdx.push(r);
        topIdx.sort((a, b) => this.scores[b]! - this.scores[a]!);
      } else if (s > this.scores[topIdx[k - 1]!]!) {
        topIdx[k - 1] = r;
        topIdx.sort((a, b) => this.scores[b]! - this.scores[a]!);
      }
    }
    const cohortScore = (row: number) => {
      const others = topIdx.filter((r) => r !== row).slice(0, this.cohortSize);
      const mean = others.length ? others.reduce((s, r) => s + this.scores[r]!, 0) / others.length : 0;
      return this.scores[row]! - this.cohortWeight * mean;
    };
    // The cohort-normalised order can differ from the raw order only among the top raw scores.
    const ranked = topIdx.map((row) => ({ row, score: cohortScore(row) })).sort((a, b) => b.score - a.score);
    const best = ranked[0]!;
    const second = ranked[1];
    return {
      best: { childId: this.ids[best.row]!, score: best.score },
      second: second ? { childId: this.ids[second.row]!, score: second.score } : null,
      rawBest: this.scores[best.row]!,
    };
  }
}

/** scores[r] = dot(matrix row r, probe); 4 rows at a time with separate accumulators. */
export function dotAll(matrix: Float32Array, probe: Float32Array, dim: number, rows: number, out: Float32Array): void {
  let r = 0;
  for (; r + 4 <= rows; r += 4) {
    const o0 = r * dim, o1 = o0 + dim, o2 = o1 + dim, o3 = o2 + dim;
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    for (let i = 0; i < dim; i++) {
      const p = probe[i]!;
      s0 += matrix[o0 + i]! * p; s1 += matrix[o1 + i]! * p; s2 += matrix[o2 + i]! * p; s3 += matrix[o3 + i]! * p;
    }
    out[r] = s0; out[r + 1] = s1; out[r + 2] = s2; out[r + 3] = s3;
  }
  for (; r < rows; r++) {
    let s = 0;
    const o = r * dim;
    for (let i = 0; i < dim; i++) s += matrix[o + i]! * probe[i]!;
    out[r] = s;
  }
}

export function decideOpenSet(result: MatchResult, params: MatchDecisionParams): OpenSetDecision {
  if (!result.best) return { kind: 'no-match', reason: 'empty-gallery' };
  if (result.best.score < params.matchThreshold) return { kind: 'no-match', reason: 'below-threshold' };
  const margin = result.second ? result.best.score - result.second.score : Infinity;
  if (result.second && margin < params.matchMargin) {
    return { kind: 'ambiguous', childId: result.best.childId, otherChildId: result.second.childId, score: result.best.score, margin };
  }
  return { kind: 'match', childId: result.best.childId, score: result.best.score, margin };
}

function mulberry(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Median time of one search over a random gallery of n children (speed benchmark). */
export function benchMatch(n: number, iterations: number): { medianMs: number; kernel: 'wasm-simd' | 'js' } {
  const random = mulberry(42);
  const g = new Gallery(512);
  const v = new Float32Array(512);
  for (let c = 0; c < n; c++) {
    for (let i = 0; i < 512; i++) v[i] = random() - 0.5;
    g.add(`c${c}` as ChildId, `t${c}` as TemplateId, v);
  }
  for (let i = 0; i < 512; i++) v[i] = random() - 0.5;
  g.search(v);
  const times: number[] = [];
  for (let k = 0; k < iterations; k++) {
    const t0 = performance.now();
    g.search(v);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { medianMs: times[Math.floor(times.length / 2)]!, kernel: 'js' };
}
