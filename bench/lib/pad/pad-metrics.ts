// Scores bench:pad evidence with the kiosk's own PAD decision (src/core/pad) in ISO/IEC 30107-3 terms: APCER per
// attack species (attacks let through as live), BPCER (genuine presentations not let through), their exact binomial
// bounds, a renderer check (how well a trivial feature alone, mean saturation, tells each species from the genuine
// photos: high means the set measures the renderer, not the attack), and thresholds chosen on one part of the set and
// checked on the rest (one species and one set of renderer settings held out).
import { decidePad, type PadDecision, type PadObservation } from '../../../src/core/pad/fusion';
import { defaultPadConfig, type PadConfig } from '../../../src/core/pad/pad-config';
import type { FivePoints } from '../../../src/core/types';
import { ATTACK_SPECIES, hashString } from './pad-plan';
import type { PresentationEvidence } from './pad-run';

export function auc(positive: readonly number[], negative: readonly number[]): number {
  if (positive.length === 0 || negative.length === 0) return NaN;
  const all = [...positive.map((v) => ({ v, p: 1 })), ...negative.map((v) => ({ v, p: 0 }))].sort((a, b) => a.v - b.v);
  // Rank-sum with ties sharing their mean rank.
  let rankSum = 0;
  for (let i = 0; i < all.length;) {
    let j = i;
    while (j < all.length && all[j]!.v === all[i]!.v) j++;
    const rank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) if (all[k]!.p) rankSum += rank;
    i = j;
  }
  return (rankSum - (positive.length * (positive.length + 1)) / 2) / (positive.length * negative.length);
}

function logBinomialPmf(k: number, n: number, p: number): number {
  let lg = 0;
  for (let i = 1; i <= k; i++) lg += Math.log((n - k + i) / i);
  return lg + k * Math.log(p) + (n - k) * Math.log(1 - p);
}

/** Upper end of the exact (Clopper-Pearson) two-sided 95% interval for k errors in n trials. */
export function upper95(k: number, n: number): number {
  if (n === 0) return 1;
  if (k >= n) return 1;
  const cdf = (p: number) => {
    let s = 0;
    for (let i = 0; i <= k; i++) s += Math.exp(logBinomialPmf(i, n, p));
    return s;
  };
  let lo = k / n,
    hi = 1;
  for (let it = 0; it < 60; it++) {
    const mid = (lo + hi) / 2;
    if (cdf(mid) > 0.025) lo = mid;
    else hi = mid;
  }
  return hi;
}

export function observations(e: PresentationEvidence): PadObservation[] {
  return e.frames.map((f) => ({
    liveness: f.liveness ?? null,
    points: f.points ? (f.points.map(([x, y]) => ({ x, y })) as FivePoints) : null,
  }));
}

interface Scored {
  e: PresentationEvidence;
  decision: PadDecision;
}

const round = (v: number, d = 4) => Number(v.toFixed(d));
const rate = (k: number, n: number) => (n ? round(k / n) : null);

/** APCER and BPCER of scored presentations. */
function errorRates(scored: readonly Scored[]) {
  const genuine = scored.filter((s) => s.e.label === 'genuine');
  const bpcerErrors = genuine.filter((s) => s.decision.kind !== 'live').length;
  const bySpecies: Record<string, { errors: number; n: number }> = {};
  for (const s of scored) {
    if (s.e.label === 'genuine') continue;
    const entry = (bySpecies[s.e.label] ??= { errors: 0, n: 0 });
    entry.n++;
    if (s.decision.kind === 'live') entry.errors++;
  }
  const apcer = Object.fromEntries(Object.entries(bySpecies).map(([k, v]) => [k, rate(v.errors, v.n)]));
  const worst = Object.entries(bySpecies).reduce<{ species: string | null; rate: number; upper: number }>(
    (w, [k, v]) => {
      const r = v.n ? v.errors / v.n : 0;
      return r > w.rate || (r === w.rate && upper95(v.errors, v.n) > w.upper) ? { species: k, rate: r, upper: upper95(v.errors, v.n) } : w;
    },
    { species: null, rate: -1, upper: 0 },
  );
  return {
    bpcer: rate(bpcerErrors, genuine.length),
    bpcer_upper95: round(upper95(bpcerErrors, genuine.length)),
    apcer_by_species: apcer,
    apcer_worst: worst.species ? round(worst.rate) : null,
    apcer_worst_species: worst.species,
    apcer_worst_upper95: worst.species ? round(worst.upper) : null,
    attacks: Object.values(bySpecies).reduce((a, v) => a + v.n, 0),
    genuine: genuine.length,
  };
}

const score = (evidence: readonly PresentationEvidence[], config: Readonly<PadConfig>): Scored[] =>
  evidence.map((e) => ({ e, decision: decidePad(observations(e), config) }));

/** Genuine presentations split in two halves by identity (a fixed hash, not the seed: the split never moves). */
const trainIdentity = (identity: string) => hashString(identity) % 2 === 0;

/**
 * The passive threshold chosen on the training part only (half of the identities: their genuine presentations and
 * their attacks of settings A, all species but the held-out one), two ways: the lowest that keeps every training
 * species' APCER <= 1%, and the highest that keeps training BPCER <= 5%; then the rates on the held-out part (the
 * other half of the identities: their genuine presentations and their attacks of settings B, every species).
 */
export function splitForThresholds(
  evidence: readonly PresentationEvidence[],
  heldOutSpecies: string,
): { train: PresentationEvidence[]; test: PresentationEvidence[] } {
  return {
    train: evidence.filter(
      (e) => trainIdentity(e.identity) && (e.label === 'genuine' || (e.settings === 'A' && e.label !== heldOutSpecies)),
    ),
    test: evidence.filter((e) => !trainIdentity(e.identity) && (e.label === 'genuine' || e.settings === 'B')),
  };
}

function thresholdSplit(evidence: readonly PresentationEvidence[], config: Readonly<PadConfig>, heldOutSpecies: string) {
  const { train, test } = splitForThresholds(evidence, heldOutSpecies);
  const candidates = [
    ...new Set([0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.97, 0.98, 0.99, 0.995, 0.998, 0.999, 0.9995, 0.9999, 0.3, 0.2, 0.1, 0.05, 0.03]),
  ].sort((a, b) => a - b);
  const withThreshold = (t: number): PadConfig => ({
    ...config,
    livenessLiveMin: t,
    livenessAttackMax: Math.min(config.livenessAttackMax, t / 2),
  });
  const at = (t: number, part: readonly PresentationEvidence[]) => errorRates(score(part, withThreshold(t)));
  const forApcer = candidates.find((t) => (at(t, train).apcer_worst ?? 0) <= 0.01) ?? null;
  const forBpcer = [...candidates].reverse().find((t) => (at(t, train).bpcer ?? 0) <= 0.05) ?? null;
  const report = (t: number | null) => {
    if (t === null) return null;
    const r = at(t, test);
    return {
      threshold: t,
      train: (({ bpcer, apcer_worst }) => ({ bpcer, apcer_worst }))(at(t, train)),
      test_bpcer: r.bpcer,
      test_apcer_worst: r.apcer_worst,
      test_apcer_worst_upper95: r.apcer_worst_upper95,
      test_apcer_by_species: r.apcer_by_species,
      test_apcer_held_out_species: r.apcer_by_species[heldOutSpecies] ?? null,
    };
  };
  return {
    held_out_species: heldOutSpecies,
    held_out_settings: 'B',
    split:
      'identities halved by a fixed hash of the name; train: genuine + settings A (held-out species excluded); test: genuine + settings B',
    train: { genuine: train.filter((e) => e.label === 'genuine').length, attacks: train.filter((e) => e.label !== 'genuine').length },
    test: { genuine: test.filter((e) => e.label === 'genuine').length, attacks: test.filter((e) => e.label !== 'genuine').length },
    for_train_apcer_1pct: report(forApcer),
    for_train_bpcer_5pct: report(forBpcer),
  };
}

const mean = (xs: readonly number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);

export interface PadReportOptions {
  externalAttacks: boolean;
  config?: Readonly<PadConfig>;
  seed?: number;
}

export function padReport(evidence: readonly PresentationEvidence[], options: PadReportOptions): Record<string, unknown> {
  const config = options.config ?? defaultPadConfig;
  const scored = score(evidence, config);
  const rates = errorRates(scored);
  const genuine = scored.filter((s) => s.e.label === 'genuine');
  const attacks = scored.filter((s) => s.e.label !== 'genuine');
  const species = [...new Set(attacks.map((s) => s.e.label))].sort();
  const saturation = (s: Scored) => mean(s.e.frames.map((f) => f.saturation));
  const separability = (a: number) => round(Math.max(a, 1 - a), 3);
  const genuineSaturation = genuine.map(saturation);
  const rendererCheck = Object.fromEntries(
    species.map((sp) => [sp, separability(auc(attacks.filter((s) => s.e.label === sp).map(saturation), genuineSaturation))]),
  );
  const livenessOf = (s: Scored) => s.decision.scores.liveness ?? 0;
  const passiveAuc = Object.fromEntries(
    species.map((sp) => [sp, round(auc(genuine.map(livenessOf), attacks.filter((s) => s.e.label === sp).map(livenessOf)), 3)]),
  );
  const decisions = (xs: readonly Scored[]) => {
    const out: Record<string, number> = {};
    for (const s of xs) out[s.decision.reason] = (out[s.decision.reason] ?? 0) + 1;
    return out;
  };
  // What the planarity cue did on its own: attacks it held back that the passive model let through, and genuine
  // presentations it held back (the genuine photos never move out of plane, so any is a false 'plane').
  const planeCaught = attacks.filter(
    (s) => s.decision.reason === 'moved-as-plane' && (s.decision.scores.liveness ?? 0) >= config.livenessLiveMin,
  ).length;
  const falseDepth = attacks.filter((s) => s.decision.scores.geometry === 'depth').length;
  const jitter = genuine.flatMap((s) => (s.e.jitter ? [s.e.jitter] : []));
  const quantile = (xs: number[], q: number) => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))]! : NaN;
  };
  const padMs = evidence.flatMap((e) => e.frames.flatMap((f) => (f.padMs !== undefined && f.liveness !== undefined ? [f.padMs] : [])));
  const heldOut = ATTACK_SPECIES[(options.seed ?? 1) % ATTACK_SPECIES.length]!;
  return {
    ...rates,
    renderer_check_auc_by_species: rendererCheck,
    passive_auc_by_species: passiveAuc,
    genuine_not_acquired: genuine.filter((s) => s.decision.reason === 'too-few-frames').length,
    attacks_not_acquired: attacks.filter((s) => s.decision.reason === 'too-few-frames').length,
    genuine_decisions: decisions(genuine),
    attack_decisions: decisions(attacks),
    planarity: {
      attacks_held_back_by_plane_only: planeCaught,
      attacks_with_false_depth: falseDepth,
      attack_tilt_median_deg: round(
        quantile(
          attacks.flatMap((s) => (s.e.tiltChangeDeg !== undefined ? [s.e.tiltChangeDeg] : [])),
          0.5,
        ),
        1,
      ),
      genuine_held_back_as_plane: genuine.filter((s) => s.decision.scores.geometry === 'plane').length,
    },
    landmark_jitter_px: jitter.length
      ? {
          median: round(
            quantile(
              jitter.map((j) => j.sigmaPx),
              0.5,
            ),
            3,
          ),
          q90: round(
            quantile(
              jitter.map((j) => j.sigmaPx),
              0.9,
            ),
            3,
          ),
          median_share_of_iod: round(
            quantile(
              jitter.map((j) => j.sigmaPx / j.interOcularPx),
              0.5,
            ),
            4,
          ),
          q90_share_of_iod: round(
            quantile(
              jitter.map((j) => j.sigmaPx / j.interOcularPx),
              0.9,
            ),
            4,
          ),
          presentations: jitter.length,
        }
      : null,
    pad_ms_median: padMs.length ? round(quantile(padMs, 0.5), 2) : null,
    config: { livenessLiveMin: config.livenessLiveMin, livenessAttackMax: config.livenessAttackMax, minFrames: config.minFrames },
    ...(options.externalAttacks ? {} : { threshold_split: thresholdSplit(evidence, config, heldOut) }),
  };
}
