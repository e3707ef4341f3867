// The passive model sees the frame around the face the way it was trained: the box enlarged 2.7x about its centre,
// kept inside the frame, raw 0..255 values in the chosen channel order; p(live) is the softmax of class 0.
import { describe, expect, it } from 'vitest';
import { livenessCrop, livenessCropFill, livenessProbability, toLivenessInput } from '../../../src/core/pad/liveness-input';

describe('liveness crop', () => {
  it('enlarges the box 2.7x about its centre when the frame has room', () => {
    const crop = livenessCrop({ x: 280, y: 200, width: 80, height: 100 }, 640, 480, 2.7);
    expect(crop.width).toBeCloseTo(216);
    expect(crop.height).toBeCloseTo(270);
    expect(crop.x + crop.width / 2).toBeCloseTo(320);
    expect(crop.y + crop.height / 2).toBeCloseTo(250);
    expect(livenessCropFill({ x: 280, y: 200, width: 80, height: 100 }, crop)).toBeCloseTo(2.7);
  });

  it('shifts the region inside the frame instead of padding it with black (a black band would look like a bezel)', () => {
    const crop = livenessCrop({ x: 10, y: 20, width: 80, height: 100 }, 640, 480, 2.7);
    expect(crop.x).toBe(0);
    expect(crop.y).toBe(0);
    expect(crop.width).toBeCloseTo(216);
  });

  it('shrinks the enlargement for a face that nearly fills the frame, and says so', () => {
    const box = { x: 170, y: 40, width: 300, height: 400 };
    const crop = livenessCrop(box, 640, 480, 2.7);
    expect(crop.height).toBeLessThanOrEqual(479);
    expect(crop.y).toBeGreaterThanOrEqual(0);
    expect(crop.x + crop.width).toBeLessThanOrEqual(639);
    expect(livenessCropFill(box, crop)).toBeCloseTo(479 / 400);
  });
});

describe('liveness tensor and score', () => {
  // 2x1 image: left pixel pure red, right pixel pure blue.
  const img = { width: 2, height: 1, data: new Uint8ClampedArray([255, 0, 0, 255, 0, 0, 255, 255]) };
  it('BGR puts blue in the first plane, raw 0..255', () => {
    expect(Array.from(toLivenessInput(img, 'bgr'))).toEqual([0, 255, 0, 0, 255, 0]);
  });
  it('RGB keeps red first', () => {
    expect(Array.from(toLivenessInput(img, 'rgb'))).toEqual([255, 0, 0, 0, 0, 255]);
  });
  it('p(live) is the softmax of class 0, stable for large logits', () => {
    expect(livenessProbability([0, 0, 0])).toBeCloseTo(1 / 3);
    expect(livenessProbability([1000, 0, 0])).toBeCloseTo(1);
    expect(livenessProbability([0, 1000, -5])).toBeCloseTo(0);
    expect(() => livenessProbability([1])).toThrow(RangeError);
  });
});
