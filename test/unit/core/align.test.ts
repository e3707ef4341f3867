// Alignment must recover known similarity transforms exactly and refuse degenerate point sets.
import { describe, expect, it } from 'vitest';
import { alignToArcFace, applyAffine, ARCFACE_TEMPLATE, estimateSimilarity, invertAffine, scaledTemplate } from '../../../src/core/align';
import type { FivePoints, Point } from '../../../src/core/types';

function transformPoints(points: readonly Point[], scale: number, angleDeg: number, tx: number, ty: number): Point[] {
  const r = (angleDeg * Math.PI) / 180;
  return points.map((p) => ({
    x: scale * (Math.cos(r) * p.x - Math.sin(r) * p.y) + tx,
    y: scale * (Math.sin(r) * p.x + Math.cos(r) * p.y) + ty,
  }));
}

describe('estimateSimilarity', () => {
  it.each([
    [1, 0, 0, 0],
    [2.5, 0, 100, 40],
    [0.4, 30, -20, 300],
    [3, -170, 640, 480],
  ])('recovers scale %f, rotation %f deg, translation (%f, %f)', (scale, angle, tx, ty) => {
    // Frame points are the template moved by a known transform; aligning must undo it exactly.
    const framePoints = transformPoints(ARCFACE_TEMPLATE, scale, angle, tx, ty) as FivePoints;
    const result = alignToArcFace(framePoints);
    expect(result.kind).toBe('ok');
    if (result.kind !== 'ok') return;
    expect(result.rmsError).toBeLessThan(1e-6);
    framePoints.forEach((p, i) => {
      const q = applyAffine(result.transform, p);
      expect(q.x).toBeCloseTo(ARCFACE_TEMPLATE[i]!.x, 6);
      expect(q.y).toBeCloseTo(ARCFACE_TEMPLATE[i]!.y, 6);
    });
    expect(Math.hypot(result.transform.a, result.transform.b)).toBeCloseTo(1 / scale, 6);
  });

  it('is a least-squares fit: noisy points give a small residual and a near-true transform', () => {
    const noisy = transformPoints(ARCFACE_TEMPLATE, 2, 10, 50, 60).map((p, i) => ({
      x: p.x + (i % 2 ? 0.8 : -0.8),
      y: p.y + (i % 3 ? 0.5 : -0.5),
    }));
    const result = estimateSimilarity(noisy, ARCFACE_TEMPLATE);
    expect(result.kind).toBe('ok');
    if (result.kind !== 'ok') return;
    expect(result.rmsError).toBeGreaterThan(0);
    expect(result.rmsError).toBeLessThan(1);
    expect(Math.hypot(result.transform.a, result.transform.b)).toBeCloseTo(0.5, 2);
  });

  it('refuses coincident points, NaN and a wrong count', () => {
    const same = Array.from({ length: 5 }, () => ({ x: 10, y: 10 })) as FivePoints;
    expect(alignToArcFace(same)).toEqual({ kind: 'refused', reason: 'degenerate' });
    const nan = [...ARCFACE_TEMPLATE.slice(0, 4), { x: Number.NaN, y: 1 }] as FivePoints;
    expect(alignToArcFace(nan)).toEqual({ kind: 'refused', reason: 'non-finite' });
    expect(estimateSimilarity(ARCFACE_TEMPLATE.slice(0, 3), ARCFACE_TEMPLATE)).toEqual({ kind: 'refused', reason: 'wrong-count' });
  });

  it('refuses an absurd scale (points spread over a whole poster wall)', () => {
    const huge = transformPoints(ARCFACE_TEMPLATE, 5000, 0, 0, 0) as FivePoints;
    expect(alignToArcFace(huge)).toEqual({ kind: 'refused', reason: 'absurd-scale' });
  });
});

describe('template and inverse', () => {
  it('scaledTemplate keeps the centre and scales distances', () => {
    const t = scaledTemplate(0.5);
    expect(t[0]!.x).toBeCloseTo(56 + (ARCFACE_TEMPLATE[0]!.x - 56) * 0.5, 9);
    expect(scaledTemplate(1)).toEqual(ARCFACE_TEMPLATE.map((p) => ({ ...p })));
  });

  it('invertAffine undoes a transform and refuses a singular one', () => {
    const r = estimateSimilarity(transformPoints(ARCFACE_TEMPLATE, 1.7, 25, 3, 9), ARCFACE_TEMPLATE);
    if (r.kind !== 'ok') throw new Error('fit failed');
    const inv = invertAffine(r.transform)!;
    const p = { x: 12.5, y: -3 };
    const back = applyAffine(inv, applyAffine(r.transform, p));
    expect(back.x).toBeCloseTo(p.x, 9);
    expect(back.y).toBeCloseTo(p.y, 9);
    expect(invertAffine({ a: 0, b: 0, c: 0, d: 0, e: 1, f: 1 })).toBeNull();
  });
});
