// Thresholds and intervals of the gate (matchThreshold / matchMargin stay in KioskConfig and are passed in).
// validateGateConfig() refuses values that would record background children or toggle in/out at random.

export interface GateConfig {
  /** Smallest face box width (frame pixels) that is followed at all: a child in the background is never recorded. */
  minFaceWidthPx: number;
  /** How many of the latest good frames of one face are averaged into the probe (frames). */
  fusionWindowFrames: number;
  /** How many consecutive fused searches must agree before a face decision is final (frames). */
  minStableFrames: number;
  /** A good face that is not accepted within this time (ms, from its first good frame) is asked for the bracelet. */
  unknownAfterMs: number;
  /** A second recognition of a checked-in child counts as check-out only this long (ms) after the last event. */
  checkOutMinIntervalMs: number;
  /** How long (ms) the greeting stays on screen after a recorded event. */
  greetingMs: number;
  /** How long (ms) a request to the child ("tap your bracelet or ask a teacher", "bracelet not known") stays on screen. */
  promptMs: number;
  /** Face-and-bracelet: how long (ms) the first of face and bracelet waits for the other. */
  pairWindowMs: number;
  /** A followed face missing from the frames for longer than this (ms) is lost; its next sighting is a new face. */
  trackLostAfterMs: number;
  /**
   * Following: the largest plausible change between two frames of one face, as a ratio of its box width
   * (centre movement) and of its size (growth or shrink). Beyond it the face is a different one.
   */
  trackMaxJumpRatio: number;
}

export const defaultGateConfig: Readonly<GateConfig> = Object.freeze({
  minFaceWidthPx: 80,
  fusionWindowFrames: 5,
  minStableFrames: 3,
  unknownAfterMs: 3000,
  checkOutMinIntervalMs: 15 * 60_000,
  greetingMs: 2000,
  promptMs: 4000,
  pairWindowMs: 10_000,
  trackLostAfterMs: 700,
  trackMaxJumpRatio: 0.5,
});

export class GateConfigError extends Error {
  readonly code = 'gate-config-invalid';
}

/** Refuses a gate config with values outside their safe ranges; returns a frozen copy. */
export function validateGateConfig(input: Partial<GateConfig>): Readonly<GateConfig> {
  const config: GateConfig = { ...defaultGateConfig, ...input };
  const problems: string[] = [];
  const inRange = (key: keyof GateConfig, min: number, max: number, integer = false) => {
    const value = config[key];
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
      problems.push(`${key}=${String(value)} (expected ${integer ? 'an integer ' : ''}${min}..${max})`);
    }
  };
  inRange('minFaceWidthPx', 16, 2000);
  inRange('fusionWindowFrames', 1, 30, true);
  // One frame alone must never decide: a single lucky frame is how strangers get accepted.
  inRange('minStableFrames', 2, 30, true);
  inRange('unknownAfterMs', 500, 60_000);
  // Below a minute, a child lingering at the gate would be checked out right after checking in.
  inRange('checkOutMinIntervalMs', 60_000, 12 * 3_600_000);
  inRange('greetingMs', 300, 15_000);
  inRange('promptMs', 1000, 30_000);
  inRange('pairWindowMs', 2000, 60_000);
  inRange('trackLostAfterMs', 50, 10_000);
  inRange('trackMaxJumpRatio', 0.05, 3);
  if (problems.length > 0) throw new GateConfigError(`Invalid gate config: ${problems.join('; ')}`);
  return Object.freeze(config);
}
