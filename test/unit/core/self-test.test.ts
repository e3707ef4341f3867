// The recognition self-test's statistics (src/core/self-test.ts) on seeded synthetic galleries: random unit identities
// with per-sample noise. Well-separated children give no false positive and an upper bound that shrinks as the gallery
// grows; a planted near-duplicate pair is a twin candidate; a child with one noisy sample, or too few samples, is weak.
// The Clopper-Pearson intervals are checked against closed forms and against direct binomial sums.
import { describe, expect, it } from 'vitest';
import { Gallery } from '../../../src/core/match';
import { binomialCdf, clopperPearson, recognitionSelfTest, type SelfTestChild, type SelfTestInput } from '../../../src/core/self-test';
import type { ChildId, TemplateId } from '../../../src/core/types';
import { noisy, randomUnit } from '../gate/gate-fixtures';

const SITE = { matchThreshold: 0.42, matchMargin: 0.06, cohortWeight: 0.25, cohortSize: 3, minSamples: 5 };
const id = (n: number) => `child-${String(n).padStart(3, '0')}` as ChildId;

/** A child whose `count` samples are noisy views of identity `seed` (noise 0.8: cosine to the identity about 0.78). */
function child(n: number, seed = n, count = 5, noise = 0.8): SelfTestChild {
  const base = randomUnit(1000 + seed);
  return { childId: id(n), samples: Array.from({ length: count }, (_, i) => noisy(base, noise, seed * 100 + i + n * 7)) };
}
const run = (children: SelfTestChild[], extra: Partial<SelfTestInput> = {}) => recognitionSelfTest({ ...SITE, children, ...extra });

describe('recognitionSelfTest', () => {
  it('well-separated children: FPIR 0 with an upper bound that shrinks as the gallery grows, FNIR 0, nothing flagged', () => {
    const small = run(Array.from({ length: 6 }, (_, i) => child(i)));
    const large = run(Array.from({ length: 40 }, (_, i) => child(i)));
    for (const [r, n] of [
      [small, 6],
      [large, 40],
    ] as const) {
      expect(r.children).toBe(n);
      expect(r.samples).toBe(5 * n);
      expect(r.samplesPerChild).toEqual({ min: 5, max: 5 });
      // One non-mated search per sample (each child searched against all the others), one mated per held-out sample.
      expect(r.fpir).toMatchObject({ errors: 0, trials: 5 * n, rate: 0 });
      expect(r.fnir).toMatchObject({ errors: 0, trials: 5 * n, rate: 0 });
      expect(r.fpir.interval!.lower).toBe(0);
      expect(r.fpir.interval!.upper).toBeCloseTo(1 - Math.pow(0.025, 1 / (5 * n)), 12);
      expect(r.twinCandidates).toEqual([]);
      expect(r.weak).toEqual([]);
      expect(r.nearestOther).toHaveLength(n);
      for (const near of r.nearestOther) {
        expect(near.otherChildId).not.toBe(near.childId);
        expect(near.score).toBeLessThan(SITE.matchThreshold - SITE.matchMargin);
      }
      expect(r.interval).toEqual({ method: 'clopper-pearson', level: 0.95 });
      expect(r).toMatchObject({ matchThreshold: 0.42, matchMargin: 0.06, cohortWeight: 0.25, cohortSize: 3, minSamples: 5 });
    }
    expect(large.fpir.interval!.upper).toBeLessThan(small.fpir.interval!.upper / 5);
    // 30 samples: the bound is about 12%; 200: about 1.8%.
    expect(small.fpir.interval!.upper).toBeCloseTo(0.1157, 3);
    expect(large.fpir.interval!.upper).toBeCloseTo(0.01827, 4);
  });

  it('reports a planted near-duplicate pair as twin candidates, naming both, and counts their false positives', () => {
    const children = Array.from({ length: 12 }, (_, i) => child(i));
    // Child 12 is a second enrolment of child 3's identity (other noise): a twin, or the same child twice.
    children.push(child(12, 3));
    const r = run(children);
    expect(r.twinCandidates).toHaveLength(1);
    expect(r.twinCandidates[0]).toMatchObject({ a: id(3), b: id(12) });
    expect(r.twinCandidates[0]!.score).toBeGreaterThan(SITE.matchThreshold);
    expect(r.nearestOther.find((n) => n.childId === id(3))).toMatchObject({ otherChildId: id(12) });
    expect(r.nearestOther.find((n) => n.childId === id(12))).toMatchObject({ otherChildId: id(3) });
    // Each of the pair's 10 samples, searched as a stranger, finds the other child above the threshold.
    expect(r.fpir).toMatchObject({ errors: 10, trials: 65 });
    expect(r.fpir.interval!.lower).toBeGreaterThan(0.07);
    // Held out, each still finds its own child first (its own samples are part of its centroid), but the twin is
    // within the margin: the gate would ask for the bracelet.
    expect(r.matedWithinMargin).toBeGreaterThan(0);

    // A pair that is close, but clearly below threshold - margin, is not a candidate.
    const apart = run([child(1), child(2), child(3)], { matchThreshold: 0.9 });
    expect(apart.twinCandidates).toEqual([]);
  });

  it('reports a child with one noisy sample, and a child with too few samples, as weak enrolments with the reason', () => {
    const children = Array.from({ length: 8 }, (_, i) => child(i));
    const noisyOne = child(8);
    // The last sample is mostly noise (cosine to the identity about 0.2): a bad frame that slipped through.
    noisyOne.samples = [...noisyOne.samples.slice(0, 4), noisy(randomUnit(1008), 5, 77)];
    const few = child(9, 9, 3);
    const single = child(10, 10, 1);
    const r = run([...children, noisyOne, few, single]);
    expect(r.weak).toEqual([
      {
        childId: id(8),
        reasons: ['held-out-below-threshold'],
        samples: 5,
        misses: 1,
        heldOut: 5,
        worstHeldOutScore: expect.any(Number),
        outrankedBy: null,
      },
      {
        childId: id(9),
        reasons: ['few-samples'],
        samples: 3,
        misses: 0,
        heldOut: 3,
        worstHeldOutScore: expect.any(Number),
        outrankedBy: null,
      },
      { childId: id(10), reasons: ['few-samples'], samples: 1, misses: 0, heldOut: 0, worstHeldOutScore: null, outrankedBy: null },
    ]);
    expect(r.weak[0]!.worstHeldOutScore).toBeLessThan(SITE.matchThreshold);
    expect(r.weak[1]!.worstHeldOutScore).toBeGreaterThan(SITE.matchThreshold);
    // FNIR: 1 miss in 8 x 5 + 5 + 3 held-out searches (the single sample cannot be held out).
    expect(r.fnir).toMatchObject({ errors: 1, trials: 48 });
    expect(r.fnir.rate).toBeCloseTo(1 / 48, 12);
    expect(r.samplesPerChild).toEqual({ min: 1, max: 5 });
    expect(r.twinCandidates).toEqual([]);
  });

  it('a sample that would be outranked by another child is a miss with its own reason', () => {
    // Child 1's last sample looks more like child 2 than like child 1 (a mix of the two identities).
    const a = child(1);
    const [one, two] = [randomUnit(1001), randomUnit(1002)];
    a.samples = [...a.samples.slice(0, 4), one.map((x, i) => 0.55 * x + 0.83 * two[i]!)];
    const r = run([a, child(2), child(3), child(4)], { matchThreshold: 0.3 });
    const weak = r.weak.find((w) => w.childId === id(1))!;
    expect(weak).toMatchObject({ reasons: ['held-out-outranked'], misses: 1, outrankedBy: id(2) });
    expect(weak.worstHeldOutScore).toBeGreaterThan(0.3);
    expect(r.fnir.errors).toBe(1);
  });

  it('scores exactly as the gate: scoreAll ranks like search, bit for bit', () => {
    const g = new Gallery(512, { cohortWeight: 0.25, cohortSize: 3 });
    for (let c = 0; c < 9; c++)
      for (let i = 0; i < 3; i++) g.add(id(c), `t-${c}-${i}` as TemplateId, noisy(randomUnit(1000 + c), 0.8, c * 10 + i));
    for (let p = 0; p < 20; p++) {
      const probe = noisy(randomUnit(1000 + (p % 9)), 1.2, 500 + p);
      const all = g.scoreAll(probe).sort((x, y) => y.score - x.score);
      const found = g.search(probe);
      expect(all[0]).toMatchObject({ childId: found.best!.childId, score: found.best!.score, raw: found.rawBest });
      expect(all[1]).toMatchObject({ childId: found.second!.childId, score: found.second!.score });
    }
    // With fewer children than the cohort, the cohort is those there are; alone, the raw score.
    const two = new Gallery(512, { cohortWeight: 0.25, cohortSize: 3 });
    two.add(id(0), 'a' as TemplateId, randomUnit(1));
    expect(two.scoreAll(randomUnit(1))[0]!.score).toBeCloseTo(1, 6);
    two.add(id(1), 'b' as TemplateId, randomUnit(2));
    const s = two.scoreAll(randomUnit(1));
    expect(s[0]!.score).toBeCloseTo(s[0]!.raw - 0.25 * s[1]!.raw, 12);
  });

  it('wipe zeroes every copy the gallery holds; the self-test leaves its input as it was', () => {
    const g = new Gallery(512, { cohortWeight: 0.25, cohortSize: 3, prefilter: false });
    const v = randomUnit(3);
    g.add(id(0), 'a' as TemplateId, v);
    g.wipe();
    expect(g.childCount).toBe(0);
    expect(g.templateCount).toBe(0);
    expect(g.search(v).best).toBeNull();

    const children = [child(1), child(2)];
    const before = children.map((c) => c.samples.map((s) => Float32Array.from(s)));
    run(children);
    expect(children.map((c) => c.samples)).toEqual(before);
  });

  it('leaves out unusable samples and says how many; an empty or one-child gallery gives no rates', () => {
    const bad = child(1);
    bad.samples = [...bad.samples, new Float32Array(512), Float32Array.from(bad.samples[0]!, (x, i) => (i === 0 ? Number.NaN : x))];
    const r = run([bad, child(2)]);
    expect(r.skippedSamples).toBe(2);
    expect(r.samples).toBe(10);

    const empty = run([]);
    expect(empty).toMatchObject({ children: 0, samples: 0, samplesPerChild: null, twinCandidates: [], weak: [], nearestOther: [] });
    expect(empty.fpir).toEqual({ errors: 0, trials: 0, rate: null, interval: null });
    expect(empty.fnir).toEqual({ errors: 0, trials: 0, rate: null, interval: null });

    const one = run([child(1)]);
    expect(one.fpir.trials).toBe(0);
    expect(one.fnir).toMatchObject({ errors: 0, trials: 5 });
    expect(one.nearestOther).toEqual([]);
  });
});

/** P(X <= k), X ~ Binomial(n, p), summed term by term (independent of the incomplete beta function). */
function directCdf(k: number, n: number, p: number): number {
  let term = Math.pow(1 - p, n); // P(X = 0)
  let sum = term;
  for (let j = 1; j <= k; j++) {
    term *= ((n - j + 1) / j) * (p / (1 - p));
    sum += term;
  }
  return sum;
}

describe('clopperPearson', () => {
  it('0 of n: [0, 1 - 0.025^(1/n)] (by hand: 0/10 -> 0.30850, 0/50 -> 0.07112, 0/1500 -> 0.0024562)', () => {
    expect(clopperPearson(0, 10)).toEqual({ lower: 0, upper: 1 - Math.pow(0.025, 0.1) });
    expect(clopperPearson(0, 10).upper).toBeCloseTo(0.3084971078, 9);
    expect(clopperPearson(0, 50).upper).toBeCloseTo(0.0711217365, 9);
    expect(clopperPearson(0, 1500).upper).toBeCloseTo(0.0024562315, 9);
    // n of n mirrors it.
    expect(clopperPearson(10, 10)).toEqual({ lower: Math.pow(0.025, 0.1), upper: 1 });
  });

  it('k of n: the bounds where the binomial tails hold 2.5% each (1/10, 5/10, 2/7, 3/1200)', () => {
    // Reference values: the beta-quantile form of the same interval, worked out separately.
    const table: [number, number, number, number][] = [
      [1, 10, 0.0025285785, 0.445016117],
      [5, 10, 0.1870860284, 0.8129139716],
      [2, 7, 0.0366925662, 0.7095791363],
      [3, 1200, 0.0005158571, 0.0072885226],
    ];
    for (const [k, n, lower, upper] of table) {
      const ci = clopperPearson(k, n);
      expect(ci.lower).toBeCloseTo(lower, 9);
      expect(ci.upper).toBeCloseTo(upper, 9);
      // The definition, by direct sums: P(X >= k | lower) = 2.5% and P(X <= k | upper) = 2.5%.
      expect(1 - directCdf(k - 1, n, ci.lower)).toBeCloseTo(0.025, 9);
      expect(directCdf(k, n, ci.upper)).toBeCloseTo(0.025, 9);
    }
    // 1 of n has a closed-form lower bound: 1 - 0.975^(1/n).
    expect(clopperPearson(1, 10).lower).toBeCloseTo(1 - Math.pow(0.975, 0.1), 12);
    // 5 of 10 is symmetric about 0.5.
    const half = clopperPearson(5, 10);
    expect(half.lower + half.upper).toBeCloseTo(1, 12);
  });

  it('binomialCdf agrees with the direct sum, and bad counts are refused', () => {
    for (const [k, n, p] of [
      [0, 10, 0.1],
      [3, 20, 0.25],
      [7, 9, 0.6],
      [40, 300, 0.12],
    ] as const)
      expect(binomialCdf(k, n, p)).toBeCloseTo(directCdf(k, n, p), 12);
    expect(() => clopperPearson(0, 0)).toThrow(RangeError);
    expect(() => clopperPearson(3, 2)).toThrow(RangeError);
    expect(() => clopperPearson(1.5, 4)).toThrow(RangeError);
  });
});
