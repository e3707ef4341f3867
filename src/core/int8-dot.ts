// The matcher's pre-filter: an int8 copy of the f32 rows, scored against an int16 probe in
// WebAssembly SIMD (else scalar JS; both exact in integers), with a proven error bound, so that it
// names every row whose f32 score could rank in the top k. A quarter of the f32 rows' memory traffic.
import type { DotKernel } from './simd-dot';
import { BLOCKED_KERNEL_PARAMS, blockedDotKernelBody, type LaneOps } from './blocked-dot-kernel';
import { compileOrNull, op, singleFunctionModule } from './wasm-encoder';

// Layout (both kernels): rows in blocks of 4; within a block each row's values come in chunks of 8
// bytes and chunk c of rows 0..3 sits side by side: block | c0r0 c0r1 c0r2 c0r3 c1r0 ... |, one
// sequential stream a block, each probe chunk loaded once for four rows (as in simd-dot.ts). Rows are
// padded with zeros to a multiple of 16 values. The probe is int16, one v128 per chunk.
//
// Kernel: dots8(mat, probe, out, blocks, strideBytes) writes 4 * blocks int32 scores to out. Each
// step takes two chunks: v128.load8x8_s widens a row chunk to i16x8, i32x4.dot_i16x8_s multiplies
// it with the probe chunk and adds pairs; two accumulators per row give eight independent chains.
const int8Lanes: LaneOps = {
  load: (offset) => op.v128Load8x8S(offset),
  multiply: op.i32x4DotI16x8S,
  addVectors: op.i32x4Add,
  extractLane: (lane) => op.i32x4ExtractLane(lane),
  addScalars: op.i32Add,
  store: (offset) => op.i32Store(offset),
  rowChunkBytes: 8,
  probeBytesPerRowByte: 2,
};

/** The int8 kernel module: imports its memory as env.memory, exports `dots8`. */
export function int8ModuleBytes(): Uint8Array<ArrayBuffer> {
  return singleFunctionModule('dots8', BLOCKED_KERNEL_PARAMS, blockedDotKernelBody(int8Lanes));
}

let compiled: WebAssembly.Module | null | undefined;

function int8Module(): WebAssembly.Module | null {
  if (compiled === undefined) compiled = compileOrNull(int8ModuleBytes());
  return compiled;
}

/** Whether this runtime can run the wasm SIMD int8 kernel. */
export function int8SimdAvailable(): boolean {
  return int8Module() !== null;
}

// ---------------------------------------------------------------------------------------------
// Scalar fallback (and the reference the tests hold the wasm kernel to).

/** Byte offset of value i of row r in the block layout above (stride: values per row, a multiple of 16). */
export function blockedIndex8(r: number, i: number, stride: number): number {
  return (r >> 2) * 4 * stride + (i >> 3) * 32 + (r & 3) * 8 + (i & 7);
}

/**
 * out[r] = the integer dot product of row r and the probe for r < rows, over the block layout above
 * (only the first `dim` values of each row are read). Exact while every |sum| stays below 2^31.
 */
export function dotAllI8Js(matrix: Int8Array, stride: number, probe: Int16Array, dim: number, rows: number, out: Int32Array): void {
  const fullChunks = dim >> 3;
  for (let b = 0; b * 4 < rows; b++) {
    let s0 = 0,
      s1 = 0,
      s2 = 0,
      s3 = 0;
    let o = b * 4 * stride;
    for (let c = 0; c < fullChunks; c++, o += 32) {
      for (let i = 0, v = c * 8; i < 8; i++, v++) {
        const p = probe[v]!;
        s0 += matrix[o + i]! * p;
        s1 += matrix[o + 8 + i]! * p;
        s2 += matrix[o + 16 + i]! * p;
        s3 += matrix[o + 24 + i]! * p;
      }
    }
    for (let i = 0, v = fullChunks * 8; v < dim; i++, v++) {
      const p = probe[v]!;
      s0 += matrix[o + i]! * p;
      s1 += matrix[o + 8 + i]! * p;
      s2 += matrix[o + 16 + i]! * p;
      s3 += matrix[o + 24 + i]! * p;
    }
    const r = b * 4;
    out[r] = s0;
    if (r + 1 < rows) out[r + 1] = s1;
    if (r + 2 < rows) out[r + 2] = s2;
    if (r + 3 < rows) out[r + 3] = s3;
  }
}

// ---------------------------------------------------------------------------------------------
// The quantised matrix and the candidate search.

const PAGE_BYTES = 65536;
const ROW_LEVELS = 127;

/**
 * Largest probe level such that no score can overflow int32: |sum| <= stride * 127 * level. 32767
 * (the int16 maximum) up to 516 values a row; fewer levels for longer rows.
 */
export function probeLevels(stride: number): number {
  return Math.min(32767, Math.floor(0x7fffffff / (ROW_LEVELS * stride)));
}

/**
 * An int8 copy (symmetric, one scale per row) of an N x dim f32 matrix, kept row for row in step
 * with it by the caller, that finds the candidate rows of a top-k search (see `candidates`).
 */
export class I8Matrix {
  readonly kernel: DotKernel;
  /** Values per row in storage (dim rounded up to a multiple of 16; the padding stays zero). */
  readonly stride: number;
  private readonly levels: number;
  private capacityRows = 0;
  private memory: WebAssembly.Memory | null = null;
  private dots: ((mat: number, probe: number, out: number, blocks: number, strideBytes: number) => void) | null = null;
  /** Byte offset of row storage in `i8`: after the int16 probe in wasm memory, 0 otherwise. */
  private readonly base: number;
  private i8 = new Int8Array(0);
  private probe16: Int16Array;
  private jsScores = new Int32Array(0);
  // Per row: scale (value = scale * level), |reconstruction|, |f32 row - reconstruction|, |f32 row|.
  private scale = new Float64Array(0);
  private qNorm = new Float64Array(0);
  private errNorm = new Float64Array(0);
  private norm = new Float64Array(0);
  /** Maxima of qNorm, errNorm and norm over the rows searched last; recomputed after any row changes. */
  private maxRows = -1;
  private maxQNorm = 0;
  private maxErrNorm = 0;
  private maxNorm = 0;
  /** The top-k values of the current search, best first. */
  private top = new Float64Array(0);

  constructor(
    readonly dim: number,
    prefer: DotKernel = 'wasm-simd',
  ) {
    if (!Number.isInteger(dim) || dim < 1) throw new RangeError(`dim must be a positive integer, got ${dim}`);
    this.stride = Math.ceil(dim / 16) * 16;
    this.levels = probeLevels(this.stride);
    const module = prefer === 'wasm-simd' ? int8Module() : null;
    if (module) {
      this.memory = new WebAssembly.Memory({ initial: 1 });
      const instance = new WebAssembly.Instance(module, { env: { memory: this.memory } });
      this.dots = instance.exports['dots8'] as (mat: number, probe: number, out: number, blocks: number, strideBytes: number) => void;
      this.kernel = 'wasm-simd';
      this.base = this.stride * 2;
    } else {
      this.kernel = 'js';
      this.base = 0;
    }
    this.probe16 = new Int16Array(this.stride);
    this.reserve(4);
  }

  get capacity(): number {
    return this.capacityRows;
  }

  /** Makes room for at least `rows` rows, doubling so that adding N rows costs O(N) copies overall. */
  reserve(rows: number): void {
    if (rows <= this.capacityRows) return;
    const capacity = Math.ceil(Math.max(rows, this.capacityRows * 2, 4) / 4) * 4;
    if (this.memory) {
      // probe + rows + scores; growing in place keeps existing rows where they are, but moves the scores.
      const bytes = this.base + capacity * this.stride + capacity * 4;
      const pages = Math.ceil(bytes / PAGE_BYTES);
      const have = this.memory.buffer.byteLength / PAGE_BYTES;
      if (pages > have) this.memory.grow(pages - have);
      this.i8 = new Int8Array(this.memory.buffer);
      this.probe16 = new Int16Array(this.memory.buffer, 0, this.stride);
    } else {
      const next = new Int8Array(capacity * this.stride);
      next.set(this.i8);
      this.i8.fill(0);
      this.i8 = next;
      this.jsScores = new Int32Array(capacity);
    }
    const grow = (old: Float64Array) => {
      const next = new Float64Array(capacity);
      next.set(old);
      return next;
    };
    this.scale = grow(this.scale);
    this.qNorm = grow(this.qNorm);
    this.errNorm = grow(this.errNorm);
    this.norm = grow(this.norm);
    this.capacityRows = capacity;
  }

  private checkRow(r: number): void {
    if (!Number.isInteger(r) || r < 0 || r >= this.capacityRows) throw new RangeError(`row ${r} outside capacity ${this.capacityRows}`);
  }

  /**
   * Quantises `values` (dim of them, as the f32 matrix stores them: each is rounded to f32 first)
   * into row r, and records the error bound's terms for it.
   */
  setRow(r: number, values: ArrayLike<number>): void {
    this.checkRow(r);
    const dim = this.dim,
      stride = this.stride,
      i8 = this.i8,
      base = this.base;
    let max = 0;
    for (let i = 0; i < dim; i++) max = Math.max(max, Math.abs(Math.fround(values[i]!)));
    if (!Number.isFinite(max)) throw new RangeError('row has a NaN or infinite value');
    const scale = max / ROW_LEVELS;
    let q2 = 0,
      e2 = 0,
      x2 = 0;
    for (let i = 0; i < dim; i++) {
      const x = Math.fround(values[i]!);
      const level = scale > 0 ? Math.round(x / scale) : 0;
      i8[base + blockedIndex8(r, i, stride)] = level;
      const y = scale * level;
      q2 += y * y;
      e2 += (x - y) * (x - y);
      x2 += x * x;
    }
    for (let i = dim; i < stride; i++) i8[base + blockedIndex8(r, i, stride)] = 0;
    this.scale[r] = scale;
    this.qNorm[r] = Math.sqrt(q2);
    this.errNorm[r] = Math.sqrt(e2);
    this.norm[r] = Math.sqrt(x2);
    this.maxRows = -1;
  }

  /** Zeroes every row, the probe slot, the scores and the per-row terms (the rows stay usable: all zero). */
  wipe(): void {
    this.i8.fill(0);
    this.probe16.fill(0);
    this.jsScores.fill(0);
    this.scale.fill(0);
    this.qNorm.fill(0);
    this.errNorm.fill(0);
    this.norm.fill(0);
    this.top.fill(0);
    this.maxRows = -1;
  }

  /** The levels of row r (dim integers in [-127, 127]) and its scale. */
  getRow(r: number): { levels: Int8Array; scale: number } {
    this.checkRow(r);
    const levels = new Int8Array(this.dim);
    for (let i = 0; i < this.dim; i++) levels[i] = this.i8[this.base + blockedIndex8(r, i, this.stride)]!;
    return { levels, scale: this.scale[r]! };
  }

  /** Copies row `from` over row `to` (used to keep rows dense when one is removed). */
  moveRow(from: number, to: number): void {
    this.checkRow(from);
    this.checkRow(to);
    if (from === to) return;
    const i8 = this.i8,
      base = this.base,
      stride = this.stride;
    for (let i = 0; i < stride; i++) i8[base + blockedIndex8(to, i, stride)] = i8[base + blockedIndex8(from, i, stride)]!;
    this.scale[to] = this.scale[from]!;
    this.qNorm[to] = this.qNorm[from]!;
    this.errNorm[to] = this.errNorm[from]!;
    this.norm[to] = this.norm[from]!;
    this.maxRows = -1;
  }

  /**
   * Integer scores of the first `rows` rows against an int16 probe (stride values, the padding zero).
   * The returned view belongs to the matrix: read it before the next call or mutation.
   */
  dotAllLevels(probe: Int16Array, rows: number): Int32Array {
    if (probe.length !== this.stride) throw new RangeError(`probe has ${probe.length} levels, expected ${this.stride}`);
    if (!Number.isInteger(rows) || rows < 0 || rows > this.capacityRows)
      throw new RangeError(`rows ${rows} outside capacity ${this.capacityRows}`);
    if (probe !== this.probe16) this.probe16.set(probe);
    return this.scoreProbe16(rows);
  }

  private scoreProbe16(rows: number): Int32Array {
    if (this.dots && this.memory) {
      const outBytes = this.base + this.capacityRows * this.stride;
      this.dots(this.base, 0, outBytes, Math.ceil(rows / 4), this.stride);
      return new Int32Array(this.memory.buffer, outBytes, rows);
    }
    const out = this.jsScores.subarray(0, rows);
    dotAllI8Js(this.i8, this.stride, this.probe16, this.dim, rows, out);
    return out;
  }

  /**
   * Writes to `out`, ascending, every row r < rows whose f32 dot product with `probe` could be among
   * the k largest, and returns how many. "Could be" is proven, not estimated: with the row x = x^ + e
   * (x^ its int8 reconstruction) and the probe p = p^ + d (p^ its int16 one), x.p differs from x^.p^
   * by at most |x^||d| + |e||p|, and any f32 summation of dim products by at most
   * (dim + 16) 2^-23 |x||p|. A row whose upper bound is below the k-th largest lower bound has k rows
   * strictly ahead of it, whatever the rounding: it cannot rank in the top k, even on ties.
   */
  candidates(probe: Float32Array, rows: number, k: number, out: Int32Array): number {
    if (probe.length !== this.dim) throw new RangeError(`probe has ${probe.length} values, expected ${this.dim}`);
    if (!Number.isInteger(rows) || rows < 0 || rows > this.capacityRows)
      throw new RangeError(`rows ${rows} outside capacity ${this.capacityRows}`);
    if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a positive integer, got ${k}`);
    if (out.length < rows) throw new RangeError(`out holds ${out.length} rows, needs ${rows}`);
    if (rows <= k) {
      for (let r = 0; r < rows; r++) out[r] = r;
      return rows;
    }
    // Quantise the probe: p^ = pScale * level.
    const dim = this.dim;
    let max = 0,
      p2 = 0;
    for (let i = 0; i < dim; i++) {
      const x = probe[i]!;
      max = Math.max(max, Math.abs(x));
      p2 += x * x;
    }
    if (!(max > 0 && Number.isFinite(p2))) {
      // A zero (or non-finite) probe leaves no order to prune by: every row is a candidate.
      for (let r = 0; r < rows; r++) out[r] = r;
      return rows;
    }
    const pScale = max / this.levels;
    const probe16 = this.probe16;
    let d2 = 0;
    for (let i = 0; i < dim; i++) {
      const level = Math.round(probe[i]! / pScale);
      probe16[i] = level;
      const d = probe[i]! - pScale * level;
      d2 += d * d;
    }
    probe16.fill(0, dim);
    const scores = this.scoreProbe16(rows);

    if (this.maxRows !== rows) this.refreshMaxima(rows);
    const pNorm = Math.sqrt(p2);
    const bound = this.maxQNorm * Math.sqrt(d2) + this.maxErrNorm * pNorm + (dim + 16) * 2 ** -23 * this.maxNorm * pNorm;
    // Rows are compared by v = scale * level score (the approximate dot product over pScale). Two
    // bounds separate a row's upper bound from the k-th lower one; the factor and the term cover the
    // rounding of these few float64 operations with a wide margin.
    const window = ((2 * bound) / pScale) * (1 + 1e-9) + 1e-9;

    // One pass: keep the top k values; collect every row within `window` of the running k-th value.
    // The running k-th only rises, so this keeps a superset of the final candidates.
    const scale = this.scale;
    const top = this.top.length >= k ? this.top : (this.top = new Float64Array(k));
    let filled = 0;
    let kth = -Infinity;
    let cut = -Infinity;
    let count = 0;
    for (let r = 0; r < rows; r++) {
      const v = scores[r]! * scale[r]!;
      if (v < cut) continue;
      out[count++] = r;
      if (filled === k && !(v > kth)) continue;
      let j = filled < k ? filled++ : k - 1;
      while (j > 0 && v > top[j - 1]!) {
        top[j] = top[j - 1]!;
        j--;
      }
      top[j] = v;
      if (filled === k) {
        kth = top[k - 1]!;
        cut = kth - window;
      }
    }
    // Keep only those within the window of the final k-th value.
    let kept = 0;
    for (let j = 0; j < count; j++) {
      const r = out[j]!;
      if (scores[r]! * scale[r]! >= cut) out[kept++] = r;
    }
    return kept;
  }

  private refreshMaxima(rows: number): void {
    let q = 0,
      e = 0,
      x = 0;
    for (let r = 0; r < rows; r++) {
      q = Math.max(q, this.qNorm[r]!);
      e = Math.max(e, this.errNorm[r]!);
      x = Math.max(x, this.norm[r]!);
    }
    this.maxQNorm = q;
    this.maxErrNorm = e;
    this.maxNorm = x;
    this.maxRows = rows;
  }
}
