// Thresholds of the presentation-attack decision (see fusion.ts), with why each has its value, and the check that
// refuses a policy that would let an unsure face check a child in. The passive model's crop and channel order are
// pipeline settings (KioskConfig.livenessCropScale / livenessChannelOrder).
import { MEASURED_LANDMARK_NOISE, type PlanarityOptions } from './planarity';

export interface PadConfig {
  /** The passive model's combined p(live) at or above which it says live. */
  livenessLiveMin: number;
  /** At or below which it says attack; between the two it is unsure (no face check-in). */
  livenessAttackMax: number;
  /** Frames with a passive score needed before any verdict but unsure. */
  minFrames: number;
  planarity: PlanarityOptions;
}

export const defaultPadConfig: Readonly<PadConfig> = Object.freeze({
  livenessLiveMin: 0.5,
  livenessAttackMax: 0.02,
  minFrames: 3,
  planarity: Object.freeze({
    noise: MEASURED_LANDMARK_NOISE,
    depthZ: 4,
    tiltZ: 3.5,
    minTiltDeg: 12,
    minNoseDepthShare: 0.2,
    maxShapeChange: 0.04,
  }),
});

export class PadConfigError extends Error {
  readonly code = 'pad-config-invalid';
}

/** Refuses thresholds that would make 'unsure' impossible to reach or let noise alone count as depth. */
export function validatePadConfig(input: Partial<PadConfig>): Readonly<PadConfig> {
  const config: PadConfig = { ...defaultPadConfig, ...input, planarity: { ...defaultPadConfig.planarity, ...input.planarity } };
  const problems: string[] = [];
  const inRange = (name: string, value: number, min: number, max: number) => {
    if (!Number.isFinite(value) || value < min || value > max) problems.push(`${name}=${String(value)} (expected ${min}..${max})`);
  };
  inRange('livenessLiveMin', config.livenessLiveMin, 0.01, 0.9999);
  inRange('livenessAttackMax', config.livenessAttackMax, 0, 0.99);
  if (!(config.livenessAttackMax < config.livenessLiveMin)) problems.push('livenessAttackMax must be below livenessLiveMin');
  inRange('minFrames', config.minFrames, 1, 60);
  const p = config.planarity;
  // Below 3 noise units a plane's own landmark jitter would read as depth in about one approach in a hundred.
  inRange('planarity.depthZ', p.depthZ, 3, 20);
  inRange('planarity.tiltZ', p.tiltZ, 2, 20);
  inRange('planarity.minTiltDeg', p.minTiltDeg, 5, 60);
  inRange('planarity.minNoseDepthShare', p.minNoseDepthShare, 0.05, 1);
  inRange('planarity.maxShapeChange', p.maxShapeChange, 0, 0.5);
  inRange('planarity.noise.floorPx', p.noise.floorPx, 0, 10);
  inRange('planarity.noise.share', p.noise.share, 0, 0.2);
  if (problems.length > 0) throw new PadConfigError(`Invalid PAD config: ${problems.join('; ')}`);
  return Object.freeze(config);
}
