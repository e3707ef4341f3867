// ArcFace-style 512-d embedder (fr_feature.onnx) on onnxruntime-web. Input: the 112x112 aligned face,
// NCHW BGR (v-127)/128. Output: an L2-normalised Float32Array plus the raw norm (a quality signal).
import type { InferenceSession } from 'onnxruntime-web';
import { ALIGNED_SIZE } from '../../core/align';
import { l2normalize, toEmbedderInput, type RgbaImage } from '../../core/tensor';
import type { OrtRuntime } from '../ort-runtime';

import { EMBEDDER_MODEL_ID } from '../../protocol/template-model';

export { EMBEDDER_MODEL_ID };
/**
 * The manifest entry of the same embedder with its pointwise convolutions on int8 (config embedderPrecision). Its
 * embeddings are in the same space, so templates keep EMBEDDER_MODEL_ID whichever file made them.
 */
export const EMBEDDER_INT8_FILE_ID = 'embedder-arcface-int8';

/**
 * The manifest entry to load: 'auto' takes the int8 file on wasm (about a third cheaper an embedding, same accuracy,
 * README Models) and the float32 one on WebGPU, whose execution provider lacks the integer convolution.
 */
export function embedderFileId(precision: 'auto' | 'float32' | 'int8', backend: 'wasm' | 'webgpu'): string {
  const int8 = precision === 'int8' || (precision === 'auto' && backend === 'wasm');
  return int8 ? EMBEDDER_INT8_FILE_ID : EMBEDDER_MODEL_ID;
}
export const EMBEDDING_DIM = 512;

export type FlipMode = 'average' | 'original' | 'mirrored';

export interface EmbedResult {
  embedding: Float32Array;
  /** Norm of the raw (unflipped) embedding before normalisation. */
  rawNorm: number;
}

export class EmbedderModel {
  private readonly input = new Float32Array(3 * ALIGNED_SIZE * ALIGNED_SIZE);

  private constructor(
    private readonly runtime: OrtRuntime,
    private readonly session: InferenceSession,
  ) {}

  static async load(runtime: OrtRuntime, bytes: Uint8Array): Promise<EmbedderModel> {
    return new EmbedderModel(runtime, await runtime.createSession(bytes, 'embedder'));
  }

  private async runOnce(face: RgbaImage, mirror: boolean): Promise<Float32Array> {
    toEmbedderInput(face, mirror, this.input);
    const { Tensor } = this.runtime.ort;
    const out = await this.session.run({
      [this.session.inputNames[0]!]: new Tensor('float32', this.input, [1, 3, ALIGNED_SIZE, ALIGNED_SIZE]),
    });
    return Float32Array.from(out[this.session.outputNames[0]!]!.data as Float32Array);
  }

  /**
   * Embeds the face. `average`: the face and its mirror image, averaged (best for a single photo,
   * twice the cost); `original` / `mirrored`: one run; the gate alternates them from frame to frame,
   * so that fusing frames averages both orientations at the cost of one run a frame.
   */
  async run(face: RgbaImage, flip: FlipMode): Promise<EmbedResult> {
    if (face.width !== ALIGNED_SIZE || face.height !== ALIGNED_SIZE) throw new RangeError('the embedder needs a 112x112 face');
    const embedding = await this.runOnce(face, flip === 'mirrored');
    const rawNorm = l2normalize(embedding);
    if (flip === 'average') {
      const mirrored = await this.runOnce(face, true);
      l2normalize(mirrored);
      for (let i = 0; i < embedding.length; i++) embedding[i]! += mirrored[i]!;
      l2normalize(embedding);
    }
    return { embedding, rawNorm };
  }
}
