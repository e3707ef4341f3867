// Fuses the PAD cues over the frames of one approach into live, attack or unsure. Only 'live' lets a face check a
// child in; 'attack' and 'unsure' both send the child to the bracelet or a teacher in the same kind words. An
// 'attack' needs the passive model's clear verdict with no sign of a real head; no motion is never evidence of an
// attack, and a picture moved as a plane (or a real face the geometry cannot read) is at most 'unsure'.
import type { FivePoints } from '../types';
import type { PadConfig } from './pad-config';
import { planarityCue, type PlanarityEvidence } from './planarity';

/** Version of this decision rule, recorded with every PAD result next to the liveness model's id. */
export const PAD_FUSION_VERSION = 'pad-fusion-1';

/** One frame of the approach as the pipeline saw the followed face. */
export interface PadObservation {
  /** p(live) of the passive model on this frame, null when it did not run. */
  liveness: number | null;
  /** The face's five points in frame pixels, null when there were none. */
  points: FivePoints | null;
}

export type PadKind = 'live' | 'attack' | 'unsure';

export type PadReason =
  | 'too-few-frames'
  | 'passive-live'
  | 'passive-attack'
  | 'passive-unsure'
  | 'depth-confirms'
  | 'depth-contradicts-passive'
  | 'moved-as-plane';

export interface PadScores {
  /** The passive model's p(live) over the frames (see combineLiveness). */
  liveness: number | null;
  /** The lowest single-frame p(live). */
  livenessMin: number | null;
  framesScored: number;
  geometry: PlanarityEvidence['kind'];
  parallaxZ: number;
  tiltDeg: number;
}

export interface PadDecision {
  kind: PadKind;
  reason: PadReason;
  scores: PadScores;
}

/**
 * The frames' p(live) combined as the mean log-odds (a geometric mean of the odds): one lucky frame cannot carry a
 * replay, one bad frame cannot sink a child.
 */
export function combineLiveness(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const eps = 1e-6;
  let sum = 0;
  for (const v of values) {
    const p = Math.min(1 - eps, Math.max(eps, v));
    sum += Math.log(p / (1 - p));
  }
  const mean = sum / values.length;
  return 1 / (1 + Math.exp(-mean));
}

export function decidePad(observations: readonly PadObservation[], policy: Readonly<PadConfig>): PadDecision {
  const scored = observations.flatMap((o) => (o.liveness === null || !Number.isFinite(o.liveness) ? [] : [o.liveness]));
  const geometry = planarityCue(
    observations.map((o) => o.points),
    policy.planarity,
  );
  const liveness = combineLiveness(scored);
  const scores: PadScores = {
    liveness,
    livenessMin: scored.length ? Math.min(...scored) : null,
    framesScored: scored.length,
    geometry: geometry.kind,
    parallaxZ: geometry.parallaxZ,
    tiltDeg: geometry.tiltDeg,
  };
  const decide = (kind: PadKind, reason: PadReason): PadDecision => ({ kind, reason, scores });
  if (liveness === null || scored.length < policy.minFrames) return decide('unsure', 'too-few-frames');
  if (liveness <= policy.livenessAttackMax)
    return geometry.kind === 'depth' ? decide('unsure', 'depth-contradicts-passive') : decide('attack', 'passive-attack');
  if (geometry.kind === 'plane') return decide('unsure', 'moved-as-plane');
  if (liveness >= policy.livenessLiveMin) return decide('live', 'passive-live');
  return geometry.kind === 'depth' ? decide('live', 'depth-confirms') : decide('unsure', 'passive-unsure');
}

/** Only a live verdict may check a child in by face; attack and unsure ask for the bracelet. */
export function allowsFaceCheckIn(decision: PadDecision): boolean {
  return decision.kind === 'live';
}
