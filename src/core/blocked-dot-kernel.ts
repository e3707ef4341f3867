// The loop both matcher kernels share (f32 in simd-dot.ts, int8 in int8-dot.ts): one probe against
// rows stored in blocks of 4, two probe chunks a step, two accumulators per row. Each kernel supplies
// only its lane operations; the function is kernel(mat, probe, out, blocks, strideBytes).
import { functionBody, I32, op, V128 } from './wasm-encoder';

/** What differs between the kernels: how a row chunk is loaded and multiplied, and the lane type. */
export interface LaneOps {
  /** Loads one row chunk as a v128 (e.g. v128.load, or load8x8_s widening 8 int8 to int16). */
  load(offset: number): number[];
  /** Multiplies the loaded chunk with the probe vector into lanes that can be added up (f32x4.mul, i32x4.dot_i16x8_s). */
  multiply: number[];
  /** Adds two v128 of lanes (f32x4.add, i32x4.add). */
  addVectors: number[];
  extractLane(lane: number): number[];
  /** Adds two scalars (f32.add, i32.add). */
  addScalars: number[];
  /** Stores one scalar score at out + offset (f32.store, i32.store). */
  store(offset: number): number[];
  /** Bytes one row chunk takes (16: four f32; 8: eight int8); the probe chunk is always 16 bytes. */
  rowChunkBytes: number;
  /** Probe bytes per row byte (1 for f32 rows; 2 for int8 rows against an int16 probe). */
  probeBytesPerRowByte: 1 | 2;
}

const P_MAT = 0,
  P_PROBE = 1,
  P_OUT = 2,
  P_BLOCKS = 3,
  P_STRIDE = 4;
const L_PP = 5,
  L_END = 6,
  L_T = 7;
const L_ACC = 8; // 8 v128 accumulators: 8..15, row k uses L_ACC + 2k (even chunks) and + 2k + 1 (odd)
const L_P = 16,
  L_Q = 17;

/** Number of parameters of the kernel function. */
export const BLOCKED_KERNEL_PARAMS = 5;

export function blockedDotKernelBody(lanes: LaneOps): number[] {
  const acc = (k: number) => L_ACC + k;
  // acc[k] += multiply(load(t + offset), probeVec)
  const multiplyAdd = (k: number, offset: number, probeVec: number) => [
    ...op.get(acc(k)),
    ...op.get(L_T),
    ...lanes.load(offset),
    ...op.get(probeVec),
    ...lanes.multiply,
    ...lanes.addVectors,
    ...op.set(acc(k)),
  ];
  // Pushes the horizontal sum of acc[a] + acc[b] (uses L_P as scratch).
  const hsum = (a: number, b: number) => [
    ...op.get(acc(a)),
    ...op.get(acc(b)),
    ...lanes.addVectors,
    ...op.tee(L_P),
    ...lanes.extractLane(0),
    ...op.get(L_P),
    ...lanes.extractLane(1),
    ...lanes.addScalars,
    ...op.get(L_P),
    ...lanes.extractLane(2),
    ...lanes.addScalars,
    ...op.get(L_P),
    ...lanes.extractLane(3),
    ...lanes.addScalars,
  ];
  const addConst = (local: number, value: number) => [...op.get(local), ...op.i32(value), ...op.i32Add, ...op.set(local)];
  const rows = [0, 1, 2, 3];
  const chunk = lanes.rowChunkBytes;
  // The probe's end: strideBytes row bytes correspond to strideBytes * probeBytesPerRowByte probe bytes.
  const probeEnd =
    lanes.probeBytesPerRowByte === 2
      ? [...op.get(P_STRIDE), ...op.i32Add, ...op.get(P_STRIDE), ...op.i32Add]
      : [...op.get(P_STRIDE), ...op.i32Add];

  const body = [
    ...op.block,
    ...op.loop,
    ...op.get(P_BLOCKS),
    ...op.i32Eqz,
    ...op.brIf(1),
    ...[0, 1, 2, 3, 4, 5, 6, 7].flatMap((k) => [...op.v128Zero, ...op.set(acc(k))]),
    ...op.get(P_PROBE),
    ...op.tee(L_PP),
    ...probeEnd,
    ...op.set(L_END),
    ...op.get(P_MAT),
    ...op.set(L_T),
    // Two probe chunks (32 bytes) a step against the matching 2 x 4 row chunks of the block.
    ...op.loop,
    ...op.get(L_PP),
    ...op.v128Load(0),
    ...op.set(L_P),
    ...op.get(L_PP),
    ...op.v128Load(16),
    ...op.set(L_Q),
    ...rows.flatMap((k) => multiplyAdd(2 * k, k * chunk, L_P)),
    ...rows.flatMap((k) => multiplyAdd(2 * k + 1, 4 * chunk + k * chunk, L_Q)),
    ...addConst(L_T, 8 * chunk),
    ...op.get(L_PP),
    ...op.i32(32),
    ...op.i32Add,
    ...op.tee(L_PP),
    ...op.get(L_END),
    ...op.i32LtU,
    ...op.brIf(0),
    ...op.end,
    ...rows.flatMap((k) => [...op.get(P_OUT), ...hsum(2 * k, 2 * k + 1), ...lanes.store(4 * k)]),
    ...addConst(P_OUT, 16),
    // t has walked exactly one block (4 * strideBytes): it is the next block's start.
    ...op.get(L_T),
    ...op.set(P_MAT),
    ...op.get(P_BLOCKS),
    ...op.i32(1),
    ...op.i32Sub,
    ...op.set(P_BLOCKS),
    ...op.br(0),
    ...op.end,
    ...op.end,
  ];
  return functionBody(
    [
      [3, I32],
      [10, V128],
    ],
    body,
  );
}
