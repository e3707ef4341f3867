// The accuracy protocol of bench:accuracy, as pure functions: seeded splits, 1:N open-set metrics
// (FNIR at FPIR, rank-1) through the kiosk's own Gallery, and 1:1 metrics (EER, TAR at FAR). The gate-like variant
// fuses 2 or 3 images of one person into each probe with the gate's own fusion (core/face-track.ts).
import { fuseEmbeddings } from '../../src/core/face-track';
import { Gallery } from '../../src/core/match';
import type { ChildId, TemplateId } from '../../src/core/types';
import { mulberry32 } from '../../test/support/seeded-random';

export interface EmbeddedIdentity {
  name: string;
  /** One entry per image in numeric file order; null where no face was found. */
  embeddings: (Float32Array | null)[];
}

export function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * Which half of the data set an identity belongs to, fixed by its name (FNV-1a hash): a third is `unseen`, never
 * looked at while choosing anything (levers, weights, thresholds), and reported apart; the rest is `tune`.
 */
export function holdoutOf(name: string): 'tune' | 'unseen' {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193) >>> 0;
  return h % 3 === 0 ? 'unseen' : 'tune';
}

export interface SplitMetrics {
  eer: number;
  tarAtFar1e3: number;
  tarAtFar1e4: number;
  fnirAtFpir1e2: number;
  fnirAtFpir3e3: number;
  rank1: number;
  thresholdAtFpir1e2: number;
  matedProbes: number;
  nonMatedProbes: number;
}

/** Threshold t such that at most `rate` of the non-mated scores are >= t. */
export function thresholdAtRate(nonMated: number[], rate: number): number {
  const sorted = [...nonMated].sort((a, b) => b - a);
  const allowed = Math.floor(rate * sorted.length);
  const at = sorted[allowed];
  return at === undefined ? -Infinity : at + 1e-9;
}

/** TAR at a FAR: share of genuine scores >= the threshold where FAR is reached. */
export function tarAtFar(genuine: number[], impostor: number[], far: number): number {
  const t = thresholdAtRate(impostor, far);
  return genuine.filter((s) => s >= t).length / genuine.length;
}

/** Equal error rate by sweeping thresholds over all scores. */
export function equalErrorRate(genuine: number[], impostor: number[]): number {
  const g = [...genuine].sort((a, b) => a - b);
  const im = [...impostor].sort((a, b) => a - b);
  let best = 1;
  let gi = 0,
    ii = 0;
  const candidates = [...new Set([...g, ...im])].sort((a, b) => a - b);
  for (const t of candidates) {
    while (gi < g.length && g[gi]! < t) gi++;
    while (ii < im.length && im[ii]! < t) ii++;
    const frr = gi / g.length;
    const far = (im.length - ii) / im.length;
    best = Math.min(best, Math.max(frr, far));
    if (frr > far) break;
  }
  return best;
}

function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

function centroid(vectors: Float32Array[]): Float32Array {
  const c = new Float32Array(vectors[0]!.length);
  for (const v of vectors) for (let i = 0; i < c.length; i++) c[i]! += v[i]!;
  let n = 0;
  for (let i = 0; i < c.length; i++) n += c[i]! * c[i]!;
  n = Math.sqrt(n);
  for (let i = 0; i < c.length; i++) c[i]! /= n;
  return c;
}

export interface GalleryOptions {
  cohortWeight: number;
  cohortSize: number;
}

/** The identities of one seeded split: half enrolled (with their first `enrolImages` images), half never enrolled. */
export function splitIdentities(
  identities: EmbeddedIdentity[],
  seed: number,
): { enrolled: EmbeddedIdentity[]; others: EmbeddedIdentity[] } {
  const eligible = identities.filter((id) => id.embeddings.length >= 4).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const shuffled = shuffle(eligible, mulberry32(seed));
  const half = Math.floor(shuffled.length / 2);
  return { enrolled: shuffled.slice(0, half), others: shuffled.slice(half) };
}

/**
 * Probes of one person, each fusing `fuse` consecutive images (sliding window, file order) as the gate fuses
 * frames; 1 gives one probe per image. A window whose images all lack a face is a probe with no face (null).
 */
export function fusedProbes(embeddings: readonly (Float32Array | null)[], fuse: number): (Float32Array | null)[] {
  const out: (Float32Array | null)[] = [];
  for (let i = 0; i + fuse <= embeddings.length; i++) {
    const window = embeddings.slice(i, i + fuse).filter((e): e is Float32Array => e !== null);
    out.push(fuse === 1 ? (embeddings[i] ?? null) : fuseEmbeddings(window));
  }
  return out;
}

/**
 * One seeded split: half of the identities enrolled with their first 3 images. `fuse` > 1: each probe fuses that
 * many consecutive images of one person (the 1:1 metrics stay per image).
 */
export function evaluateSplit(
  identities: EmbeddedIdentity[],
  seed: number,
  options: GalleryOptions,
  enrolImages = 3,
  fuse = 1,
): SplitMetrics {
  const { enrolled, others } = splitIdentities(identities, seed);
  const dim = identities.flatMap((id) => id.embeddings).find((e) => e !== null)?.length ?? 512;
  const gallery = new Gallery(dim, options);
  const centroids = new Map<string, Float32Array>();
  for (const id of enrolled) {
    const samples = id.embeddings.slice(0, enrolImages).filter((e): e is Float32Array => e !== null);
    if (samples.length === 0) continue;
    samples.forEach((e, k) => gallery.add(id.name as ChildId, `${id.name}#${k}` as TemplateId, e));
    centroids.set(id.name, centroid(samples));
  }
  const mated: { score: number; correct: boolean }[] = [];
  const nonMated: number[] = [];
  const genuine: number[] = [];
  const impostor: number[] = [];
  const probe = (e: Float32Array | null, truth: string | null) => {
    if (e === null) {
      // No face found: a miss for a mated probe, a (correct) rejection for a non-mated one.
      if (truth) mated.push({ score: -Infinity, correct: false });
      else nonMated.push(-Infinity);
      return;
    }
    const r = gallery.search(e);
    if (truth) mated.push({ score: r.best?.score ?? -Infinity, correct: r.best?.childId === truth });
    else nonMated.push(r.best?.score ?? -Infinity);
    if (fuse === 1) for (const [name, c] of centroids) (name === truth ? genuine : impostor).push(dot(e, c));
  };
  for (const id of enrolled) fusedProbes(id.embeddings.slice(enrolImages), fuse).forEach((e) => probe(e, id.name));
  for (const id of others) fusedProbes(id.embeddings, fuse).forEach((e) => probe(e, null));
  const fnirAt = (rate: number) => {
    const t = thresholdAtRate(nonMated, rate);
    return { t, fnir: mated.length === 0 ? 0 : mated.filter((m) => !(m.correct && m.score >= t)).length / mated.length };
  };
  const at1e2 = fnirAt(1e-2);
  const oneToOne = fuse === 1 && genuine.length > 0;
  return {
    eer: oneToOne ? equalErrorRate(genuine, impostor) : NaN,
    tarAtFar1e3: oneToOne ? tarAtFar(genuine, impostor, 1e-3) : NaN,
    tarAtFar1e4: oneToOne ? tarAtFar(genuine, impostor, 1e-4) : NaN,
    fnirAtFpir1e2: at1e2.fnir,
    fnirAtFpir3e3: fnirAt(3e-3).fnir,
    rank1: mated.length === 0 ? 1 : mated.filter((m) => m.correct).length / mated.length,
    thresholdAtFpir1e2: at1e2.t,
    matedProbes: mated.length,
    nonMatedProbes: nonMated.length,
  };
}

export function averageMetrics(splits: SplitMetrics[]): SplitMetrics {
  const keys = Object.keys(splits[0]!) as (keyof SplitMetrics)[];
  return Object.fromEntries(keys.map((k) => [k, splits.reduce((s, m) => s + m[k], 0) / splits.length])) as unknown as SplitMetrics;
}
