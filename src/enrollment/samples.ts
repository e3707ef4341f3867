// Which analysed samples an enrolment may use, and whether they agree with each other (one person, not a mix).
// Pure functions over embeddings; the rules and their documented defaults are in src/config.ts (enrolment.samples).
import type { EnrolmentRules } from '../config';
import type { QualityIssue } from '../core/types';

/** One analysed face offered for enrolment: its embedding (L2-normalised, 512-d) and the quality issues found. */
export interface EnrolSample {
  embedding?: Float32Array;
  issues: readonly QualityIssue[];
}

export type SampleCheck =
  | { kind: 'ok'; embeddings: Float32Array[] }
  | { kind: 'too-few-samples'; usable: number }
  | { kind: 'samples-disagree'; usable: number; worstAgreement: number };

/** A usable sample: no quality issue, and a finite embedding of `dim` values that is not all zeros. */
function isUsableSample(sample: EnrolSample, dim: number): sample is EnrolSample & { embedding: Float32Array } {
  const e = sample.embedding;
  if (sample.issues.length > 0 || e === undefined || e.length !== dim) return false;
  let sum = 0;
  for (let i = 0; i < dim; i++) sum += e[i]! * e[i]!;
  return Number.isFinite(sum) && sum > 0;
}

function normalised(e: Float32Array): Float32Array {
  let sum = 0;
  for (let i = 0; i < e.length; i++) sum += e[i]! * e[i]!;
  const inv = 1 / Math.sqrt(sum);
  return e.map((v) => v * inv);
}

/** Cosine of `e` to the normalised mean of `others` (all normalised). */
function agreement(e: Float32Array, others: readonly Float32Array[]): number {
  const mean = new Float64Array(e.length);
  for (const o of others) for (let i = 0; i < e.length; i++) mean[i]! += o[i]!;
  let dot = 0;
  let norm = 0;
  for (let i = 0; i < e.length; i++) {
    dot += e[i]! * mean[i]!;
    norm += mean[i]! * mean[i]!;
  }
  return norm > 0 ? dot / Math.sqrt(norm) : 0;
}

function worstPair(set: readonly Float32Array[]): number {
  let worst = Infinity;
  for (let i = 0; i < set.length; i++) {
    for (let j = i + 1; j < set.length; j++) {
      let dot = 0;
      for (let k = 0; k < set[i]!.length; k++) dot += set[i]![k]! * set[j]![k]!;
      worst = Math.min(worst, dot);
    }
  }
  return worst;
}

/**
 * Keeps the usable samples (copied and normalised), drops the worst-agreeing beyond `maxSamples`, and refuses a set
 * in which any sample does not look like the rest: enrolling two people as one child is how wrong check-ins begin.
 */
export function checkSamples(samples: readonly EnrolSample[], rules: EnrolmentRules, dim = 512): SampleCheck {
  let kept = samples.filter((s) => isUsableSample(s, dim)).map((s) => normalised(s.embedding!));
  if (kept.length < rules.minSamples) return { kind: 'too-few-samples', usable: kept.length };
  const scoreAll = (set: Float32Array[]) =>
    set.map((e, i) =>
      agreement(
        e,
        set.filter((_, j) => j !== i),
      ),
    );
  while (kept.length > rules.maxSamples) {
    const scores = scoreAll(kept);
    const worst = scores.indexOf(Math.min(...scores));
    kept = kept.filter((_, i) => i !== worst);
  }
  const worstAgreement = Math.min(...scoreAll(kept));
  const pair = worstPair(kept);
  if (!(worstAgreement >= rules.minAgreement) || !(pair >= rules.minPairAgreement)) {
    return { kind: 'samples-disagree', usable: kept.length, worstAgreement: Math.min(worstAgreement, pair) };
  }
  return { kind: 'ok', embeddings: kept };
}
