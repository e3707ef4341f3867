// Guided capture: five good samples over small pose changes, poor frames rejected with the reason, a time limit.
import { describe, expect, it } from 'vitest';
import type { AnalysedFace } from '../../../src/core/types';
import { GuidedCapture } from '../../../src/enrollment/guided-capture';
import { face, noisy, randomUnit } from '../gate/gate-fixtures';

const withYaw = (yawDeg: number, seed: number, extra: Partial<AnalysedFace> = {}): AnalysedFace => {
  const f = face({ embedding: noisy(randomUnit(1), 0.8, seed) });
  return { ...f, quality: { ...f.quality, yawDeg }, ...extra };
};

describe('GuidedCapture', () => {
  it('collects 5 samples from a cooperative child in a few seconds: straight, left, right, straight, left', () => {
    const c = new GuidedCapture(0);
    const yaws = { straight: 0, left: -10, right: 10 };
    let t = 0;
    while (!c.state.done && t < 15_000) {
      t += 100;
      c.onFaces([withYaw(yaws[c.state.step], t)], t);
    }
    expect(c.state).toMatchObject({ count: 5, done: true, timedOut: false });
    expect(t).toBeLessThan(3_000);
    expect(c.samples()).toHaveLength(5);
  });

  it('rejects poor frames with the reason and keeps nothing from them', () => {
    const c = new GuidedCapture(0);
    expect(c.onFaces([], 100).feedback).toBe('no-face');
    expect(c.onFaces([withYaw(0, 1, { issues: ['blurry'] })], 200).feedback).toBe('blurry');
    expect(c.onFaces([withYaw(0, 2), face({ x: 10, width: 150, embedding: randomUnit(9) })], 300).feedback).toBe('many-faces');
    expect(c.onFaces([withYaw(0, 3)], 400)).toMatchObject({ feedback: 'accepted', count: 1, step: 'left' });
    // Too soon after the last sample, then not turned yet: asked to turn.
    expect(c.onFaces([withYaw(-10, 4)], 500).feedback).toBe('wait');
    expect(c.onFaces([withYaw(0, 5)], 900).feedback).toBe('turn-more');
    expect(c.onFaces([withYaw(-10, 6)], 1000)).toMatchObject({ feedback: 'accepted', count: 2, step: 'right' });
  });

  it('a child who does not turn still finishes (straight samples after a short wait); the time limit stops a capture', () => {
    const c = new GuidedCapture(0);
    let t = 0;
    while (!c.state.done && t < 15_000) c.onFaces([withYaw(0, (t += 100))], t);
    expect(c.state.done).toBe(true);
    expect(t).toBeLessThan(12_000);
    const slow = new GuidedCapture(0);
    slow.onFaces([], 14_000);
    expect(slow.onFaces([withYaw(0, 1)], 15_001)).toMatchObject({ timedOut: true, count: 0 });
  });

  it('wipe overwrites the kept embeddings', () => {
    const c = new GuidedCapture(0);
    c.onFaces([withYaw(0, 1)], 100);
    const kept = c.samples()[0]!.embedding!;
    c.wipe();
    expect(kept.every((v) => v === 0)).toBe(true);
    expect(c.samples()).toHaveLength(0);
  });
});
