// Pure pixel-to-tensor conversions for the three models, from RGBA pixels (ImageData layout).
// Each model's normalisation constants sit next to its conversion so they cannot drift apart.

export interface RgbaImage {
  data: Uint8ClampedArray | Uint8Array;
  width: number;
  height: number;
}

/** BlazeFace: NHWC RGB, (v - 127.5) / 127.5. */
export function toBlazeFaceInput(img: RgbaImage, out = new Float32Array(img.width * img.height * 3)): Float32Array {
  const { data } = img;
  const n = img.width * img.height;
  for (let i = 0, o = 0; i < n; i++, o += 3) {
    const p = i * 4;
    out[o] = (data[p]! - 127.5) / 127.5;
    out[o + 1] = (data[p + 1]! - 127.5) / 127.5;
    out[o + 2] = (data[p + 2]! - 127.5) / 127.5;
  }
  return out;
}

/** RetinaFace mnet.25: NCHW RGB, 0..255, no normalisation. */
export function toRetinaFaceInput(img: RgbaImage, out = new Float32Array(img.width * img.height * 3)): Float32Array {
  const { data } = img;
  const plane = img.width * img.height;
  for (let i = 0; i < plane; i++) {
    const p = i * 4;
    out[i] = data[p]!;
    out[plane + i] = data[p + 1]!;
    out[2 * plane + i] = data[p + 2]!;
  }
  return out;
}

/**
 * ArcFace embedder input: NCHW **BGR**, (v - 127) / 128 (BGR measured clearly better for fr_feature.onnx).
 * `mirror` writes the horizontally flipped face (for flip averaging).
 */
export function toEmbedderInput(img: RgbaImage, mirror = false, out = new Float32Array(img.width * img.height * 3)): Float32Array {
  const { data, width, height } = img;
  const plane = width * height;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const src = (y * width + (mirror ? width - 1 - x : x)) * 4;
      const dst = y * width + x;
      out[dst] = (data[src + 2]! - 127) / 128;
      out[plane + dst] = (data[src + 1]! - 127) / 128;
      out[2 * plane + dst] = (data[src]! - 127) / 128;
    }
  }
  return out;
}

/** L2-normalises in place; returns the norm before normalisation (0 means the vector is unusable). */
export function l2normalize(v: Float32Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]! * v[i]!;
  const norm = Math.sqrt(s);
  if (norm > 0 && Number.isFinite(norm)) for (let i = 0; i < v.length; i++) v[i]! /= norm;
  return norm;
}

/** Luma (BT.601) of each pixel. */
export function luma(img: RgbaImage): Float32Array {
  const n = img.width * img.height;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const p = i * 4;
    out[i] = 0.299 * img.data[p]! + 0.587 * img.data[p + 1]! + 0.114 * img.data[p + 2]!;
  }
  return out;
}

/**
 * Bilinear warp of an RGBA image into `size` x `size` RGBA through the inverse of `toCrop`
 * (frame -> crop). Pixels from outside the frame are black.
 */
export function warpAffineRgba(
  src: RgbaImage,
  inverse: { a: number; b: number; c: number; d: number; e: number; f: number },
  size: number,
  out = new Uint8ClampedArray(size * size * 4),
): RgbaImage {
  const { data, width, height } = src;
  for (let v = 0; v < size; v++) {
    for (let u = 0; u < size; u++) {
      // Pixel centres: sample the source at the centre of the destination pixel.
      const cu = u + 0.5,
        cv = v + 0.5;
      const x = inverse.a * cu + inverse.c * cv + inverse.e - 0.5;
      const y = inverse.b * cu + inverse.d * cv + inverse.f - 0.5;
      const x0 = Math.floor(x),
        y0 = Math.floor(y);
      const fx = x - x0,
        fy = y - y0;
      const o = (v * size + u) * 4;
      for (let ch = 0; ch < 3; ch++) {
        const px = (xx: number, yy: number) => (xx < 0 || yy < 0 || xx >= width || yy >= height ? 0 : data[(yy * width + xx) * 4 + ch]!);
        const top = px(x0, y0) * (1 - fx) + px(x0 + 1, y0) * fx;
        const bottom = px(x0, y0 + 1) * (1 - fx) + px(x0 + 1, y0 + 1) * fx;
        out[o + ch] = top * (1 - fy) + bottom * fy;
      }
      out[o + 3] = 255;
    }
  }
  return { data: out, width: size, height: size };
}
