// The geometric PAD cue across frames: a photo or a phone moves as a plane, a head does not. The four points that lie
// nearly on a plane on a real face (eyes, mouth corners) fix a homography between two frames; on a flat picture the
// nose follows that homography, on a head it shows parallax once the head turns. No out-of-plane motion is no
// evidence either way. Pure; every threshold is in units of the measured landmark noise.
import { applyHomography, estimateHomography, fitAffine } from './homography';
import type { FivePoints, Point } from '../types';

/** Standard deviation of each landmark coordinate (px): floorPx + share x inter-ocular distance. */
export interface LandmarkNoise {
  floorPx: number;
  share: number;
}

/**
 * The landmark noise the cue assumes. Measured (bench:pad, genuine presentations: the five points' scatter about the
 * photo's known motion under camera noise, 39 faces of 41-84 px eye distance): per face, a median of 0.0095 and a
 * 90th percentile of 0.019 eye distances per coordinate (0.54 / 1.04 px). The cue assumes about the 90th percentile,
 * so that a face whose points jitter more than most still does not read as depth.
 */
export const MEASURED_LANDMARK_NOISE: LandmarkNoise = Object.freeze({ floorPx: 0.3, share: 0.015 });

export interface PlanarityOptions {
  noise: LandmarkNoise;
  /**
   * The nose's departure from the plane, in noise units, that counts as depth between one pair of frames; with m pairs
   * the bar is sqrt(depthZ^2 + 2 ln m), so that the chance of noise alone reaching it stays that of one pair however
   * many frames the approach has. It must also survive leaving out any one frame.
   */
  depthZ: number;
  /** The out-of-plane rotation, in noise units of the four points' foreshortening, before the plane test speaks. */
  tiltZ: number;
  /** Smallest out-of-plane rotation (degrees) the plane test uses: below it a head's parallax is too small to miss. */
  minTiltDeg: number;
  /** Nose depth in front of the eye-mouth plane of the flattest real face it must not mistake (share of the eye distance). */
  minNoseDepthShare: number;
  /** How far the eye pair and the mouth may scale differently (relative) and still move as one plane (perspective). */
  maxShapeChange: number;
}

export type PlanarityKind = 'depth' | 'plane' | 'none';

export interface PlanarityEvidence {
  kind: PlanarityKind;
  /** Why there is no evidence, when there is none. */
  reason?: 'too-few-frames' | 'no-out-of-plane-motion' | 'inconclusive';
  /** The largest nose parallax between two frames that survives leaving out any one frame, in noise units. */
  parallaxZ: number;
  /** The largest out-of-plane rotation between two frames the four points show (degrees, robust as above). */
  tiltDeg: number;
  /** Frames with five points. */
  frames: number;
  /** This face's landmark noise as its own frames show it (share of the eye distance per coordinate). */
  noiseShare: number;
}

const FOUR = [0, 1, 3, 4] as const;
const NOSE = 2;

/**
 * How much the noise of the ten coordinates grows in the nose's predicted-minus-seen distance (per coordinate):
 * the seen nose, the nose of the first frame carried by the homography, and the four points of both frames
 * (the nose sits near their centre, so each weighs about a quarter). Checked by simulation in the unit tests.
 */
const PARALLAX_NOISE_GAIN = Math.sqrt(2.6);
/** The same for the four points' foreshortening (1 - smaller/larger singular value of their affine map), per unit of sigma/IOD. */
const TILT_NOISE_GAIN = 2.2;

const dist = (a: Point, b: Point) => Math.hypot(a.x - b.x, a.y - b.y);
const four = (p: FivePoints): Point[] => FOUR.map((i) => p[i]);

interface PairMeasure {
  i: number;
  j: number;
  parallaxZ: number;
  tiltDeg: number;
  tiltZ: number;
  /** The pair moved like a tilted picture: real out-of-plane rotation, the four points as one plane, no parallax. */
  planar: boolean;
}

/** The noise assumed for a face of this eye distance: the model's, or what this face's own points show if more. */
function sigmaOf(noise: LandmarkNoise, observedShare: number, iod: number): number {
  return Math.max(noise.floorPx + noise.share * iod, observedShare * iod);
}

/**
 * This face's own landmark noise (share of its eye distance per coordinate), from every pair of frames: what an affine
 * map of the four points leaves over is noise (the fit of four points in two noisy frames leaves 2 degrees of freedom
 * of 2 sigma^2 each: E[SSR] = 4 sigma^2), plus perspective and expression changes, which only make the estimate
 * larger and the depth test more careful. The plane test uses neighbouring frames only: a tilting picture's own
 * perspective change must not count as noise against it.
 */
function observedNoiseShare(seen: readonly FivePoints[], neighboursOnly: boolean): number {
  let sum = 0,
    pairs = 0;
  for (let i = 0; i < seen.length; i++)
    for (let j = i + 1; j < (neighboursOnly ? Math.min(seen.length, i + 2) : seen.length); j++) {
      const p = seen[i]!,
        q = seen[j]!;
      const fit = fitAffine(four(p), four(q));
      const iod = (dist(p[0], p[1]) + dist(q[0], q[1])) / 2;
      if (!fit || !(iod > 1)) continue;
      sum += (4 * fit.rms * fit.rms) / (iod * iod);
      pairs++;
    }
  return pairs ? Math.sqrt(sum / (4 * pairs)) : 0;
}

/** Singular values (larger, smaller) of a 2x2 matrix. */
function singularValues(a: number, b: number, c: number, d: number): [number, number] {
  const s1 = a * a + b * b + c * c + d * d;
  const det = a * d - b * c;
  const root = Math.sqrt(Math.max(0, s1 * s1 - 4 * det * det));
  return [Math.sqrt((s1 + root) / 2), Math.sqrt(Math.max(0, (s1 - root) / 2))];
}

function measurePair(
  p: FivePoints,
  q: FivePoints,
  i: number,
  j: number,
  o: PlanarityOptions,
  observed: { depth: number; plane: number },
): PairMeasure | null {
  const iodP = dist(p[0], p[1]),
    iodQ = dist(q[0], q[1]);
  if (!(iodP > 1 && iodQ > 1)) return null;
  const h = estimateHomography(four(p), four(q));
  const affine = fitAffine(four(p), four(q));
  if (!h || !affine) return null;
  const sigma = (sigmaOf(o.noise, observed.depth, iodP) + sigmaOf(o.noise, observed.depth, iodQ)) / 2;
  const planeSigma = (sigmaOf(o.noise, observed.plane, iodP) + sigmaOf(o.noise, observed.plane, iodQ)) / 2;
  const predicted = applyHomography(h, p[NOSE]);
  const parallaxPx = dist(predicted, q[NOSE]);
  const parallaxZ = parallaxPx / (sigma * PARALLAX_NOISE_GAIN);
  const [s1, s2] = singularValues(affine.a, affine.b, affine.d, affine.e);
  const foreshortening = s1 > 0 ? 1 - s2 / s1 : 0;
  const tiltDeg = (Math.acos(Math.min(1, Math.max(0, 1 - foreshortening))) * 180) / Math.PI;
  const iod = Math.min(iodP, iodQ);
  const tiltZ = foreshortening / ((TILT_NOISE_GAIN * planeSigma) / iod);
  // A picture tilts as one: the eye pair and the mouth scale alike (up to perspective). A smile or an open mouth
  // moves the mouth alone, which a plane cannot do: such a pair says nothing.
  const eyeScale = iodQ / iodP;
  const mouthScale = dist(q[3], q[4]) / Math.max(1e-9, dist(p[3], p[4]));
  const mouthNoise = (3 * planeSigma * Math.SQRT2) / Math.max(1, dist(p[3], p[4]));
  const oneShape = Math.abs(Math.log(eyeScale / mouthScale)) <= o.maxShapeChange + mouthNoise;
  // What the flattest real head would have shown for this rotation (enough to count as depth), against what was seen
  // (under half of it).
  // (The face's own size is the larger of the two eye distances: the other is foreshortened by the very rotation.)
  const headParallaxPx = o.minNoseDepthShare * Math.sin((tiltDeg * Math.PI) / 180) * Math.max(iodP, iodQ);
  const planar =
    oneShape &&
    tiltDeg >= o.minTiltDeg &&
    tiltZ >= o.tiltZ &&
    headParallaxPx >= o.depthZ * planeSigma * PARALLAX_NOISE_GAIN &&
    parallaxPx <= 0.5 * headParallaxPx;
  return { i, j, parallaxZ, tiltDeg, tiltZ, planar };
}

/** The largest value over pairs that survives leaving out any single frame (one bad detection cannot decide). */
function robustMax(pairs: PairMeasure[], frames: number, value: (m: PairMeasure) => number): number {
  let worst = Infinity;
  for (let k = 0; k < frames; k++) {
    let best = 0;
    for (const m of pairs) if (m.i !== k && m.j !== k) best = Math.max(best, value(m));
    worst = Math.min(worst, best);
  }
  return Number.isFinite(worst) ? worst : 0;
}

/** The planarity evidence of the followed face's points over the frames of an approach (frames without points skipped). */
export function planarityCue(points: readonly (FivePoints | null)[], options: PlanarityOptions): PlanarityEvidence {
  const seen = points.filter((p): p is FivePoints => p !== null);
  if (seen.length < 3) return { kind: 'none', reason: 'too-few-frames', parallaxZ: 0, tiltDeg: 0, frames: seen.length, noiseShare: 0 };
  const pairs: PairMeasure[] = [];
  const observed = { depth: observedNoiseShare(seen, false), plane: observedNoiseShare(seen, true) };
  for (let i = 0; i < seen.length; i++)
    for (let j = i + 1; j < seen.length; j++) {
      const m = measurePair(seen[i]!, seen[j]!, i, j, options, observed);
      if (m) pairs.push(m);
    }
  const parallaxZ = robustMax(pairs, seen.length, (m) => m.parallaxZ);
  const tiltDeg = robustMax(pairs, seen.length, (m) => (m.tiltZ >= options.tiltZ ? m.tiltDeg : 0));
  const base = { parallaxZ, tiltDeg, frames: seen.length, noiseShare: observed.depth };
  const depthBar = Math.sqrt(options.depthZ ** 2 + 2 * Math.log(Math.max(1, pairs.length)));
  if (parallaxZ >= depthBar) return { kind: 'depth', ...base };
  if (robustMax(pairs, seen.length, (m) => (m.planar ? 1 : 0)) > 0) return { kind: 'plane', ...base };
  return { kind: 'none', reason: tiltDeg > 0 ? 'inconclusive' : 'no-out-of-plane-motion', ...base };
}
