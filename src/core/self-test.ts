// The site's recognition self-test (issue 17): what the tablet's own gallery says about its error rates, computed from
// the enrolment samples alone (ISO/IEC 19795-1 terms, identification). Pure: numbers in, numbers out; the scores are
// the gate's own (src/core/match.ts Gallery: a child's centroid of L2-normalised samples, the cohort-normalised score).
//
// - Estimated FPIR: each child in turn plays a stranger. Each of their samples is searched against a gallery of every
//   OTHER child (the child removed); a non-mated search is a false positive when its best score is at or above the
//   threshold. Trials: one per sample searched.
// - Estimated FNIR: each sample is held out in turn and searched against the gallery in which that child's centroid is
//   made of their OTHER samples; a mated search is a miss unless that child is the best candidate at or above the
//   threshold. Trials: one per held-out sample (children with one sample give none).
// - Twin candidates: pairs of children whose nearest cross-child score (either child's sample against the other's
//   centroid, in the searches above) is at or above threshold - margin: the gate cannot tell them apart reliably.
// - Weak enrolments: a held-out sample that missed, or fewer samples than enrolment needs.
// Intervals are Clopper-Pearson ("exact") 95% intervals for the counts. They treat every search as independent; samples
// of one child taken minutes apart are not, so the real uncertainty is wider (closer to the number of children).
import { Gallery, GalleryError } from './match';
import type { ChildId, TemplateId } from './types';

export interface SelfTestChild {
  childId: ChildId;
  /** The child's stored samples (templates), L2-normalised (a copy is normalised again by the Gallery). Not changed. */
  samples: readonly Float32Array[];
}

export interface SelfTestInput {
  children: readonly SelfTestChild[];
  /** The site's matchThreshold (cohort-normalised score). */
  matchThreshold: number;
  /** The site's matchMargin to the second child. */
  matchMargin: number;
  /** The gate's cohort rule (KioskConfig.cohortWeight / cohortSize). */
  cohortWeight: number;
  cohortSize: number;
  /** Enrolment's minimum number of samples (EnrolmentRules.minSamples): fewer makes a weak enrolment. */
  minSamples: number;
  dim?: number;
  /** Confidence level of the intervals (default 0.95). */
  level?: number;
}

export interface Interval {
  lower: number;
  upper: number;
}

/** A share of `errors` in `trials`, with its interval; rate and interval are null when there were no trials. */
export interface RateEstimate {
  errors: number;
  trials: number;
  rate: number | null;
  interval: Interval | null;
}

/** The closest other child: the highest score a sample of `otherChildId` reached against this child's centroid. */
export interface NearestOther {
  childId: ChildId;
  otherChildId: ChildId;
  /** Cohort-normalised score, as the gate would have scored that sample. */
  score: number;
  /** Raw cosine of that sample to this child's centroid. */
  raw: number;
}

export interface TwinCandidate {
  a: ChildId;
  b: ChildId;
  /** The higher of the two directions' best cohort-normalised scores. */
  score: number;
}

export type WeakReason = 'few-samples' | 'held-out-below-threshold' | 'held-out-outranked';

export interface WeakEnrolment {
  childId: ChildId;
  reasons: WeakReason[];
  samples: number;
  /** Held-out searches of this child that missed (below the threshold or another child first), of `heldOut`. */
  misses: number;
  heldOut: number;
  /** The child's lowest held-out (mated) score; null when no sample could be held out. */
  worstHeldOutScore: number | null;
  /** The other child that scored highest above this child in a held-out search ('held-out-outranked'); else null. */
  outrankedBy: ChildId | null;
}

export interface SelfTestReport {
  children: number;
  samples: number;
  samplesPerChild: { min: number; max: number } | null;
  /** Samples the Gallery refused (wrong length, NaN, all zeros): left out of everything. */
  skippedSamples: number;
  matchThreshold: number;
  matchMargin: number;
  cohortWeight: number;
  cohortSize: number;
  minSamples: number;
  interval: { method: 'clopper-pearson'; level: number };
  /** Non-mated searches (a child's sample against every other child) with a best score at or above the threshold. */
  fpir: RateEstimate;
  /** Held-out mated searches where the child was not the best candidate at or above the threshold. */
  fnir: RateEstimate;
  /** Held-out mated searches that found the child, but with another child within the margin (the gate asks for the bracelet). */
  matedWithinMargin: number;
  /** Per child (gallery order), the closest other child; absent for a gallery of one child. */
  nearestOther: NearestOther[];
  /** Highest score first. */
  twinCandidates: TwinCandidate[];
  weak: WeakEnrolment[];
}

/** Computes the self-test. Builds its own Gallery, and wipes it (every copy of a sample) before returning. */
export function recognitionSelfTest(input: SelfTestInput): SelfTestReport {
  const level = input.level ?? 0.95;
  const dim = input.dim ?? 512;
  const gallery = new Gallery(dim, { cohortWeight: input.cohortWeight, cohortSize: input.cohortSize, prefilter: false });
  try {
    return compute(input, gallery, level);
  } finally {
    gallery.wipe();
  }
}

interface Entry {
  childId: ChildId;
  /** Usable samples (those the Gallery took) and their template ids in the gallery. */
  samples: Float32Array[];
  ids: TemplateId[];
}

function compute(input: SelfTestInput, gallery: Gallery, level: number): SelfTestReport {
  const { matchThreshold: threshold, matchMargin: margin } = input;
  let skipped = 0;
  const entries: Entry[] = [];
  input.children.forEach((child, c) => {
    const entry: Entry = { childId: child.childId, samples: [], ids: [] };
    child.samples.forEach((sample, i) => {
      const id = `self-test:${c}:${i}` as TemplateId;
      try {
        gallery.add(child.childId, id, sample);
        entry.samples.push(sample);
        entry.ids.push(id);
      } catch (error) {
        if (!(error instanceof GalleryError)) throw error;
        skipped++;
      }
    });
    if (entry.samples.length > 0) entries.push(entry);
  });
  const putBack = (e: Entry, i: number) => gallery.add(e.childId, e.ids[i]!, e.samples[i]!);

  // Non-mated searches: each child removed in turn, their samples searched against everyone else.
  let fpTrials = 0;
  let fpErrors = 0;
  const nearest = new Map<ChildId, NearestOther>();
  const pairs = new Map<string, TwinCandidate>();
  if (entries.length > 1) {
    for (const e of entries) {
      gallery.removeChild(e.childId);
      for (const sample of e.samples) {
        const scores = gallery.scoreAll(sample);
        let best = -Infinity;
        for (const s of scores) {
          best = Math.max(best, s.score);
          const held = nearest.get(s.childId);
          if (held === undefined || s.score > held.score)
            nearest.set(s.childId, { childId: s.childId, otherChildId: e.childId, score: s.score, raw: s.raw });
          // Only pairs that could be twins are kept (a gallery of N children has N^2 / 2 pairs).
          if (!(s.score >= threshold - margin)) continue;
          const [a, b] = s.childId < e.childId ? [s.childId, e.childId] : [e.childId, s.childId];
          const key = `${a}\u0000${b}`;
          const pair = pairs.get(key);
          if (pair === undefined || s.score > pair.score) pairs.set(key, { a, b, score: s.score });
        }
        fpTrials++;
        if (best >= threshold) fpErrors++;
      }
      e.samples.forEach((_, i) => putBack(e, i));
    }
  }

  // Mated searches: each sample held out against its child's other samples, in the whole gallery.
  let fnTrials = 0;
  let fnErrors = 0;
  let withinMargin = 0;
  const weak: WeakEnrolment[] = [];
  for (const e of entries) {
    const reasons = new Set<WeakReason>();
    if (e.samples.length < input.minSamples) reasons.add('few-samples');
    let misses = 0;
    let heldOut = 0;
    let worst: number | null = null;
    let outrankedBy: { childId: ChildId; lead: number } | null = null;
    if (e.samples.length >= 2) {
      for (let i = 0; i < e.samples.length; i++) {
        gallery.removeTemplate(e.ids[i]!);
        const scores = gallery.scoreAll(e.samples[i]!);
        putBack(e, i);
        let own = -Infinity;
        let other = -Infinity;
        let otherId: ChildId | null = null;
        for (const s of scores) {
          if (s.childId === e.childId) own = s.score;
          else if (s.score > other) {
            other = s.score;
            otherId = s.childId;
          }
        }
        heldOut++;
        worst = worst === null ? own : Math.min(worst, own);
        // Search ranks the earlier row first on a tie; a tie with another child is a miss here either way (the margin
        // rule would send that face to the bracelet).
        const below = !(own >= threshold);
        const outranked = other >= own;
        if (below) reasons.add('held-out-below-threshold');
        else if (outranked) {
          reasons.add('held-out-outranked');
          if (outrankedBy === null || other - own > outrankedBy.lead) outrankedBy = { childId: otherId!, lead: other - own };
        }
        if (below || outranked) misses++;
        else if (other >= threshold && !(own - other >= margin)) withinMargin++;
      }
    }
    fnTrials += heldOut;
    fnErrors += misses;
    if (reasons.size > 0)
      weak.push({
        childId: e.childId,
        reasons: [...reasons],
        samples: e.samples.length,
        misses,
        heldOut,
        worstHeldOutScore: worst,
        outrankedBy: outrankedBy?.childId ?? null,
      });
  }

  const counts = entries.map((e) => e.samples.length);
  return {
    children: entries.length,
    samples: counts.reduce((a, b) => a + b, 0),
    samplesPerChild: counts.length === 0 ? null : { min: Math.min(...counts), max: Math.max(...counts) },
    skippedSamples: skipped,
    matchThreshold: threshold,
    matchMargin: margin,
    cohortWeight: input.cohortWeight,
    cohortSize: input.cohortSize,
    minSamples: input.minSamples,
    interval: { method: 'clopper-pearson', level },
    fpir: estimate(fpErrors, fpTrials, level),
    fnir: estimate(fnErrors, fnTrials, level),
    matedWithinMargin: withinMargin,
    nearestOther: entries.map((e) => nearest.get(e.childId)).filter((n): n is NearestOther => n !== undefined),
    twinCandidates: [...pairs.values()].sort((x, y) => y.score - x.score),
    weak,
  };
}

function estimate(errors: number, trials: number, level: number): RateEstimate {
  return {
    errors,
    trials,
    rate: trials > 0 ? errors / trials : null,
    interval: trials > 0 ? clopperPearson(errors, trials, level) : null,
  };
}

// ---------------------------------------------------------------------------------------------------------------------
// The Clopper-Pearson interval: the p whose binomial tails put exactly (1 - level) / 2 beyond the observed count.

/** ln Γ(x) for x > 0 (Lanczos, g = 7, 9 terms; about 15 significant digits). */
function logGamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
    -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  x -= 1;
  let a = c[0]!;
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += c[i]! / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/** The continued fraction of the incomplete beta function (modified Lentz). */
function betaFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 10_000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const step = d * c;
    h *= step;
    if (Math.abs(step - 1) < 1e-15) break;
  }
  return h;
}

/** The regularised incomplete beta function I_x(a, b). */
export function regularisedBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  return x < (a + 1) / (a + b + 2) ? (front * betaFraction(a, b, x)) / a : 1 - (front * betaFraction(b, a, 1 - x)) / b;
}

/** P(X <= k) for X ~ Binomial(n, p). */
export function binomialCdf(k: number, n: number, p: number): number {
  if (k < 0) return 0;
  if (k >= n) return 1;
  return regularisedBeta(1 - p, n - k, k + 1);
}

/** The p in [0, 1] where the decreasing function f crosses `target`, by bisection (f(0) >= target >= f(1)). */
function solveDecreasing(f: (p: number) => number, target: number): number {
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 200 && hi - lo > 1e-14; i++) {
    const mid = (lo + hi) / 2;
    if (f(mid) > target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * The Clopper-Pearson ("exact") interval for `k` errors in `n` trials at `level` (0.95: each tail 2.5%): the lower
 * bound is the p with P(X >= k) = 2.5%, the upper the p with P(X <= k) = 2.5% (0 and 1 at the ends). Its coverage is
 * at least `level` for every p, so it is wider than Wilson's, especially at 0 errors: 0 of n gives an upper bound of
 * 1 - 0.025^(1/n), about 3.7 / n.
 */
export function clopperPearson(k: number, n: number, level = 0.95): Interval {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`trials must be a positive integer, got ${n}`);
  if (!Number.isInteger(k) || k < 0 || k > n) throw new RangeError(`errors must be an integer in 0..${n}, got ${k}`);
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be in (0, 1), got ${level}`);
  const tail = (1 - level) / 2;
  // Closed forms at the ends (exact, and what the bisection would only approach).
  const lower = k === 0 ? 0 : k === n ? Math.pow(tail, 1 / n) : solveDecreasing((p) => binomialCdf(k - 1, n, p), 1 - tail);
  const upper = k === n ? 1 : k === 0 ? 1 - Math.pow(tail, 1 / n) : solveDecreasing((p) => binomialCdf(k, n, p), tail);
  return { lower, upper };
}
