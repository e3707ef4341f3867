// Face quality measures (size, pose, sharpness, brightness) and their check against the config.
// Pure: computed from the 5 points and the aligned 112x112 face, never from a stored image.
import type { KioskConfig } from '../config';
import type { FaceQuality, FivePoints, QualityIssue } from './types';

export function interOcularPx(points: FivePoints): number {
  return Math.hypot(points[1].x - points[0].x, points[1].y - points[0].y);
}

/** Roll: the angle of the eye line against the horizontal, degrees. */
export function rollDeg(points: FivePoints): number {
  return (Math.atan2(points[1].y - points[0].y, points[1].x - points[0].x) * 180) / Math.PI;
}

/**
 * Yaw estimate from the nose's horizontal position between the eyes (projected on the eye line):
 * 0 when centred; asin of the normalised offset, which is ~linear for small angles.
 */
export function yawDeg(points: FivePoints): number {
  const [re, le, nose] = points;
  const ex = le.x - re.x,
    ey = le.y - re.y;
  const len2 = ex * ex + ey * ey;
  if (len2 === 0) return 90;
  const t = ((nose.x - re.x) * ex + (nose.y - re.y) * ey) / len2; // 0.5 when centred
  const offset = Math.max(-1, Math.min(1, (t - 0.5) * 2));
  return (Math.asin(offset) * 180) / Math.PI;
}

export function meanOf(values: Float32Array): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i]!;
  return values.length > 0 ? s / values.length : 0;
}

/** Variance of the 4-neighbour Laplacian over the central region of a luma image (blur measure). */
export function laplacianVariance(lumaValues: Float32Array, width: number, height: number): number {
  const x0 = Math.floor(width * 0.2),
    x1 = Math.ceil(width * 0.8);
  const y0 = Math.floor(height * 0.2),
    y1 = Math.ceil(height * 0.8);
  let sum = 0,
    sumSq = 0,
    n = 0;
  for (let y = Math.max(1, y0); y < Math.min(height - 1, y1); y++) {
    for (let x = Math.max(1, x0); x < Math.min(width - 1, x1); x++) {
      const i = y * width + x;
      const v = lumaValues[i - 1]! + lumaValues[i + 1]! + lumaValues[i - width]! + lumaValues[i + width]! - 4 * lumaValues[i]!;
      sum += v;
      sumSq += v * v;
      n++;
    }
  }
  if (n === 0) return 0;
  const mean = sum / n;
  return sumSq / n - mean * mean;
}

type QualityThresholds = Pick<
  KioskConfig,
  'minInterOcularPx' | 'maxYawDeg' | 'maxRollDeg' | 'minBrightness' | 'maxBrightness' | 'minSharpness'
>;

/** The problems a person can fix ("come closer", "look at the tablet", ...), most useful first. */
export function qualityIssues(q: FaceQuality, t: QualityThresholds): QualityIssue[] {
  const issues: QualityIssue[] = [];
  if (q.interOcularPx < t.minInterOcularPx) issues.push('too-small');
  if (Math.abs(q.yawDeg) > t.maxYawDeg) issues.push('turned');
  if (Math.abs(q.rollDeg) > t.maxRollDeg) issues.push('tilted');
  if (q.brightness < t.minBrightness) issues.push('too-dark');
  if (q.brightness > t.maxBrightness) issues.push('too-bright');
  if (q.sharpness < t.minSharpness) issues.push('blurry');
  return issues;
}
