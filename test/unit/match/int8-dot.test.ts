// The int8 pre-filter: its kernels (wasm SIMD and scalar JS) equal an integer dot product exactly, up
// to the largest sums the format allows, and its candidates always contain the exact f32 top k.
import { describe, expect, it } from 'vitest';
import { blockedIndex8, dotAllI8Js, I8Matrix, int8ModuleBytes, int8SimdAvailable, probeLevels } from '../../../src/core/int8-dot';
import { DotMatrix, type DotKernel } from '../../../src/core/simd-dot';
import { gaussian, noisy, randomUnit, seeded } from './vectors';

const kernels: DotKernel[] = ['wasm-simd', 'js'];

/** A matrix whose rows are exactly the given integer levels (each row holds a +-127, so its scale is 1). */
function levelMatrix(dim: number, rows: Int8Array[], kernel: DotKernel): I8Matrix {
  const m = new I8Matrix(dim, kernel);
  m.reserve(rows.length);
  rows.forEach((row, r) => m.setRow(r, row));
  return m;
}

function randomLevels(dim: number, random: () => number, max: number): Int16Array {
  return Int16Array.from({ length: dim }, () => Math.round((2 * random() - 1) * max));
}

function randomRow(dim: number, random: () => number): Int8Array {
  const row = Int8Array.from(randomLevels(dim, random, 127));
  row[Math.floor(random() * dim)] = random() < 0.5 ? 127 : -127;
  return row;
}

function exactDot(row: ArrayLike<number>, probe: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < row.length; i++) s += row[i]! * probe[i]!;
  return s;
}

/** The probe as the kernels take it: stride levels, zero padding. */
function padded(probe: Int16Array, stride: number): Int16Array {
  const p = new Int16Array(stride);
  p.set(probe);
  return p;
}

describe('int8 wasm module', () => {
  it('is valid WebAssembly SIMD without relaxed-simd, small enough to compile synchronously, and runs here', () => {
    const bytes = int8ModuleBytes();
    expect(WebAssembly.validate(bytes)).toBe(true);
    expect(bytes.length).toBeLessThan(4096);
    expect(int8SimdAvailable()).toBe(true);
    expect(new I8Matrix(512).kernel).toBe('wasm-simd');
    expect(new I8Matrix(512, 'js').kernel).toBe('js');
  });
});

describe.each(kernels)('int8 kernel equals the integer dot product exactly (%s)', (kernel) => {
  it.each([
    [512, 0],
    [512, 1],
    [512, 3],
    [512, 4],
    [512, 5],
    [512, 37],
    [1, 5],
    [7, 6],
    [8, 9],
    [15, 3],
    [16, 4],
    [17, 7],
    [100, 11],
    [1024, 9],
  ])('dim %i, %i rows', (dim, rows) => {
    const random = seeded(dim * 977 + rows);
    const data = Array.from({ length: rows }, () => randomRow(dim, random));
    const m = levelMatrix(dim, data, kernel);
    expect(m.kernel).toBe(kernel);
    data.forEach((row, r) => {
      expect(m.getRow(r)).toEqual({ levels: row, scale: 1 });
    });
    const probe = randomLevels(dim, random, probeLevels(m.stride));
    const out = Array.from(m.dotAllLevels(padded(probe, m.stride), rows));
    expect(out).toEqual(data.map((row) => exactDot(row, probe)));
  });

  it.each([512, 1024, 33])('reaches the largest sums without overflow (dim %i)', (dim) => {
    const rows = [new Int8Array(dim).fill(127), new Int8Array(dim).fill(-127), new Int8Array(dim).fill(127)];
    const m = levelMatrix(dim, rows, kernel);
    const levels = probeLevels(m.stride);
    const probe = new Int16Array(dim).fill(levels);
    const top = dim * 127 * levels;
    // The bound probeLevels keeps: one level more could overflow int32 at dim = stride.
    expect(top).toBeLessThanOrEqual(0x7fffffff);
    expect(Array.from(m.dotAllLevels(padded(probe, m.stride), 3))).toEqual([top, -top, top]);
    const alternating = Int16Array.from({ length: dim }, (_, i) => (i % 2 ? levels : -levels));
    expect(Array.from(m.dotAllLevels(padded(alternating, m.stride), 1))).toEqual([exactDot(rows[0]!, alternating)]);
  });
});

describe('dotAllI8Js and the block layout', () => {
  it('reads only dim values per row: padding and unused rows of the last block do not leak', () => {
    const stride = 16;
    const matrix = new Int8Array(4 * stride).fill(99);
    const rows = [
      [1, 2, 3],
      [4, 5, -6],
    ];
    rows.forEach((row, r) => row.forEach((v, i) => (matrix[blockedIndex8(r, i, stride)] = v)));
    const out = new Int32Array(2);
    dotAllI8Js(matrix, stride, Int16Array.from([1, 10, 100, 7, 7, 7]), 3, 2, out);
    expect(Array.from(out)).toEqual([321, -546]);
  });

  it('places chunk c (8 values) of the 4 rows of a block side by side', () => {
    expect([0, 7, 8, 15, 16].map((i) => blockedIndex8(0, i, 16))).toEqual([0, 7, 32, 39, 64]);
    expect([0, 1, 2, 3, 4].map((r) => blockedIndex8(r, 0, 16))).toEqual([0, 8, 16, 24, 64]);
    expect(blockedIndex8(5, 9, 32)).toBe(128 + 32 + 8 + 1);
  });
});

describe('quantisation', () => {
  it('stores each value within half a step of its row scale, in [-127, 127]', () => {
    const normal = gaussian(seeded(3));
    const m = new I8Matrix(100);
    const row = randomUnit(100, normal);
    m.setRow(0, row);
    const { levels, scale } = m.getRow(0);
    const max = Math.max(...Array.from(row, Math.abs));
    expect(scale).toBeCloseTo(max / 127, 12);
    expect(Math.max(...Array.from(levels, Math.abs))).toBe(127);
    row.forEach((x, i) => expect(Math.abs(x - scale * levels[i]!)).toBeLessThanOrEqual(scale / 2 + 1e-12));
  });

  it('keeps a zero row (templates that cancel out) as zeros', () => {
    const m = new I8Matrix(20);
    m.setRow(1, new Float32Array(20));
    expect(m.getRow(1)).toEqual({ levels: new Int8Array(20), scale: 0 });
  });

  it.each(kernels)('keeps every row through growth; moveRow copies levels and scale (%s)', (kernel) => {
    const normal = gaussian(seeded(4));
    const m = new I8Matrix(512, kernel);
    const rows: Float32Array[] = [];
    // 600 rows of 512 B cross several 64 KB pages and doublings.
    for (let r = 0; r < 600; r++) {
      m.reserve(r + 1);
      rows.push(randomUnit(512, normal));
      m.setRow(r, rows[r]!);
    }
    const fresh = new I8Matrix(512, kernel);
    fresh.setRow(0, rows[599]!);
    const kept = rows.filter((row, r) => {
      const a = m.getRow(r);
      const b = new I8Matrix(512, kernel);
      b.setRow(0, row);
      const want = b.getRow(0);
      return a.scale === want.scale && a.levels.every((x, i) => x === want.levels[i]);
    }).length;
    expect(kept).toBe(600);
    m.moveRow(599, 3);
    expect(m.getRow(3)).toEqual(fresh.getRow(0));
  });
});

/** The exact top k by f32 score, ties to the earlier row: what the gallery ranks. */
function f32TopK(scores: Float32Array, k: number): number[] {
  return Array.from(scores.keys())
    .sort((a, b) => scores[b]! - scores[a]! || a - b)
    .slice(0, k);
}

function buildPair(rows: Float32Array[], kernel: DotKernel) {
  const dim = rows[0]!.length;
  const f32 = new DotMatrix(dim, kernel);
  const i8 = new I8Matrix(dim, kernel);
  f32.reserve(rows.length);
  i8.reserve(rows.length);
  rows.forEach((row, r) => {
    f32.setRow(r, row);
    i8.setRow(r, row);
  });
  return { f32, i8 };
}

describe.each(kernels)('candidates contain the exact f32 top k (%s)', (kernel) => {
  it('on random unit rows, and prune most of them', () => {
    const normal = gaussian(seeded(10));
    const n = 3000;
    const rows = Array.from({ length: n }, () => randomUnit(512, normal));
    const { f32, i8 } = buildPair(rows, kernel);
    const out = new Int32Array(n);
    for (let trial = 0; trial < 20; trial++) {
      // Half the probes near a row (one clear winner), half random (a crowd at the top).
      const probe = trial % 2 ? noisy(rows[trial * 37]!, 0.8, normal) : randomUnit(512, normal);
      for (const k of [1, 5, 12]) {
        const count = i8.candidates(probe, n, k, out);
        const list = Array.from(out.subarray(0, count));
        expect(list).toEqual([...list].sort((a, b) => a - b));
        expect(new Set(list).size).toBe(count);
        const top = f32TopK(f32.dotAll(probe, n), k);
        for (const r of top) expect(list).toContain(r);
        expect(count).toBeLessThan(n / 20);
      }
    }
  });

  it('on near-ties finer than an int8 step, exact duplicates, and a zero row', () => {
    const normal = gaussian(seeded(11));
    const base = randomUnit(512, normal);
    const rows: Float32Array[] = [];
    // 40 rows within ~1e-4 of one another: int8 cannot order them, f32 can.
    for (let r = 0; r < 40; r++) rows.push(noisy(base, 2e-3, normal));
    rows.push(rows[5]!.slice(), rows[17]!.slice());
    rows.push(new Float32Array(512));
    for (let r = 0; r < 300; r++) rows.push(randomUnit(512, normal));
    const n = rows.length;
    const { f32, i8 } = buildPair(rows, kernel);
    const out = new Int32Array(n);
    let int8OrderDiffers = 0;
    for (let trial = 0; trial < 20; trial++) {
      const probe = noisy(base, 0.5, normal);
      const exact = f32.dotAll(probe, n);
      const top = f32TopK(exact, 5);
      const count = i8.candidates(probe, n, 5, out);
      const list = Array.from(out.subarray(0, count));
      for (const r of top) expect(list).toContain(r);
      // The crowd stays in; the random rows (cosine ~0.03 against ~0.9) go.
      expect(count).toBeGreaterThanOrEqual(42);
      expect(list.every((r) => r < 42)).toBe(true);
      // The test is only worth something if the int8 scores alone would rank differently.
      const levels = new Int16Array(512);
      const pmax = Math.max(...Array.from(probe, Math.abs));
      probe.forEach((x, i) => (levels[i] = Math.round((x / pmax) * probeLevels(512))));
      const ints = i8.dotAllLevels(levels, n);
      const coarse = Float32Array.from(ints, (s, r) => s * i8.getRow(r).scale);
      if (f32TopK(coarse, 5).join() !== top.join()) int8OrderDiffers++;
    }
    expect(int8OrderDiffers).toBeGreaterThan(0);
  });

  it('lists every row when there are no more than k, and all rows for a zero probe', () => {
    const normal = gaussian(seeded(12));
    const rows = Array.from({ length: 9 }, () => randomUnit(16, normal));
    const { i8 } = buildPair(rows, kernel);
    const out = new Int32Array(9);
    expect(i8.candidates(rows[0]!, 3, 5, out)).toBe(3);
    expect(Array.from(out.subarray(0, 3))).toEqual([0, 1, 2]);
    expect(i8.candidates(new Float32Array(16), 9, 2, out)).toBe(9);
    expect(i8.candidates(rows[0]!, 0, 2, out)).toBe(0);
  });

  it('refuses a wrong probe length, rows beyond capacity, k < 1 and a short output', () => {
    const m = new I8Matrix(8, kernel);
    expect(() => m.candidates(new Float32Array(7), 1, 1, new Int32Array(4))).toThrow(RangeError);
    expect(() => m.candidates(new Float32Array(8), m.capacity + 1, 1, new Int32Array(99))).toThrow(RangeError);
    expect(() => m.candidates(new Float32Array(8), 2, 0, new Int32Array(4))).toThrow(RangeError);
    expect(() => m.candidates(new Float32Array(8), 4, 1, new Int32Array(3))).toThrow(RangeError);
    expect(() => m.dotAllLevels(new Int16Array(8), 1)).toThrow(RangeError);
    expect(() =>
      m.setRow(
        0,
        Float32Array.from({ length: 8 }, () => NaN),
      ),
    ).toThrow(RangeError);
  });
});

describe('wasm SIMD and scalar JS pre-filters agree', () => {
  it('name the same candidates', () => {
    const normal = gaussian(seeded(13));
    const rows = Array.from({ length: 1001 }, () => randomUnit(512, normal));
    const a = buildPair(rows, 'wasm-simd').i8;
    const b = buildPair(rows, 'js').i8;
    const outA = new Int32Array(1001);
    const outB = new Int32Array(1001);
    for (let trial = 0; trial < 5; trial++) {
      const probe = randomUnit(512, normal);
      const ca = a.candidates(probe, 1001, 5, outA);
      const cb = b.candidates(probe, 1001, 5, outB);
      expect(Array.from(outA.subarray(0, ca))).toEqual(Array.from(outB.subarray(0, cb)));
    }
  });
});
