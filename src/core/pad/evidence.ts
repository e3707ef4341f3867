// What a face check-in (or a refused one) keeps of the presentation-attack check: numbers, the verdict, the model and
// the rule that made it, never a pixel. And what the gate does with the verdict under the site's PAD mode (a district
// setting in the bundle).
import { PAD_FUSION_VERSION, type PadDecision, type PadKind, type PadReason } from './fusion';

/**
 * evidence: every face check-in records the PAD result and one other than live is flagged, nobody is refused (the
 * default: see README, "Presentation-attack detection"). ask-bracelet: attack and unsure never check in by face.
 * record-flagged: attack never checks in, unsure is recorded with a flag.
 */
export type PadMode = 'evidence' | 'ask-bracelet' | 'record-flagged';

export const PAD_MODES: readonly PadMode[] = ['evidence', 'ask-bracelet', 'record-flagged'];
export const DEFAULT_PAD_MODE: PadMode = 'evidence';

export const isPadMode = (value: unknown): value is PadMode =>
  typeof value === 'string' && (PAD_MODES as readonly string[]).includes(value);

/** The PAD result as an attendance event or a refused attempt records it. */
export interface PadEvidence {
  result: PadKind;
  reason: PadReason;
  /** The passive model's combined p(live) over the approach (4 decimals), null when it never ran. */
  liveness: number | null;
  livenessMin: number | null;
  /** Frames the passive model scored. */
  frames: number;
  geometry: 'depth' | 'plane' | 'none';
  parallaxZ: number;
  tiltDeg: number;
  /** The passive model's id (its file's sha256 prefix) and the fusion rule's version. */
  model: string;
  rule: string;
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

export function padEvidence(decision: PadDecision, model: string): PadEvidence {
  const s = decision.scores;
  return {
    result: decision.kind,
    reason: decision.reason,
    liveness: s.liveness === null ? null : round(s.liveness, 4),
    livenessMin: s.livenessMin === null ? null : round(s.livenessMin, 4),
    frames: s.framesScored,
    geometry: s.geometry,
    parallaxZ: round(Number.isFinite(s.parallaxZ) ? s.parallaxZ : 0, 2),
    tiltDeg: round(Number.isFinite(s.tiltDeg) ? s.tiltDeg : 0, 2),
    model,
    rule: PAD_FUSION_VERSION,
  };
}

/**
 * What the gate does with a face that matched a child: check in, or refuse (ask for the bracelet in the words used
 * for any unknown face). `wait`: not yet sure, and the approach may still show more (only until the face would be
 * asked for its bracelet anyway).
 */
export type PadAction = 'check-in' | 'refuse' | 'wait';

export function padAction(evidence: PadEvidence, mode: PadMode, timeLeft: boolean): PadAction {
  if (evidence.result === 'live' || mode === 'evidence') return 'check-in';
  if (evidence.result === 'attack') return 'refuse';
  if (mode === 'record-flagged') return 'check-in';
  return timeLeft ? 'wait' : 'refuse';
}

/** A record whose PAD result was not live: the register shows it for review. */
export const padFlagged = (evidence: PadEvidence | undefined): boolean => evidence !== undefined && evidence.result !== 'live';
