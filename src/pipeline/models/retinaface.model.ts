// RetinaFace mnet.25 on onnxruntime-web: box + 5 ArcFace points, run on a face region or on a
// downscaled frame (the install script made its H and W symbolic). Input NCHW RGB 0..255.
import type { InferenceSession } from 'onnxruntime-web';
import { decodeRetinaFace, RETINAFACE_STRIDES, type RawDetection, type RetinaFaceLevel } from '../../core/detection';
import { toRetinaFaceInput, type RgbaImage } from '../../core/tensor';
import type { OrtRuntime } from '../ort-runtime';

export const RETINAFACE_MODEL_ID = 'landmarks-retinaface';

export class RetinaFaceModel {
  private constructor(
    private readonly runtime: OrtRuntime,
    private readonly session: InferenceSession,
  ) {}

  static async load(runtime: OrtRuntime, bytes: Uint8Array): Promise<RetinaFaceModel> {
    return new RetinaFaceModel(runtime, await runtime.createSession(bytes, 'RetinaFace'));
  }

  /** Detections in the input image's pixels. Width and height must be multiples of 32. */
  async run(image: RgbaImage, minScore: number, iouThreshold: number): Promise<RawDetection[]> {
    if (image.width % 32 !== 0 || image.height % 32 !== 0) throw new RangeError('RetinaFace needs sides that are multiples of 32');
    const input = toRetinaFaceInput(image);
    const { Tensor } = this.runtime.ort;
    const out = await this.session.run({ data: new Tensor('float32', input, [1, 3, image.height, image.width]) });
    const levels: RetinaFaceLevel[] = RETINAFACE_STRIDES.map(({ stride }) => {
      const scores = out[`face_rpn_cls_prob_reshape_stride${stride}`]!;
      return {
        stride,
        scores: scores.data as Float32Array,
        boxes: out[`face_rpn_bbox_pred_stride${stride}`]!.data as Float32Array,
        landmarks: out[`face_rpn_landmark_pred_stride${stride}`]!.data as Float32Array,
        height: scores.dims[2]!,
        width: scores.dims[3]!,
      };
    });
    return decodeRetinaFace(levels, minScore, iouThreshold);
  }
}
