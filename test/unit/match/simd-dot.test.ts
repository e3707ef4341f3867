// The scoring kernel must equal a naive dot product on both paths (wasm SIMD and scalar JS), for
// any row count (0, 1, not a multiple of 4) and dimension, and keep rows intact as it grows.
import { describe, expect, it } from 'vitest';
import { blockedIndex, DotMatrix, dotAllJs, kernelModuleBytes, simdAvailable, type DotKernel } from '../../../src/core/simd-dot';
import { dot64, gaussian, seeded } from './vectors';

const kernels: DotKernel[] = ['wasm-simd', 'js'];

function filled(dim: number, rows: number, kernel: DotKernel, normal: () => number) {
  const m = new DotMatrix(dim, kernel);
  m.reserve(rows);
  const data = Array.from({ length: rows }, () => Float32Array.from({ length: dim }, normal));
  data.forEach((row, r) => m.setRow(r, row));
  return { m, data };
}

describe('wasm kernel module', () => {
  it('is valid WebAssembly SIMD and runs in Node (so the tests below exercise the wasm path)', () => {
    const bytes = kernelModuleBytes();
    expect(WebAssembly.validate(bytes)).toBe(true);
    // Synchronous compilation on Chromium's main thread is only allowed for modules under 4 KB.
    expect(bytes.length).toBeLessThan(4096);
    expect(simdAvailable()).toBe(true);
    expect(new DotMatrix(512).kernel).toBe('wasm-simd');
    expect(new DotMatrix(512, 'js').kernel).toBe('js');
  });
});

describe.each(kernels)('DotMatrix (%s)', (kernel) => {
  it.each([
    [512, 0],
    [512, 1],
    [512, 2],
    [512, 3],
    [512, 4],
    [512, 5],
    [512, 7],
    [512, 8],
    [512, 33],
    [512, 250],
    [1, 5],
    [3, 6],
    [8, 9],
    [13, 7],
    [100, 11],
    [129, 4],
  ])('equals a naive dot product: dim %i, %i rows', (dim, rows) => {
    const normal = gaussian(seeded(dim * 1000 + rows));
    const { m, data } = filled(dim, rows, kernel, normal);
    expect(m.kernel).toBe(kernel);
    const probe = Float32Array.from({ length: dim }, normal);
    const out = m.dotAll(probe, rows);
    expect(out.length).toBe(rows);
    data.forEach((row, r) => {
      const want = dot64(row, probe);
      // Float32 accumulation over `dim` terms of size ~1: error grows like sqrt(dim) * 6e-8.
      expect(Math.abs(out[r]! - want)).toBeLessThan(1e-5 * Math.sqrt(dim) * Math.max(1, Math.abs(want)));
    });
  });

  it('scales the probe when asked (normalisation without a copy by the caller)', () => {
    const normal = gaussian(seeded(7));
    const { m, data } = filled(64, 6, kernel, normal);
    const probe = Float32Array.from({ length: 64 }, normal);
    const out = Array.from(m.dotAll(probe, 6, 0.5));
    data.forEach((row, r) => expect(out[r]).toBeCloseTo(0.5 * dot64(row, probe), 4));
  });

  it('scores only the first `rows` rows', () => {
    const normal = gaussian(seeded(8));
    const { m, data } = filled(16, 9, kernel, normal);
    const probe = Float32Array.from({ length: 16 }, normal);
    const out = m.dotAll(probe, 5);
    expect(out.length).toBe(5);
    for (let r = 0; r < 5; r++) expect(out[r]).toBeCloseTo(dot64(data[r]!, probe), 4);
  });

  it('keeps every row through memory growth, and moveRow copies a whole row', () => {
    const dim = 512;
    const normal = gaussian(seeded(9));
    const m = new DotMatrix(dim, kernel);
    const data: Float32Array[] = [];
    // 300 rows of 2 KB cross several 64 KB wasm pages and several doublings.
    for (let r = 0; r < 300; r++) {
      m.reserve(r + 1);
      const row = Float32Array.from({ length: dim }, normal);
      m.setRow(r, row);
      data.push(row);
    }
    expect(m.capacity).toBeGreaterThanOrEqual(300);
    // Counted by hand: a deep equality over 300 x 512 floats is slow in expect().
    const changed = data.filter((row, r) => m.getRow(r).some((x, i) => x !== row[i])).length;
    expect(changed).toBe(0);
    m.moveRow(299, 10);
    expect(m.getRow(10)).toEqual(data[299]);
    const probe = Float32Array.from({ length: dim }, normal);
    const out = m.dotAll(probe, 300);
    expect(out[10]).toBeCloseTo(dot64(data[299]!, probe), 3);
    expect(out[11]).toBeCloseTo(dot64(data[11]!, probe), 3);
  });

  it('refuses a probe of the wrong length and rows beyond capacity', () => {
    const m = new DotMatrix(8, kernel);
    expect(() => m.dotAll(new Float32Array(7), 0)).toThrow(RangeError);
    expect(() => m.dotAll(new Float32Array(8), m.capacity + 1)).toThrow(RangeError);
    expect(() => m.setRow(m.capacity, new Float32Array(8))).toThrow(RangeError);
  });
});

describe('wasm SIMD and scalar JS agree', () => {
  it.each([
    [512, 1000],
    [512, 37],
    [77, 21],
  ])('dim %i, %i rows: same scores to 1e-5', (dim, rows) => {
    // Unit rows and probe, as in the gallery: the scores are cosines in [-1, 1].
    const normal = gaussian(seeded(rows));
    const unit = () => {
      const v = Float32Array.from({ length: dim }, normal);
      const n = Math.sqrt(dot64(v, v));
      return v.map((x) => x / n);
    };
    const wasm = new DotMatrix(dim, 'wasm-simd');
    const js = new DotMatrix(dim, 'js');
    wasm.reserve(rows);
    js.reserve(rows);
    for (let r = 0; r < rows; r++) {
      const row = unit();
      wasm.setRow(r, row);
      js.setRow(r, row);
    }
    const probe = unit();
    const a = Array.from(wasm.dotAll(probe, rows));
    const b = Array.from(js.dotAll(probe, rows));
    for (let r = 0; r < rows; r++) expect(Math.abs(a[r]! - b[r]!)).toBeLessThan(1e-5);
  });
});

describe('dotAllJs and the block layout', () => {
  it('reads only dim values per row: padding and unused rows of the last block do not leak', () => {
    // dim 3, stride 8, 2 rows: everything outside the first 3 values of rows 0 and 1 is 99.
    const stride = 8;
    const matrix = new Float32Array(4 * stride).fill(99);
    const rows = [
      [1, 2, 3],
      [4, 5, 6],
    ];
    rows.forEach((row, r) => row.forEach((v, i) => (matrix[blockedIndex(r, i, stride)] = v)));
    const out = new Float32Array(2);
    dotAllJs(matrix, stride, Float32Array.from([1, 1, 1]), 3, 2, out);
    expect(Array.from(out)).toEqual([6, 15]);
  });

  it('places chunk c of the 4 rows of a block side by side', () => {
    expect([0, 1, 2, 3, 4].map((i) => blockedIndex(0, i, 8))).toEqual([0, 1, 2, 3, 16]);
    expect([0, 1, 2, 3].map((r) => blockedIndex(r, 0, 8))).toEqual([0, 4, 8, 12]);
    expect(blockedIndex(4, 0, 8)).toBe(32);
    expect(blockedIndex(5, 5, 8)).toBe(32 + 16 + 4 + 1);
  });
});
