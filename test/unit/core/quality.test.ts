// Quality measures: pose from the 5 points, blur and brightness from the aligned face, and the
// issues a parent would see ("come closer", "look at the tablet").
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../src/config';
import { ARCFACE_TEMPLATE } from '../../../src/core/align';
import { interOcularPx, laplacianVariance, qualityIssues, rollDeg, yawDeg } from '../../../src/core/quality';
import type { FaceQuality, FivePoints } from '../../../src/core/types';

const frontal = ARCFACE_TEMPLATE.map((p) => ({ ...p })) as FivePoints;

const good: FaceQuality = {
  interOcularPx: 60,
  faceWidthPx: 150,
  yawDeg: 0,
  rollDeg: 0,
  sharpness: 200,
  brightness: 120,
  detectorScore: 0.99,
  embeddingNorm: 20,
};

describe('pose from points', () => {
  it('a frontal face has ~0 yaw and roll', () => {
    expect(Math.abs(yawDeg(frontal))).toBeLessThan(3);
    expect(Math.abs(rollDeg(frontal))).toBeLessThan(1);
    expect(interOcularPx(frontal)).toBeCloseTo(35.24, 1);
  });

  it('a nose near one eye reads as a turned head, with sign', () => {
    const right = frontal.map((p) => ({ ...p })) as FivePoints;
    right[2] = { x: 70, y: 71 };
    const left = frontal.map((p) => ({ ...p })) as FivePoints;
    left[2] = { x: 42, y: 71 };
    expect(yawDeg(right)).toBeGreaterThan(35);
    expect(yawDeg(left)).toBeLessThan(-35);
  });

  it('a tilted eye line gives the roll angle', () => {
    const tilted = frontal.map((p) => ({ ...p })) as FivePoints;
    tilted[1] = { x: tilted[0].x + 30, y: tilted[0].y + 30 };
    expect(rollDeg(tilted)).toBeCloseTo(45, 5);
  });
});

describe('sharpness', () => {
  it('a checkerboard is sharp, a flat image is not', () => {
    const w = 32,
      h = 32;
    const flat = new Float32Array(w * h).fill(128);
    const board = new Float32Array(w * h).map((_, i) => (((i % w) + Math.floor(i / w)) % 2 ? 255 : 0));
    expect(laplacianVariance(flat, w, h)).toBe(0);
    expect(laplacianVariance(board, w, h)).toBeGreaterThan(1000);
  });
});

describe('qualityIssues', () => {
  it('a good face has no issues', () => {
    expect(qualityIssues(good, defaultConfig)).toEqual([]);
  });
  it.each([
    [{ interOcularPx: 10 }, 'too-small'],
    [{ yawDeg: -70 }, 'turned'],
    [{ rollDeg: 40 }, 'tilted'],
    [{ brightness: 15 }, 'too-dark'],
    [{ brightness: 250 }, 'too-bright'],
    [{ sharpness: 1 }, 'blurry'],
  ] as const)('%o gives %s', (change, issue) => {
    expect(qualityIssues({ ...good, ...change }, defaultConfig)).toEqual([issue]);
  });
});
