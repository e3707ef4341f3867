// A face check-in's presentation-attack evidence as a kiosk records it (src/core/pad/evidence.ts), for tests that push
// face marks: the fused result with plausible numbers (live scores high, others low).
import type { PadEvidence } from '../../../src/core/pad/evidence';

export const padEvidence = (result: PadEvidence['result'], liveness = result === 'live' ? 0.93 : 0.31): PadEvidence => ({
  result,
  reason: `passive-${result}`,
  liveness,
  livenessMin: Math.max(0, liveness - 0.05),
  frames: 4,
  geometry: 'none',
  parallaxZ: 0.4,
  tiltDeg: 1.5,
  model: 'fr-liveness.onnx:afa783b7e902',
  rule: 'pad-fusion-1',
});
