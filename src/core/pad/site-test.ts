// The site PAD test: staff present real faces of consenting adults, printed photos and phone or screen replays to the
// tablet, and the kiosk counts what its presentation-attack check said about each (ISO/IEC 30107-3 terms: BPCER =
// real faces not taken as live, APCER = attacks taken as live, per species), with Clopper-Pearson 95% intervals, for the
// site's impact assessment. One trial = the frames of one presentation, fused exactly as the gate fuses them. Numbers
// only: no image, no embedding, no name. Pure.
import { clopperPearson, type Interval } from '../self-test';
import { decidePad, type PadKind, type PadObservation } from './fusion';
import type { PadConfig } from './pad-config';

export type PadTrialKind = 'genuine' | 'print' | 'screen';
export const PAD_TRIAL_KINDS: readonly PadTrialKind[] = ['genuine', 'print', 'screen'];

export interface PadTrial {
  kind: PadTrialKind;
  result: PadKind;
  /** The passive model's combined p(live), 3 decimals (null when it never ran). */
  liveness: number | null;
  frames: number;
}

/** One trial from the frames of a presentation. */
export function padTrial(kind: PadTrialKind, observations: readonly PadObservation[], config: Readonly<PadConfig>): PadTrial {
  const decision = decidePad(observations, config);
  const l = decision.scores.liveness;
  return { kind, result: decision.kind, liveness: l === null ? null : Math.round(l * 1000) / 1000, frames: decision.scores.framesScored };
}

export interface PadErrorRate {
  /** Genuine: real faces not taken as live. Attacks: attacks taken as live (they would have checked a child in). */
  errors: number;
  trials: number;
  rate: number | null;
  interval: Interval | null;
}

export interface PadSiteSummary {
  /** BPCER: real faces the check did not take as live (under ask-bracelet they would be asked for the bracelet). */
  bpcer: PadErrorRate;
  /** APCER per attack species. */
  apcer: Record<Exclude<PadTrialKind, 'genuine'>, PadErrorRate>;
  /** Attacks the check called unsure (not live, not clearly an attack): refused under ask-bracelet, recorded flagged under record-flagged. */
  attacksUnsure: number;
}

function rate(errors: number, trials: number): PadErrorRate {
  return {
    errors,
    trials,
    rate: trials > 0 ? errors / trials : null,
    interval: trials > 0 ? clopperPearson(errors, trials) : null,
  };
}

export function padSiteSummary(trials: readonly PadTrial[]): PadSiteSummary {
  const of = (kind: PadTrialKind) => trials.filter((t) => t.kind === kind);
  const genuine = of('genuine');
  const attacks = trials.filter((t) => t.kind !== 'genuine');
  return {
    bpcer: rate(genuine.filter((t) => t.result !== 'live').length, genuine.length),
    apcer: {
      print: rate(of('print').filter((t) => t.result === 'live').length, of('print').length),
      screen: rate(of('screen').filter((t) => t.result === 'live').length, of('screen').length),
    },
    attacksUnsure: attacks.filter((t) => t.result === 'unsure').length,
  };
}

/** The export for the impact assessment: the summary and each trial's numbers, with what produced them. */
export function padSiteExport(
  trials: readonly PadTrial[],
  meta: { generatedAtMs: number; siteId: string | null; model: string; rule: string; padMode: string },
): string {
  return JSON.stringify(
    { ...meta, generatedAt: new Date(meta.generatedAtMs).toISOString(), summary: padSiteSummary(trials), trials },
    null,
    2,
  );
}
