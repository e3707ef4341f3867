// BlazeFace short-range (128x128) on onnxruntime-web: finds faces in the whole frame, cheaply.
// Input NHWC RGB (v-127.5)/127.5; decoding (anchors, weighted NMS) is in core/detection.ts.
import type { InferenceSession } from 'onnxruntime-web';
import { BLAZEFACE_SIZE, decodeBlazeFace, type RawDetection } from '../../core/detection';
import { toBlazeFaceInput, type RgbaImage } from '../../core/tensor';
import type { OrtRuntime } from '../ort-runtime';

export const BLAZEFACE_MODEL_ID = 'detector-blazeface';

export class BlazeFaceModel {
  private readonly input = new Float32Array(BLAZEFACE_SIZE * BLAZEFACE_SIZE * 3);

  private constructor(
    private readonly runtime: OrtRuntime,
    private readonly session: InferenceSession,
  ) {}

  static async load(runtime: OrtRuntime, bytes: Uint8Array): Promise<BlazeFaceModel> {
    return new BlazeFaceModel(runtime, await runtime.createSession(bytes, 'BlazeFace'));
  }

  /** Detections in the 128x128 input's pixels. */
  async run(image: RgbaImage, minScore: number): Promise<RawDetection[]> {
    if (image.width !== BLAZEFACE_SIZE || image.height !== BLAZEFACE_SIZE) throw new RangeError('BlazeFace needs a 128x128 image');
    toBlazeFaceInput(image, this.input);
    const { Tensor } = this.runtime.ort;
    const feeds = { [this.session.inputNames[0]!]: new Tensor('float32', this.input, [1, BLAZEFACE_SIZE, BLAZEFACE_SIZE, 3]) };
    const out = await this.session.run(feeds);
    const get = (name: string) => out[name]!.data as Float32Array;
    const [s16, s8, b16, b8] = ['Identity:0', 'Identity_1:0', 'Identity_2:0', 'Identity_3:0'].map(get) as [
      Float32Array,
      Float32Array,
      Float32Array,
      Float32Array,
    ];
    return decodeBlazeFace(s16, s8, b16, b8, minScore);
  }
}
