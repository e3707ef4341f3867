// Seeded synthetic vectors for the matcher tests: the same numbers on every run and machine.
// Not a test file itself; the *.test.ts files beside it import it.
import type { ChildId, TemplateId } from '../../../src/core/types';
import { mulberry32 } from '../../support/seeded-random';

/** mulberry32: a small, well-mixed 32-bit PRNG in [0, 1). */
export const seeded = mulberry32;

/** Standard normal samples (Box-Muller), so random directions are uniform on the sphere. */
export function gaussian(random: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

export function normalise(v: ArrayLike<number>): Float32Array {
  let n = 0;
  for (let i = 0; i < v.length; i++) n += v[i]! * v[i]!;
  n = Math.sqrt(n);
  return Float32Array.from(v as ArrayLike<number>, (x) => x / n);
}

export function randomUnit(dim: number, normal: () => number): Float32Array {
  return normalise(Array.from({ length: dim }, normal));
}

/** `base` plus isotropic noise of total length `noise` (relative to the unit base), renormalised. */
export function noisy(base: Float32Array, noise: number, normal: () => number): Float32Array {
  const s = noise / Math.sqrt(base.length);
  return normalise(Array.from(base, (x) => x + s * normal()));
}

/** A dim-long vector with the given components on the first axes and zeros after (not renormalised). */
export function axes(dim: number, components: ArrayLike<number>): Float32Array {
  const v = new Float32Array(dim);
  v.set(components);
  return v;
}

export function dot64(a: ArrayLike<number>, b: ArrayLike<number>, length = a.length): number {
  let s = 0;
  for (let i = 0; i < length; i++) s += a[i]! * b[i]!;
  return s;
}

export const child = (name: string) => name as ChildId;
export const template = (name: string) => name as TemplateId;
