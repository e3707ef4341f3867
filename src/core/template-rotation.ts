// The district's secret orthogonal rotation of face templates (ISO/IEC 24745 unlinkability and renewability).
// A seed (derived from the district key elsewhere) fixes R = H4·H3·H2·H1·P·S: random signs S, a permutation P and
// four Householder reflections. R is orthogonal, so cosine scores are unchanged; two seeds give unrelated spaces.

const REFLECTIONS = 4;

/** sfc32: a small, fast PRNG; its output only has to be unpredictable given that the seed is secret. */
function sfc32(seed: Uint8Array): () => number {
  if (seed.length < 16) throw new RangeError('a rotation seed has at least 16 bytes');
  const v = new DataView(seed.buffer, seed.byteOffset, seed.byteLength);
  let a = v.getUint32(0);
  let b = v.getUint32(4);
  let c = v.getUint32(8);
  let d = v.getUint32(12);
  for (let i = 16; i + 4 <= seed.length; i += 4) a ^= v.getUint32(i);
  const next = () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 32; i++) next();
  return next;
}

export class TemplateRotation {
  private readonly signs: Float64Array;
  private readonly perm: Uint32Array;
  private readonly reflections: Float64Array[];

  /** `keyVersion` names the district key the seed came from; templates record it. */
  constructor(
    seed: Uint8Array,
    readonly dim: number,
    readonly keyVersion: number,
  ) {
    const rand = sfc32(seed);
    this.signs = Float64Array.from({ length: dim }, () => (rand() < 0.5 ? -1 : 1));
    this.perm = Uint32Array.from({ length: dim }, (_, i) => i);
    for (let i = dim - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [this.perm[i], this.perm[j]] = [this.perm[j]!, this.perm[i]!];
    }
    const gauss = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
    this.reflections = Array.from({ length: REFLECTIONS }, () => {
      const h = Float64Array.from({ length: dim }, gauss);
      let n = 0;
      for (const x of h) n += x * x;
      const inv = 1 / Math.sqrt(n);
      for (let i = 0; i < dim; i++) h[i]! *= inv;
      return h;
    });
  }

  /** R·v (a new array). */
  apply(v: Float32Array): Float32Array {
    if (v.length !== this.dim) throw new RangeError(`expected ${this.dim} values, got ${v.length}`);
    const y = new Float64Array(this.dim);
    for (let i = 0; i < this.dim; i++) y[this.perm[i]!] = v[i]! * this.signs[i]!;
    for (const h of this.reflections) reflect(y, h);
    return Float32Array.from(y);
  }

  /** Rᵀ·v: undoes `apply` (used only to move templates to a new key when the district re-keys). */
  invert(v: Float32Array): Float32Array {
    if (v.length !== this.dim) throw new RangeError(`expected ${this.dim} values, got ${v.length}`);
    const y = Float64Array.from(v);
    for (let k = this.reflections.length - 1; k >= 0; k--) reflect(y, this.reflections[k]!);
    const out = new Float32Array(this.dim);
    for (let i = 0; i < this.dim; i++) out[i] = y[this.perm[i]!]! * this.signs[i]!;
    return out;
  }
}

/** y ← (I − 2hhᵀ)·y for a unit h. */
function reflect(y: Float64Array, h: Float64Array): void {
  let dot = 0;
  for (let i = 0; i < y.length; i++) dot += h[i]! * y[i]!;
  const k = 2 * dot;
  for (let i = 0; i < y.length; i++) y[i]! -= k * h[i]!;
}
