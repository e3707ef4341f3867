// Templates travel as half-precision values: the conversion must round like IEEE 754 (nearest, ties to even), keep
// the edges (subnormals, infinities, NaN) and, what a user would notice, change no match score.
import { describe, expect, it } from 'vitest';
import { decodeHalves, encodeHalves, fromHalfBits, toHalfBits } from '../../../src/core/half-float';

function unitVector(seed: number, n = 512): Float32Array {
  let s = seed >>> 0;
  const next = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32) * 2 - 1;
  const v = Float32Array.from({ length: n }, next);
  const norm = Math.hypot(...v);
  return v.map((x) => x / norm);
}

const dot = (a: Float32Array, b: Float32Array) => a.reduce((sum, x, i) => sum + x * b[i]!, 0);

describe('half precision', () => {
  it('keeps exactly what a half can hold', () => {
    for (const v of [0, 1, -1, 0.5, 65504, -65504, 2 ** -14, 2 ** -24, 0.0999755859375]) expect(fromHalfBits(toHalfBits(v))).toBe(v);
    expect(toHalfBits(1)).toBe(0x3c00);
    expect(toHalfBits(-2)).toBe(0xc000);
    expect(toHalfBits(-0)).toBe(0x8000);
  });

  it('rounds to the nearest half, ties to even, and overflows to infinity', () => {
    // 1 + 2^-11 lies halfway between 1 and 1 + 2^-10: the even one (1) wins; 1 + 3 * 2^-11 goes up to 1 + 2^-9.
    expect(fromHalfBits(toHalfBits(1 + 2 ** -11))).toBe(1);
    expect(fromHalfBits(toHalfBits(1 + 3 * 2 ** -11))).toBe(1 + 2 ** -9);
    expect(fromHalfBits(toHalfBits(1 + 2 ** -11 + 2 ** -20))).toBe(1 + 2 ** -10);
    expect(fromHalfBits(toHalfBits(65520))).toBe(Infinity);
    expect(fromHalfBits(toHalfBits(-1e9))).toBe(-Infinity);
    expect(fromHalfBits(toHalfBits(Infinity))).toBe(Infinity);
    expect(Number.isNaN(fromHalfBits(toHalfBits(NaN)))).toBe(true);
    // Subnormals: 3 * 2^-25 is halfway between 2^-24 and 2^-23: the even one (2^-23).
    expect(fromHalfBits(toHalfBits(3 * 2 ** -25))).toBe(2 ** -23);
    expect(fromHalfBits(toHalfBits(2 ** -26))).toBe(0);
  });

  it('round-trips a template with a relative error below 2^-11 per value and leaves every score within 1e-4', () => {
    const a = unitVector(1);
    const b = unitVector(2);
    const bytes = encodeHalves(a);
    expect(bytes.length).toBe(1024);
    const back = decodeHalves(bytes);
    a.forEach((x, i) => expect(Math.abs(back[i]! - x)).toBeLessThanOrEqual(Math.abs(x) * 2 ** -11 + 2 ** -25));
    expect(dot(a, back)).toBeGreaterThan(0.9999);
    expect(Math.abs(dot(back, b) - dot(a, b))).toBeLessThan(1e-4);
    expect(() => decodeHalves(new Uint8Array(3))).toThrow(RangeError);
  });
});
