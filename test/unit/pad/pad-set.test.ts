// bench:pad's synthetic set: the same photos, seed and version always give the same presentations and the same
// pixels; species and renderer settings are balanced so that thresholds can be chosen on one part and checked on the
// other; and the scores it reports (AUC, exact binomial bound) are right on hand-checked cases.
import { describe, expect, it } from 'vitest';
import { applyHomography } from '../../../src/core/pad/homography';
import { ATTACK_SPECIES, planPresentations, type SourcePhoto } from '../../../bench/lib/pad/pad-plan';
import { renderPresentation } from '../../../bench/lib/pad/pad-render';
import { auc, splitForThresholds, upper95 } from '../../../bench/lib/pad/pad-metrics';
import type { PresentationEvidence } from '../../../bench/lib/pad/pad-run';

const sources: SourcePhoto[] = ['a', 'b', 'c', 'd'].flatMap((identity) =>
  [1, 2, 3].map((n) => ({ identity, photo: `/faces/${identity}/${n}.jpg`, faceBox: { x: 60, y: 50, width: 100, height: 120 } })),
);
const options = { seed: 7, frames: 3, attacksPerIdentity: 5, genuinePerIdentity: 1 };

describe('bench:pad set', () => {
  it('is the same set for the same seed, and another for another seed', () => {
    expect(planPresentations(sources, options)).toEqual(planPresentations(sources, options));
    expect(planPresentations(sources, { ...options, seed: 8 })).not.toEqual(planPresentations(sources, options));
  });

  it('gives every species both renderer settings and keeps an identity unchanged when others are added', () => {
    const set = planPresentations(sources, { ...options, attacksPerIdentity: 10 });
    for (const species of ATTACK_SPECIES) {
      const settings = new Set(set.filter((p) => p.label === species).map((p) => p.settings));
      expect([...settings].sort(), species).toEqual(['A', 'B']);
    }
    const alone = planPresentations(
      sources.filter((s) => s.identity === 'a'),
      options,
    );
    expect(
      planPresentations(sources, options)
        .filter((p) => p.identity === 'a')
        .map((p) => p.plan),
    ).toEqual(alone.map((p) => p.plan));
  });

  it('puts the face near the frame guide in every frame, attacks and genuine alike', () => {
    for (const p of planPresentations(sources, options)) {
      const maps = p.plan.kind === 'genuine' ? p.plan.contentToFrame : p.plan.mediumToFrame;
      const face = p.plan.kind === 'genuine' ? { x: 110, y: 110 } : { x: p.plan.shape.faceU, y: p.plan.shape.faceV };
      for (const m of maps) {
        const at = applyHomography(m, face);
        expect(Math.abs(at.x - 320), p.id).toBeLessThan(90);
        expect(Math.abs(at.y - 230), p.id).toBeLessThan(80);
      }
    }
  });

  it('renders the same pixels twice from the same plan', () => {
    const photo = { width: 8, height: 8, data: new Uint8ClampedArray(8 * 8 * 4).map((_, i) => (i * 37) % 256) };
    const p = planPresentations(sources, { ...options, frames: 1, attacksPerIdentity: 1 }).find((x) => x.label !== 'genuine')!;
    const a = renderPresentation(photo, p.plan, p.camera).frames[0]!;
    const b = renderPresentation(photo, p.plan, p.camera).frames[0]!;
    expect(a.length).toBe(640 * 480 * 4);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });
});

describe('bench:pad scores', () => {
  it('computes the AUC by ranks, ties shared', () => {
    expect(auc([3, 4], [1, 2])).toBe(1);
    expect(auc([1, 2], [3, 4])).toBe(0);
    expect(auc([1, 2], [1, 2])).toBe(0.5);
  });

  it('chooses thresholds on one half of the identities and reports on the other, the held-out species unseen', () => {
    const evidence: PresentationEvidence[] = planPresentations(
      ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].flatMap((identity) => sources.slice(0, 3).map((s) => ({ ...s, identity }))),
      { ...options, attacksPerIdentity: 10 },
    ).map((p) => ({ id: p.id, identity: p.identity, label: p.label, settings: p.settings, frames: [] }));
    const { train, test } = splitForThresholds(evidence, 'phone-hand');
    const trainIds = new Set(train.map((e) => e.identity));
    expect(trainIds.size).toBeGreaterThan(0);
    expect(test.some((e) => e.label === 'genuine')).toBe(true);
    expect(test.filter((e) => trainIds.has(e.identity))).toEqual([]);
    expect(train.filter((e) => e.label === 'phone-hand')).toEqual([]);
    expect(test.some((e) => e.label === 'phone-hand')).toBe(true);
    expect(train.filter((e) => e.label !== 'genuine' && e.settings !== 'A')).toEqual([]);
    expect(test.filter((e) => e.label !== 'genuine' && e.settings !== 'B')).toEqual([]);
  });

  it('gives the exact binomial upper 95% bound (about 3.7/n for no error)', () => {
    expect(upper95(0, 100)).toBeCloseTo(0.0362, 3);
    expect(upper95(5, 100)).toBeCloseTo(0.1128, 3);
    expect(upper95(3, 3)).toBe(1);
  });
});
