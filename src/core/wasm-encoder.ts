// A minimal WebAssembly binary encoder for the matcher's kernels (simd-dot.ts, int8-dot.ts): just the
// opcodes they need, so the kernels ship as code (no toolchain, no fetch) and compile synchronously.

export const I32 = 0x7f;
export const V128 = 0x7b;
const VOID_BLOCK = 0x40;

export function uleb(value: number): number[] {
  const out: number[] = [];
  let v = value >>> 0;
  do {
    let byte = v & 0x7f;
    v >>>= 7;
    if (v !== 0) byte |= 0x80;
    out.push(byte);
  } while (v !== 0);
  return out;
}

export function sleb(value: number): number[] {
  const out: number[] = [];
  let v = value | 0;
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    const done = (v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}

const utf8 = (s: string): number[] => [...uleb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];
export const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];
// SIMD opcodes sit behind the 0xfd prefix, with a LEB-encoded sub-opcode.
const simd = (code: number) => [0xfd, ...uleb(code)];

export const op = {
  block: [0x02, VOID_BLOCK],
  loop: [0x03, VOID_BLOCK],
  end: [0x0b],
  br: (depth: number) => [0x0c, ...uleb(depth)],
  brIf: (depth: number) => [0x0d, ...uleb(depth)],
  get: (local: number) => [0x20, ...uleb(local)],
  set: (local: number) => [0x21, ...uleb(local)],
  tee: (local: number) => [0x22, ...uleb(local)],
  i32: (value: number) => [0x41, ...sleb(value)],
  i32Add: [0x6a],
  i32Sub: [0x6b],
  i32LtU: [0x49],
  i32Eqz: [0x45],
  f32Add: [0x92],
  // Stores at natural alignment (2^2), byte offset immediate.
  i32Store: (offset: number) => [0x36, 2, ...uleb(offset)],
  f32Store: (offset: number) => [0x38, 2, ...uleb(offset)],
  v128Load: (offset: number) => [...simd(0x00), 4, ...uleb(offset)],
  /** Loads 8 bytes and sign-extends them to eight i16 lanes. */
  v128Load8x8S: (offset: number) => [...simd(0x01), 3, ...uleb(offset)],
  v128Zero: [...simd(0x0c), ...new Array<number>(16).fill(0)],
  i32x4ExtractLane: (lane: number) => [...simd(0x1b), lane],
  f32x4ExtractLane: (lane: number) => [...simd(0x1f), lane],
  i32x4Add: simd(0xae),
  /** Multiplies i16 lanes pairwise and adds adjacent products into four i32 lanes. */
  i32x4DotI16x8S: simd(0xba),
  f32x4Add: simd(0xe4),
  f32x4Mul: simd(0xe6),
};

/** Body of one function: its locals (runs of [count, type]) and instructions, length-prefixed. */
export function functionBody(locals: Array<[number, number]>, body: number[]): number[] {
  const code = [...vec(locals.map(([count, type]) => [...uleb(count), type])), ...body, ...op.end];
  return [...uleb(code.length), ...code];
}

/**
 * A module with one exported function `name` taking `params` i32 arguments and returning nothing,
 * whose memory is imported as env.memory (at least one page, no maximum).
 */
export function singleFunctionModule(name: string, params: number, body: number[]): Uint8Array<ArrayBuffer> {
  const bytes = [
    0x00,
    0x61,
    0x73,
    0x6d,
    0x01,
    0x00,
    0x00,
    0x00,
    ...section(1, vec([[0x60, ...vec(new Array<number[]>(params).fill([I32])), ...vec([])]])),
    ...section(2, vec([[...utf8('env'), ...utf8('memory'), 0x02, 0x00, ...uleb(1)]])),
    ...section(3, vec([[...uleb(0)]])),
    ...section(7, vec([[...utf8(name), 0x00, ...uleb(0)]])),
    ...section(10, vec([body])),
  ];
  return new Uint8Array(bytes);
}

/**
 * Compiles `bytes`, or returns null where WebAssembly or its SIMD extension is missing or refused (a
 * CSP without 'wasm-unsafe-eval' makes compilation throw). The kernels are a few hundred bytes, well
 * under Chromium's 4 KB limit for synchronous compilation on the main thread.
 */
export function compileOrNull(bytes: Uint8Array<ArrayBuffer>): WebAssembly.Module | null {
  try {
    if (typeof WebAssembly === 'object' && WebAssembly.validate(bytes)) return new WebAssembly.Module(bytes);
  } catch {
    // Falls through to null: the caller uses its scalar kernel.
  }
  return null;
}
