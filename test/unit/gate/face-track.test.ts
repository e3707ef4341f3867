// Following one face across frames and fusing its embeddings: the gate must look at the child in front,
// not at the background, and must not mix two children's faces into one probe.
import { describe, expect, it } from 'vitest';
import { FaceTracker, fuseEmbeddings, isSameFace, pickLargestFace } from '../../../src/core/face-track';
import { defaultGateConfig } from '../../../src/config';
import { cosine, face, noisy, randomUnit } from './gate-fixtures';

const options = defaultGateConfig;

describe('pickLargestFace', () => {
  it('ignores faces narrower than the minimum (a child in the background)', () => {
    expect(pickLargestFace([face({ width: 79 })], 80)).toBeNull();
    expect(pickLargestFace([face({ width: 80 })], 80)).not.toBeNull();
  });
  it('chooses the largest face of several', () => {
    const small = face({ x: 10, width: 90 });
    const large = face({ x: 400, width: 200 });
    expect(pickLargestFace([small, large, face({ width: 120 })], 80)).toBe(large);
  });
});

describe('isSameFace', () => {
  const box = { x: 100, y: 100, width: 100, height: 100 };
  it('follows small movements and growth', () => {
    expect(isSameFace(box, { x: 120, y: 95, width: 110, height: 110 }, 0.5)).toBe(true);
  });
  it('refuses a jump across the frame or a sudden change of size', () => {
    expect(isSameFace(box, { x: 400, y: 100, width: 100, height: 100 }, 0.5)).toBe(false);
    expect(isSameFace(box, { x: 50, y: 50, width: 200, height: 200 }, 0.5)).toBe(false);
  });
});

describe('fuseEmbeddings', () => {
  it('returns a unit vector closer to the true face than single noisy sightings', () => {
    const truth = randomUnit(1);
    const sightings = [1, 2, 3, 4, 5].map((s) => noisy(truth, 1.5, 100 + s));
    const fused = fuseEmbeddings(sightings)!;
    expect(cosine(fused, fused)).toBeCloseTo(1, 5);
    const bestSingle = Math.max(...sightings.map((s) => cosine(s, truth)));
    expect(cosine(fused, truth)).toBeGreaterThan(bestSingle + 0.1);
  });
  it('gives nothing for no frames or for vectors that cancel out', () => {
    const v = randomUnit(2);
    expect(fuseEmbeddings([])).toBeNull();
    expect(fuseEmbeddings([v, v.map((x) => -x)])).toBeNull();
  });
});

describe('FaceTracker', () => {
  it('fuses only good frames: frames with quality issues or no embedding are left out', () => {
    const tracker = new FaceTracker(options);
    const good = randomUnit(3);
    const other = randomUnit(4);
    expect(tracker.update([face({ embedding: good })], 0)).toMatchObject({ kind: 'face', good: true, isNew: true });
    expect(tracker.update([face({ embedding: other, issues: ['blurry'] })], 100)).toMatchObject({ good: false, isNew: false });
    expect(tracker.update([face()], 200)).toMatchObject({ good: false });
    expect(cosine(tracker.fusedProbe()!, good)).toBeCloseTo(1, 5);
  });

  it('fuses at most the last fusionWindowFrames good frames', () => {
    const tracker = new FaceTracker({ ...options, fusionWindowFrames: 2 });
    const old = randomUnit(5);
    const recent = randomUnit(6);
    tracker.update([face({ embedding: old })], 0);
    tracker.update([face({ embedding: recent })], 100);
    tracker.update([face({ embedding: recent })], 200);
    expect(tracker.heldEmbeddings).toBe(2);
    expect(cosine(tracker.fusedProbe()!, recent)).toBeCloseTo(1, 5);
  });

  it('keeps its own copy: the pipeline reusing its buffer does not change the probe', () => {
    const tracker = new FaceTracker(options);
    const buffer = randomUnit(7);
    const copy = Float32Array.from(buffer);
    tracker.update([face({ embedding: buffer })], 0);
    buffer.fill(0);
    expect(cosine(tracker.fusedProbe()!, copy)).toBeCloseTo(1, 5);
  });

  it('starts a new track when a different face becomes the largest, dropping the old embeddings', () => {
    const tracker = new FaceTracker(options);
    const a = randomUnit(8);
    const b = randomUnit(9);
    const first = tracker.update([face({ x: 100, embedding: a })], 0);
    const second = tracker.update([face({ x: 100, width: 100, embedding: a }), face({ x: 600, width: 220, embedding: b })], 100);
    expect(first.kind === 'face' && second.kind === 'face' && second.trackId !== first.trackId).toBe(true);
    expect(second).toMatchObject({ isNew: true });
    expect(tracker.heldEmbeddings).toBe(1);
    expect(cosine(tracker.fusedProbe()!, b)).toBeCloseTo(1, 5);
  });

  it('holds the face through a short dropout but loses it after trackLostAfterMs', () => {
    const tracker = new FaceTracker(options);
    const a = randomUnit(10);
    tracker.update([face({ embedding: a })], 0);
    expect(tracker.update([], 300)).toEqual({ kind: 'none', holding: true });
    expect(tracker.update([face({ embedding: a })], 600)).toMatchObject({ isNew: false });
    expect(tracker.heldEmbeddings).toBe(2);
    expect(tracker.update([], 1400)).toEqual({ kind: 'none', holding: false });
    expect(tracker.heldEmbeddings).toBe(0);
    expect(tracker.update([face({ embedding: a })], 1500)).toMatchObject({ isNew: true });
  });

  it('zeroes the copies it held when told to forget', () => {
    const tracker = new FaceTracker(options);
    const captured: Float32Array[] = [];
    const original = Float32Array.prototype.fill;
    tracker.update([face({ embedding: randomUnit(11) })], 0);
    tracker.update([face({ embedding: randomUnit(12) })], 100);
    // Capture the arrays being zeroed: every held copy must be wiped, not just dropped.
    Float32Array.prototype.fill = function (this: Float32Array, ...args: Parameters<Float32Array['fill']>) {
      captured.push(this);
      return original.apply(this, args);
    };
    try {
      tracker.forgetEmbeddings();
    } finally {
      Float32Array.prototype.fill = original;
    }
    expect(captured).toHaveLength(2);
    expect(captured.every((v) => v.every((x) => x === 0))).toBe(true);
    expect(tracker.fusedProbe()).toBeNull();
  });
});
