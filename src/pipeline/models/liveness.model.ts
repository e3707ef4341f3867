// Passive liveness model (fr_liveness.onnx, MiniFASNet-like) on onnxruntime-web. Input: the 128x128 crop of the
// frame around the face (the detector box enlarged about its centre, see core/pad/liveness-input.ts), NCHW raw
// 0..255 in the measured channel order. Output: p(live), the softmax of its three logits at class 0.
import type { InferenceSession } from 'onnxruntime-web';
import { LIVENESS_INPUT_SIZE, livenessProbability, toLivenessInput, type ChannelOrder } from '../../core/pad/liveness-input';
import type { RgbaImage } from '../../core/tensor';
import type { OrtRuntime } from '../ort-runtime';

export const LIVENESS_MODEL_ID = 'pad-liveness';
/** What a PAD result names as its model: the file and the start of its sha256 (public/models/manifest.json; a test checks). */
export const LIVENESS_MODEL_VERSION = 'fr-liveness.onnx:afa783b7e902';

export class LivenessModel {
  private readonly input = new Float32Array(3 * LIVENESS_INPUT_SIZE * LIVENESS_INPUT_SIZE);

  private constructor(
    private readonly runtime: OrtRuntime,
    private readonly session: InferenceSession,
  ) {}

  static async load(runtime: OrtRuntime, bytes: Uint8Array): Promise<LivenessModel> {
    const model = new LivenessModel(runtime, await runtime.createSession(bytes, 'liveness'));
    // One run on a grey crop while loading: the first inference of a session is slow, and it must not make the
    // gate's first frame overrun the worker's frame timeout.
    const grey = new Uint8ClampedArray(LIVENESS_INPUT_SIZE * LIVENESS_INPUT_SIZE * 4).fill(128);
    await model.run({ data: grey, width: LIVENESS_INPUT_SIZE, height: LIVENESS_INPUT_SIZE }, 'bgr');
    return model;
  }

  /** p(live) of the 128x128 crop, 0..1. */
  async run(crop: RgbaImage, order: ChannelOrder): Promise<number> {
    if (crop.width !== LIVENESS_INPUT_SIZE || crop.height !== LIVENESS_INPUT_SIZE)
      throw new RangeError('the liveness model needs a 128x128 crop');
    toLivenessInput(crop, order, this.input);
    const { Tensor } = this.runtime.ort;
    const out = await this.session.run({
      [this.session.inputNames[0]!]: new Tensor('float32', this.input, [1, 3, LIVENESS_INPUT_SIZE, LIVENESS_INPUT_SIZE]),
    });
    return livenessProbability(out[this.session.outputNames[0]!]!.data as Float32Array);
  }
}
