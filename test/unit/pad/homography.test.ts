// Homographies for the planarity cue: exact from four pairs, least squares from more, refused when degenerate.
import { describe, expect, it } from 'vitest';
import { applyHomography, estimateHomography, fitAffine, invert3, multiply3, type Mat3 } from '../../../src/core/pad/homography';

const h: Mat3 = [1.1, 0.2, 30, -0.1, 0.9, 12, 0.0008, -0.0004, 1];
const square = [
  { x: 0, y: 0 },
  { x: 100, y: 0 },
  { x: 100, y: 80 },
  { x: 0, y: 80 },
  { x: 50, y: 40 },
];

describe('homography', () => {
  it('recovers a perspective map from four pairs and predicts a fifth point', () => {
    const dst = square.map((p) => applyHomography(h, p));
    const est = estimateHomography(square.slice(0, 4), dst.slice(0, 4))!;
    const predicted = applyHomography(est, square[4]!);
    expect(predicted.x).toBeCloseTo(dst[4]!.x, 6);
    expect(predicted.y).toBeCloseTo(dst[4]!.y, 6);
  });

  it('inverts and composes', () => {
    const id = multiply3(h, invert3(h)!);
    [1, 0, 0, 0, 1, 0, 0, 0, 1].forEach((v, i) => expect(id[i]).toBeCloseTo(v, 9));
  });

  it('refuses collinear or coincident points instead of returning nonsense', () => {
    const line = [0, 1, 2, 3].map((i) => ({ x: i * 10, y: i * 10 }));
    expect(estimateHomography(line, line)).toBeNull();
    const same = [0, 1, 2, 3].map(() => ({ x: 5, y: 5 }));
    expect(estimateHomography(same, same)).toBeNull();
    expect(invert3([1, 2, 3, 2, 4, 6, 0, 0, 1])).toBeNull();
  });

  it('fits an affine map with its residual', () => {
    const dst = square.map((p) => ({ x: 2 * p.x + 0.5 * p.y + 3, y: -p.x + p.y - 4 }));
    const fit = fitAffine(square, dst)!;
    expect(fit.a).toBeCloseTo(2);
    expect(fit.b).toBeCloseTo(0.5);
    expect(fit.e).toBeCloseTo(1);
    expect(fit.rms).toBeCloseTo(0, 9);
    dst[4] = { x: dst[4]!.x + 5, y: dst[4]!.y };
    expect(fitAffine(square, dst)!.rms).toBeGreaterThan(1);
  });
});
