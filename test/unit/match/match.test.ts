// The matcher as a user of the gate would notice it: the right child wins by the specified cohort
// score, revoked children are never recognised, bad embeddings are refused, twins are not guessed.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultConfig } from '../../../src/config';
import { judgeSearch } from '../../../src/core/decide';
import { Gallery, GalleryError, type MatchResult } from '../../../src/core/match';
import { DotMatrix, type DotKernel } from '../../../src/core/simd-dot';
import type { ChildId } from '../../../src/core/types';
import { axes, child, dot64, gaussian, noisy, normalise, randomUnit, seeded, template } from './vectors';

const cohort = { cohortWeight: defaultConfig.cohortWeight, cohortSize: defaultConfig.cohortSize };
/** The gate's rule over a search (src/core/decide.ts), at the kiosk's operating point, no twin flags. */
const rules = { matchThreshold: defaultConfig.matchThreshold, matchMargin: defaultConfig.matchMargin, twinFlagged: new Set<ChildId>() };
const DIM = 8;

/** A gallery with one template per child, child i on axis i (centroids are the unit axes). */
function axisGallery(names: string[], options = { cohortWeight: 0.25, cohortSize: 3 }): Gallery {
  const g = new Gallery(DIM, options);
  names.forEach((name, i) => {
    const v = new Float32Array(DIM);
    v[i] = 1;
    g.add(child(name), template(`${name}#0`), v);
  });
  return g;
}

function expectGalleryError(fn: () => unknown, code: GalleryError['code']): void {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(GalleryError);
  expect((caught as GalleryError).code).toBe(code);
}

/** The scoring rule written out literally: all raw cosines, a full sort per child, no shortcuts. */
function reference(templates: Map<string, Float32Array[]>, probe: Float32Array, w: number, size: number) {
  const p = normalise(probe);
  const raw = [...templates].map(([id, ts]) => {
    const sum = new Float64Array(p.length);
    for (const t of ts) {
      const u = normalise(t);
      for (let i = 0; i < p.length; i++) sum[i]! += u[i]!;
    }
    const n = Math.sqrt(dot64(sum, sum));
    return { id, raw: dot64(p, sum) / n };
  });
  const scored = raw.map(({ id, raw: r }) => {
    const others = raw
      .filter((o) => o.id !== id)
      .map((o) => o.raw)
      .sort((a, b) => b - a)
      .slice(0, size);
    const mean = others.length ? others.reduce((a, b) => a + b, 0) / others.length : 0;
    return { id, raw: r, score: r - w * mean };
  });
  return scored.sort((a, b) => b.score - a.score);
}

describe('cohort score (hand-computed)', () => {
  // Probe with raw cosines 0.8, 0.4, 0.3, 0.2, 0.1 against children A..E (the rest of its length on
  // an axis nobody owns, so its norm is 1).
  const probe = axes(DIM, [0.8, 0.4, 0.3, 0.2, 0.1, Math.sqrt(0.06)]);

  it('subtracts 0.25 x the mean of the top 3 other children', () => {
    const r = axisGallery(['A', 'B', 'C', 'D', 'E']).search(probe);
    expect(r.best?.childId).toBe('A');
    expect(r.best?.score).toBeCloseTo(0.8 - (0.25 * (0.4 + 0.3 + 0.2)) / 3, 6); // 0.725
    expect(r.rawBest).toBeCloseTo(0.8, 6);
    // The second child's cohort excludes itself and includes the best: 0.8, 0.3, 0.2.
    expect(r.second?.childId).toBe('B');
    expect(r.second?.score).toBeCloseTo(0.4 - (0.25 * (0.8 + 0.3 + 0.2)) / 3, 6); // 0.291667
  });

  it('uses the other children there are when fewer than cohortSize', () => {
    const two = axisGallery(['A', 'B']).search(probe);
    expect(two.best?.score).toBeCloseTo(0.8 - 0.25 * 0.4, 6);
    expect(two.second?.score).toBeCloseTo(0.4 - 0.25 * 0.8, 6);
    const three = axisGallery(['A', 'B', 'C']).search(probe);
    expect(three.best?.score).toBeCloseTo(0.8 - (0.25 * (0.4 + 0.3)) / 2, 6);
    expect(three.second?.score).toBeCloseTo(0.4 - (0.25 * (0.8 + 0.3)) / 2, 6);
  });

  it('subtracts nothing for a single child, who has no second', () => {
    const r = axisGallery(['A']).search(probe);
    expect(r.best).toEqual({ childId: 'A', score: expect.closeTo(0.8, 6) });
    expect(r.second).toBeNull();
    expect(r.rawBest).toBeCloseTo(0.8, 6);
  });

  it('follows the configured weight and cohort size', () => {
    const r = axisGallery(['A', 'B', 'C', 'D', 'E'], { cohortWeight: 0.5, cohortSize: 2 }).search(probe);
    expect(r.best?.score).toBeCloseTo(0.8 - (0.5 * (0.4 + 0.3)) / 2, 6);
    expect(r.second?.score).toBeCloseTo(0.4 - (0.5 * (0.8 + 0.3)) / 2, 6);
    const none = axisGallery(['A', 'B', 'C'], { cohortWeight: 0, cohortSize: 3 }).search(probe);
    expect(none.best?.score).toBeCloseTo(0.8, 6);
    expect(none.second?.score).toBeCloseTo(0.4, 6);
  });

  it('returns an empty result for an empty gallery', () => {
    expect(new Gallery(DIM).search(probe)).toEqual({ best: null, second: null, rawBest: -Infinity });
  });

  it('scores the probe direction: a probe that is not unit length gives the same cosines', () => {
    const g = axisGallery(['A', 'B', 'C', 'D', 'E']);
    const scaled = probe.map((x) => x * 7);
    expect(g.search(scaled).best?.score).toBeCloseTo(g.search(probe).best?.score ?? NaN, 6);
  });
});

describe.each<DotKernel>(['wasm-simd', 'js'])('search equals the literal rule on random galleries (%s)', (kernel) => {
  it.each([
    [1, 0.25, 3],
    [2, 0.25, 3],
    [4, 0.25, 3],
    [5, 0.25, 3],
    [37, 0.25, 3],
    [300, 0.25, 3],
    [50, 1, 1],
    [50, 0.5, 10],
    [8, 0.25, 20],
    [50, 0, 3],
  ])('%i children, weight %f, cohort %i', (n, w, size) => {
    const normal = gaussian(seeded(n * 31 + size));
    const dim = 64;
    const g = new Gallery(dim, { cohortWeight: w, cohortSize: size, kernel });
    expect(g.kernel).toBe(kernel);
    const templates = new Map<string, Float32Array[]>();
    for (let c = 0; c < n; c++) {
      const identity = randomUnit(dim, normal);
      const ts = Array.from({ length: 1 + (c % 3) }, () => noisy(identity, 0.8, normal));
      ts.forEach((t, k) => g.add(child(`c${c}`), template(`c${c}#${k}`), t));
      templates.set(`c${c}`, ts);
    }
    for (let trial = 0; trial < 20; trial++) {
      // Half the probes near an enrolled child (close scores at the top), half random.
      const near = templates.get(`c${trial % n}`)![0]!;
      const probe = trial % 2 ? noisy(near, 1, normal) : randomUnit(dim, normal);
      const want = reference(templates, probe, w, size);
      const got = g.search(probe);
      expect(got.best?.score).toBeCloseTo(want[0]!.score, 5);
      expect(got.rawBest).toBeCloseTo(want[0]!.raw, 5);
      if (Math.abs(want[0]!.score - (want[1]?.score ?? -Infinity)) > 1e-5) expect(got.best?.childId).toBe(want[0]!.id);
      if (n === 1) expect(got.second).toBeNull();
      else expect(got.second?.score).toBeCloseTo(want[1]!.score, 5);
    }
  });
});

describe('wasm SIMD and scalar JS galleries', () => {
  it('give the same scores to 1e-5 at 512 dims', () => {
    const normal = gaussian(seeded(5));
    const wasm = new Gallery(512, { ...cohort, kernel: 'wasm-simd' });
    const js = new Gallery(512, { ...cohort, kernel: 'js' });
    for (let c = 0; c < 403; c++) {
      const v = randomUnit(512, normal);
      wasm.add(child(`c${c}`), template(`t${c}`), v);
      js.add(child(`c${c}`), template(`t${c}`), v);
    }
    for (let trial = 0; trial < 10; trial++) {
      const probe = randomUnit(512, normal);
      const a = wasm.search(probe);
      const b = js.search(probe);
      expect(Math.abs(a.best!.score - b.best!.score)).toBeLessThan(1e-5);
      expect(Math.abs(a.second!.score - b.second!.score)).toBeLessThan(1e-5);
      expect(Math.abs(a.rawBest - b.rawBest)).toBeLessThan(1e-5);
    }
  });
});

/** The literal rule in float64 for large galleries: centroids once, one sort of the raw scores per probe. */
function referenceLarge(templates: Map<string, Float32Array[]>) {
  const centroids = [...templates].map(([id, ts]) => {
    const sum = new Float64Array(ts[0]!.length);
    for (const t of ts) {
      const u = normalise(t);
      for (let i = 0; i < sum.length; i++) sum[i]! += u[i]!;
    }
    const n = Math.sqrt(dot64(sum, sum));
    return { id, c: sum.map((x) => x / n) };
  });
  return (probe: Float32Array, w: number, size: number) => {
    const p = normalise(probe);
    const raw = centroids.map(({ id, c }) => ({ id, raw: dot64(p, c) })).sort((a, b) => b.raw - a.raw);
    const scored = raw.map(({ id, raw: r }) => {
      const others = raw
        .slice(0, size + 1)
        .filter((o) => o.id !== id)
        .slice(0, size)
        .map((o) => o.raw);
      const mean = others.length ? others.reduce((a, b) => a + b, 0) / others.length : 0;
      return { id, raw: r, score: r - w * mean };
    });
    return scored.sort((a, b) => b.score - a.score);
  };
}

describe.each<DotKernel>(['wasm-simd', 'js'])("the int8 pre-filter returns the f32 path's results bit for bit (%s)", (kernel) => {
  afterEach(() => vi.restoreAllMocks());

  /** Two galleries fed the same templates: one pre-filtered (the default), one scoring every row in f32. */
  function pair(dim = 512) {
    const fast = new Gallery(dim, { ...cohort, kernel });
    const exact = new Gallery(dim, { ...cohort, kernel, prefilter: false });
    const templates = new Map<string, Float32Array[]>();
    return {
      fast,
      exact,
      templates,
      add(id: string, t: Float32Array) {
        const ts = templates.get(id) ?? [];
        ts.push(t);
        templates.set(id, ts);
        fast.add(child(id), template(`${id}#${ts.length - 1}`), t);
        exact.add(child(id), template(`${id}#${ts.length - 1}`), t);
      },
    };
  }

  /** Searches both; counts which path the pre-filtered gallery took (re-scored candidates or all rows). */
  function searchBoth(g: ReturnType<typeof pair>, probe: Float32Array) {
    const rows = vi.spyOn(DotMatrix.prototype, 'dotRows');
    const all = vi.spyOn(DotMatrix.prototype, 'dotAll');
    const fast = g.fast.search(probe);
    const path = { rescored: rows.mock.calls.length, full: all.mock.calls.length };
    rows.mockRestore();
    all.mockRestore();
    const exact = g.exact.search(probe);
    expect(fast).toEqual(exact);
    return { fast, path };
  }

  it.each([[64], [300], [2000], [10_000]])(
    'random gallery of %i children, 1-3 templates each',
    (n) => {
      const normal = gaussian(seeded(n + 7));
      const g = pair();
      for (let c = 0; c < n; c++) {
        const identity = randomUnit(512, normal);
        for (let k = 0; k <= c % 3; k++) g.add(`c${c}`, noisy(identity, 0.8, normal));
      }
      const want = referenceLarge(g.templates);
      let rescored = 0;
      for (let trial = 0; trial < 12; trial++) {
        const probe = trial % 2 ? noisy(g.templates.get(`c${(trial * 131) % n}`)![0]!, 0.8, normal) : randomUnit(512, normal);
        const { fast, path } = searchBoth(g, probe);
        if (path.rescored > 0 && path.full === 0) rescored++;
        const ref = want(probe, cohort.cohortWeight, cohort.cohortSize);
        expect(Math.abs(fast.best!.score - ref[0]!.score)).toBeLessThan(1e-6);
        expect(Math.abs(fast.second!.score - ref[1]!.score)).toBeLessThan(1e-6);
        expect(Math.abs(fast.rawBest - ref[0]!.raw)).toBeLessThan(1e-6);
        if (ref[0]!.score - ref[1]!.score > 1e-5) expect(fast.best!.childId).toBe(ref[0]!.id);
      }
      // From a few hundred children on, every search goes through the pre-filter.
      if (n >= 300) expect(rescored).toBe(12);
    },
    120_000,
  );

  it('near-ties finer than an int8 step: a crowd of look-alikes among many strangers', () => {
    const normal = gaussian(seeded(77));
    const g = pair();
    const face = randomUnit(512, normal);
    for (let c = 0; c < 3000; c++) {
      if (c % 150 === 0) for (let k = 0; k < 2; k++) g.add(`look-alike-${c}`, noisy(face, 3e-3, normal));
      else g.add(`stranger-${c}`, randomUnit(512, normal));
    }
    let rescored = 0;
    for (let trial = 0; trial < 10; trial++) {
      const { fast, path } = searchBoth(g, noisy(face, 0.4, normal));
      expect(String(fast.best!.childId)).toMatch(/^look-alike/);
      if (path.full === 0) rescored++;
    }
    expect(rescored).toBe(10);
  });

  it('a gallery that is all look-alikes falls back to scoring every row, with the same results', () => {
    const normal = gaussian(seeded(78));
    const g = pair();
    const face = randomUnit(512, normal);
    for (let c = 0; c < 400; c++) g.add(`c${c}`, noisy(face, 1e-3, normal));
    for (let trial = 0; trial < 5; trial++) {
      const { path } = searchBoth(g, noisy(face, 0.4, normal));
      expect(path.full).toBe(1);
    }
  });

  it('exact duplicates: ties go to the same child with and without the pre-filter', () => {
    const normal = gaussian(seeded(79));
    const g = pair();
    const face = randomUnit(512, normal);
    for (let c = 0; c < 500; c++) g.add(`c${c}`, c % 97 === 3 ? face : randomUnit(512, normal));
    for (let trial = 0; trial < 5; trial++) {
      const { fast } = searchBoth(g, noisy(face, 0.3, normal));
      expect(fast.best!.childId).toBe('c3');
      expect(fast.second!.childId).toBe('c100');
      expect(fast.best!.score).toBe(fast.second!.score);
    }
    searchBoth(g, face);
  });

  it('stays equal through removals, moved rows and re-enrolment', () => {
    const normal = gaussian(seeded(80));
    const g = pair();
    const faces: Float32Array[] = [];
    for (let c = 0; c < 600; c++) {
      faces.push(randomUnit(512, normal));
      g.add(`c${c}`, noisy(faces[c]!, 0.5, normal));
      g.add(`c${c}`, noisy(faces[c]!, 0.5, normal));
    }
    const probes = [0, 1, 299, 598, 599].map((c) => noisy(faces[c]!, 0.5, normal));
    for (const gone of [0, 599, 300, 1]) {
      expect(g.fast.removeChild(child(`c${gone}`))).toBe(g.exact.removeChild(child(`c${gone}`)));
      for (const probe of probes) {
        const { fast } = searchBoth(g, probe);
        expect(fast.best!.childId).not.toBe(`c${gone}`);
      }
    }
    g.fast.removeTemplate(template('c299#0'));
    g.exact.removeTemplate(template('c299#0'));
    g.fast.add(child('c0'), template('c0#new'), faces[0]!);
    g.exact.add(child('c0'), template('c0#new'), faces[0]!);
    for (const probe of probes) searchBoth(g, probe);
    expect(g.fast.search(faces[0]!).best!.childId).toBe('c0');
  });

  it('an empty gallery and a single template', () => {
    const normal = gaussian(seeded(81));
    const g = pair();
    const probe = randomUnit(512, normal);
    expect(searchBoth(g, probe).fast).toEqual({ best: null, second: null, rawBest: -Infinity });
    g.add('only', randomUnit(512, normal));
    expect(searchBoth(g, probe).fast.second).toBeNull();
  });
});

describe('top two', () => {
  it('gives a different child as second, even when the best child has several close templates', () => {
    const g = new Gallery(DIM, cohort);
    // A's three templates are all near the probe; a per-template top-2 would return A twice.
    g.add(child('A'), template('a1'), axes(DIM, [1]));
    g.add(child('A'), template('a2'), axes(DIM, normalise([0.99, 0.1])));
    g.add(child('A'), template('a3'), axes(DIM, normalise([0.99, 0, 0.1])));
    g.add(child('B'), template('b1'), axes(DIM, normalise([0.5, 0, 0, 1])));
    g.add(child('C'), template('c1'), axes(DIM, [0, 0, 0, 0, 1]));
    const r = g.search(axes(DIM, [1]));
    expect(r.best?.childId).toBe('A');
    expect(r.second?.childId).toBe('B');
    expect(g.childCount).toBe(3);
    expect(g.templateCount).toBe(5);
  });
});

describe('several templates per child', () => {
  it('scores the centroid of the templates, not the best single template', () => {
    const g = new Gallery(DIM, cohort);
    // A: one template exactly on the probe, one orthogonal: centroid cosine 1/sqrt(2) = 0.707.
    g.add(child('A'), template('a1'), axes(DIM, [1]));
    g.add(child('A'), template('a2'), axes(DIM, [0, 1]));
    // B: one template at cosine 0.9. With max-over-templates A would win (1.0); with centroids B does.
    g.add(child('B'), template('b1'), axes(DIM, normalise([0.9, 0, Math.sqrt(1 - 0.81)])));
    const r = g.search(axes(DIM, [1]));
    expect(r.best?.childId).toBe('B');
    expect(r.rawBest).toBeCloseTo(0.9, 6);
    expect(r.second?.childId).toBe('A');
    expect(r.second?.score).toBeCloseTo(Math.SQRT1_2 - 0.25 * 0.9, 6);
  });

  it('normalises each template before averaging, so a long vector does not dominate', () => {
    const g = new Gallery(DIM, cohort);
    g.add(child('A'), template('a1'), axes(DIM, [10]));
    g.add(child('A'), template('a2'), axes(DIM, [0, 1]));
    expect(g.search(axes(DIM, [1])).rawBest).toBeCloseTo(Math.SQRT1_2, 6);
  });

  it('recomputes the centroid when a template is removed', () => {
    const g = new Gallery(DIM, cohort);
    g.add(child('A'), template('a1'), axes(DIM, [1]));
    g.add(child('A'), template('a2'), axes(DIM, [0, 1]));
    expect(g.removeTemplate(template('a2'))).toBe(true);
    expect(g.search(axes(DIM, [1])).rawBest).toBeCloseTo(1, 6);
    expect(g.childCount).toBe(1);
    expect(g.templateCount).toBe(1);
  });

  it('replaces a template added again under the same id, even for another child', () => {
    const g = new Gallery(DIM, cohort);
    g.add(child('A'), template('t1'), axes(DIM, [1]));
    g.add(child('A'), template('t2'), axes(DIM, [0, 1]));
    g.add(child('A'), template('t1'), axes(DIM, [0, 1]));
    expect(g.templateCount).toBe(2);
    expect(g.search(axes(DIM, [0, 1])).rawBest).toBeCloseTo(1, 6);
    // Moving A's last template to B removes A.
    g.add(child('B'), template('t1'), axes(DIM, [0, 0, 1]));
    g.removeTemplate(template('t2'));
    expect(g.childCount).toBe(1);
    expect(g.search(axes(DIM, [0, 1])).best?.childId).toBe('B');
  });
});

describe('removal (consent withdrawn)', () => {
  function tenChildren(kernel: DotKernel) {
    const normal = gaussian(seeded(11));
    const g = new Gallery(128, { ...cohort, kernel });
    const faces = new Map<ChildId, Float32Array>();
    for (let c = 0; c < 10; c++) {
      const face = randomUnit(128, normal);
      faces.set(child(`c${c}`), face);
      g.add(child(`c${c}`), template(`c${c}#0`), noisy(face, 0.3, normal));
      g.add(child(`c${c}`), template(`c${c}#1`), noisy(face, 0.3, normal));
    }
    return { g, faces };
  }

  it.each<DotKernel>(['wasm-simd', 'js'])('removeChild makes the child unfindable and leaves the others intact (%s)', (kernel) => {
    const { g, faces } = tenChildren(kernel);
    expect(g.removeChild(child('c3'))).toBe(2);
    expect(g.removeChild(child('c0'))).toBe(2); // first row
    expect(g.removeChild(child('c9'))).toBe(2); // last row
    expect(g.childCount).toBe(7);
    expect(g.templateCount).toBe(14);
    for (const gone of ['c0', 'c3', 'c9']) {
      const r = g.search(faces.get(child(gone))!);
      expect(r.best?.childId).not.toBe(gone);
      expect(r.second?.childId).not.toBe(gone);
      expect(judgeSearch(r, rules).kind).toBe('low');
    }
    // Rows moved to fill the gaps still belong to the right children.
    for (const [id, face] of faces) {
      if (['c0', 'c3', 'c9'].includes(id)) continue;
      const r = g.search(face);
      expect(r.best?.childId).toBe(id);
      expect(judgeSearch(r, rules)).toMatchObject({ kind: 'accept', childId: id });
    }
  });

  it('removeTemplate of the last template removes the child', () => {
    const { g, faces } = tenChildren('wasm-simd');
    expect(g.removeTemplate(template('c4#0'))).toBe(true);
    expect(g.search(faces.get(child('c4'))!).best?.childId).toBe('c4');
    expect(g.removeTemplate(template('c4#1'))).toBe(true);
    expect(g.childCount).toBe(9);
    expect(g.templateCount).toBe(18);
    const r = g.search(faces.get(child('c4'))!);
    expect(r.best?.childId).not.toBe('c4');
    expect(judgeSearch(r, rules).kind).toBe('low');
  });

  it('unknown ids remove nothing; a removed child can be enrolled again', () => {
    const { g, faces } = tenChildren('wasm-simd');
    expect(g.removeTemplate(template('nope'))).toBe(false);
    expect(g.removeChild(child('nope'))).toBe(0);
    expect(g.removeChild(child('c5'))).toBe(2);
    expect(g.removeChild(child('c5'))).toBe(0);
    g.add(child('c5'), template('c5#new'), faces.get(child('c5'))!);
    expect(g.search(faces.get(child('c5'))!).best?.childId).toBe('c5');
  });

  it('an emptied gallery finds nobody', () => {
    const g = new Gallery(DIM, cohort);
    g.add(child('A'), template('a1'), axes(DIM, [1]));
    g.removeChild(child('A'));
    const r = g.search(axes(DIM, [1]));
    expect(r.best).toBeNull();
    expect(judgeSearch(r, rules)).toEqual({ kind: 'low' });
  });
});

describe('bad input', () => {
  it('refuses the wrong dimension, NaN, Infinity and all-zero embeddings with a code', () => {
    const g = new Gallery(512, cohort);
    const ok = new Float32Array(512).fill(1 / Math.sqrt(512));
    expectGalleryError(() => g.add(child('A'), template('a'), new Float32Array(511).fill(0.1)), 'wrong-dimension');
    expectGalleryError(() => g.add(child('A'), template('a'), new Float32Array(128).fill(0.1)), 'wrong-dimension');
    const nan = ok.slice();
    nan[100] = NaN;
    expectGalleryError(() => g.add(child('A'), template('a'), nan), 'not-finite');
    const inf = ok.slice();
    inf[0] = Infinity;
    expectGalleryError(() => g.add(child('A'), template('a'), inf), 'not-finite');
    expectGalleryError(() => g.add(child('A'), template('a'), new Float32Array(512)), 'zero-norm');
    // Nothing was half-added.
    expect(g.childCount).toBe(0);
    expect(g.templateCount).toBe(0);

    g.add(child('A'), template('a'), ok);
    expectGalleryError(() => g.search(new Float32Array(511)), 'wrong-dimension');
    expectGalleryError(() => g.search(nan), 'not-finite');
    expectGalleryError(() => g.search(new Float32Array(512)), 'zero-norm');
    expect(g.search(ok).best?.childId).toBe('A');
  });

  it('a refused replacement leaves the existing template in place', () => {
    const g = new Gallery(DIM, cohort);
    g.add(child('A'), template('a'), axes(DIM, [1]));
    expectGalleryError(() => g.add(child('A'), template('a'), new Float32Array(DIM)), 'zero-norm');
    expect(g.templateCount).toBe(1);
    expect(g.search(axes(DIM, [1])).rawBest).toBeCloseTo(1, 6);
  });

  it('copies embeddings, so a caller zeroing its buffer afterwards changes nothing', () => {
    const g = new Gallery(DIM, cohort);
    const v = axes(DIM, [1]);
    g.add(child('A'), template('a'), v);
    v.fill(0);
    expect(g.search(axes(DIM, [1])).rawBest).toBeCloseTo(1, 6);
  });
});

describe('judgeSearch over real searches (the rule the gate decides with)', () => {
  const A = child('A');
  const B = child('B');
  const result = (best: number | null, second: number | null): MatchResult => ({
    best: best === null ? null : { childId: A, score: best },
    second: second === null ? null : { childId: B, score: second },
    rawBest: best ?? -Infinity,
  });
  const r = { matchThreshold: 0.36, matchMargin: 0.06, twinFlagged: new Set<ChildId>() };

  it('an empty gallery or a best child under the threshold (whatever the margin) is low', () => {
    expect(judgeSearch(result(null, null), r)).toEqual({ kind: 'low' });
    expect(judgeSearch(result(0.35, 0.0), r)).toEqual({ kind: 'low' });
    expect(judgeSearch(result(0.35, null), r)).toEqual({ kind: 'low' });
    expect(judgeSearch(result(NaN, null), r)).toEqual({ kind: 'low' });
  });

  it('at or above the threshold and the margin ahead of the second (or alone): accepted', () => {
    expect(judgeSearch(result(0.36, 0.2), r)).toEqual({ kind: 'accept', childId: A, score: 0.36 });
    expect(judgeSearch(result(0.7, 0.1), r)).toMatchObject({ kind: 'accept', childId: A });
    expect(judgeSearch(result(0.5, null), r)).toEqual({ kind: 'accept', childId: A, score: 0.5 });
    expect(judgeSearch(result(0.6, 0.53), r)).toMatchObject({ kind: 'accept' });
  });

  it('too close to the second child: the bracelet decides between them', () => {
    expect(judgeSearch(result(0.6, 0.55), r)).toEqual({
      kind: 'needs-bracelet',
      reason: 'siblings',
      childId: A,
      candidates: [A, B],
      score: 0.6,
    });
    expect(judgeSearch(result(0.6, 0.6), r)).toMatchObject({ kind: 'needs-bracelet', reason: 'siblings' });
    // A second child under the threshold still makes the best one doubtful, but is no candidate for the bracelet.
    expect(judgeSearch(result(0.38, 0.34), r)).toEqual({
      kind: 'needs-bracelet',
      reason: 'siblings',
      childId: A,
      candidates: [A],
      score: 0.38,
    });
  });

  it('a twin-flagged child is never accepted by the face alone', () => {
    expect(judgeSearch(result(0.9, 0.1), { ...r, twinFlagged: new Set([A]) })).toMatchObject({
      kind: 'needs-bracelet',
      reason: 'twin-flag',
    });
  });

  it('twins in the gallery: the gate does not guess between them', () => {
    const normal = gaussian(seeded(21));
    const g = new Gallery(512, cohort);
    const twin = randomUnit(512, normal);
    for (let k = 0; k < 3; k++) {
      g.add(child('twin-1'), template(`t1#${k}`), noisy(twin, 0.5, normal));
      g.add(child('twin-2'), template(`t2#${k}`), noisy(twin, 0.5, normal));
    }
    for (let c = 0; c < 20; c++) g.add(child(`other-${c}`), template(`o${c}`), randomUnit(512, normal));
    for (let trial = 0; trial < 5; trial++) {
      const d = judgeSearch(g.search(noisy(twin, 0.5, normal)), rules);
      expect(d).toMatchObject({ kind: 'needs-bracelet', reason: 'siblings' });
      if (d.kind !== 'needs-bracelet') continue;
      expect([...d.candidates].sort()).toEqual(['twin-1', 'twin-2']);
    }
  });
});

describe('synthetic population with the default config', () => {
  it("the same person's noisy embeddings match them; strangers match nobody", () => {
    const normal = gaussian(seeded(2024));
    const dim = 512;
    const g = new Gallery(dim, cohort);
    const people: Float32Array[] = [];
    for (let c = 0; c < 200; c++) {
      const face = randomUnit(dim, normal);
      people.push(face);
      // Noise of length 1 on a unit face: each template has cosine ~0.7 with the true face.
      for (let k = 0; k < 3; k++) g.add(child(`p${c}`), template(`p${c}#${k}`), noisy(face, 1, normal));
    }
    let matched = 0;
    for (let c = 0; c < 200; c++) {
      const d = judgeSearch(g.search(noisy(people[c]!, 1, normal)), rules);
      expect(d.kind === 'accept' ? d.childId : d.kind).toBe(`p${c}`);
      if (d.kind === 'accept') matched++;
    }
    expect(matched).toBe(200);
    for (let s = 0; s < 200; s++) {
      const r = g.search(noisy(randomUnit(dim, normal), 1, normal));
      expect(judgeSearch(r, rules)).toEqual({ kind: 'low' });
    }
  });
});
