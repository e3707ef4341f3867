// Model inputs: channel order and normalisation are what each model was trained with.
import { describe, expect, it } from 'vitest';
import { l2normalize, toBlazeFaceInput, toEmbedderInput, toRetinaFaceInput } from '../../../src/core/tensor';

// 2x1 image: left pixel pure red, right pixel pure blue.
const img = { width: 2, height: 1, data: new Uint8ClampedArray([255, 0, 0, 255, 0, 0, 255, 255]) };

describe('tensor conversions', () => {
  it('embedder input is BGR, (v-127)/128, NCHW', () => {
    const t = toEmbedderInput(img);
    // channel 0 = blue: left 0, right 255
    expect(Array.from(t.slice(0, 2))).toEqual([-127 / 128, 128 / 128]);
    // channel 2 = red: left 255, right 0
    expect(Array.from(t.slice(4, 6))).toEqual([128 / 128, -127 / 128]);
  });
  it('mirrored embedder input swaps left and right', () => {
    const t = toEmbedderInput(img, true);
    expect(Array.from(t.slice(0, 2))).toEqual([128 / 128, -127 / 128]);
  });
  it('RetinaFace input is RGB 0..255 NCHW; BlazeFace NHWC in -1..1', () => {
    expect(Array.from(toRetinaFaceInput(img))).toEqual([255, 0, 0, 0, 0, 255]);
    expect(Array.from(toBlazeFaceInput(img))).toEqual([1, -1, -1, -1, -1, 1]);
  });
  it('l2normalize returns the norm and leaves a zero vector alone', () => {
    const v = new Float32Array([3, 4]);
    expect(l2normalize(v)).toBe(5);
    expect(Array.from(v)).toEqual([0.6000000238418579, 0.800000011920929]);
    const z = new Float32Array(3);
    expect(l2normalize(z)).toBe(0);
    expect(Array.from(z)).toEqual([0, 0, 0]);
  });
});
