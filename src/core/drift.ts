// Drift: children's faces change as they grow, and a template that fits less each month ends with a child turned away
// at the door. Per enrolled child the kiosk keeps a short rolling summary of their arrivals (the scores of the last
// accepted face check-ins, numbers only, and how many arrivals ended at the bracelet instead), and this rule says when
// staff should re-enrol the child, with the reason, before the face stops working. Pure.
import type { RecognitionMethod } from './attendance-rules';

/** What the kiosk keeps per enrolled child: numbers only, never an embedding. */
export interface DriftSummary {
  /** Scores of the latest accepted face check-ins, oldest first (at most `window`), 3 decimals. */
  scores: number[];
  /** Of the latest arrivals (at most `window`), which were by face (true) and which by bracelet or staff (false). */
  arrivals: boolean[];
}

export interface DriftRules {
  /** How many recent check-ins the summary keeps. */
  window: number;
  /** Face scores needed before the score rule speaks. */
  minScores: number;
  /**
   * Re-enrol when the median of the recent face scores falls below this (the gate's fused, cohort-normalised score).
   * Chosen from bench:gate's genuine check-ins (README, "Drift").
   */
  scoreLevel: number;
  /** Arrivals needed before the bracelet rule speaks. */
  minArrivals: number;
  /** Re-enrol when more than this share of recent arrivals of an enrolled child did not end in a face check-in. */
  maxOtherShare: number;
}

export type DriftAdvice =
  | { kind: 'ok' }
  | { kind: 're-enrol'; reason: 'scores-falling'; median: number; level: number }
  | { kind: 're-enrol'; reason: 'often-bracelet'; share: number; arrivals: number };

export const emptyDrift = (): DriftSummary => ({ scores: [], arrivals: [] });

const keepLast = <T>(values: readonly T[], n: number): T[] => values.slice(Math.max(0, values.length - n));

/** The summary after one check-in of an enrolled child (`score` of a face check-in; other methods have none). */
export function noteArrival(
  summary: DriftSummary | undefined,
  arrival: { method: RecognitionMethod; score: number | null },
  rules: Pick<DriftRules, 'window'>,
): DriftSummary {
  const s = summary ?? emptyDrift();
  const byFace = arrival.method === 'face';
  const scores =
    byFace && arrival.score !== null && Number.isFinite(arrival.score)
      ? keepLast([...s.scores, Math.round(arrival.score * 1000) / 1000], rules.window)
      : s.scores;
  return { scores, arrivals: keepLast([...s.arrivals, byFace], rules.window) };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Whether the child should be re-enrolled, and why (scores first: they fall before the face stops working). */
export function driftAdvice(summary: DriftSummary | undefined, rules: DriftRules): DriftAdvice {
  if (summary === undefined) return { kind: 'ok' };
  if (summary.scores.length >= rules.minScores) {
    const m = median(summary.scores);
    if (m < rules.scoreLevel) return { kind: 're-enrol', reason: 'scores-falling', median: m, level: rules.scoreLevel };
  }
  if (summary.arrivals.length >= rules.minArrivals) {
    const other = summary.arrivals.filter((byFace) => !byFace).length / summary.arrivals.length;
    if (other > rules.maxOtherShare) return { kind: 're-enrol', reason: 'often-bracelet', share: other, arrivals: summary.arrivals.length };
  }
  return { kind: 'ok' };
}
