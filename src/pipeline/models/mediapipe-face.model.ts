// MediaPipe Tasks' FaceDetector (@mediapipe/tasks-vision) running the short-range BlazeFace .tflite: the same job as
// blazeface.model.ts (find faces in the 128x128 letterboxed frame), on MediaPipe's runtime instead of onnxruntime.
// Its GPU (WebGL) delegate runs where the tablet has a hardware GPU, else XNNPACK on the CPU. Its wasm is served from
// our own origin (/mediapipe/, the module build, loaded with import() inside the module worker).
import type { FaceDetector } from '@mediapipe/tasks-vision';

type WasmFileset = Parameters<typeof FaceDetector.createFromOptions>[0];
import { BLAZEFACE_SIZE, type RawDetection } from '../../core/detection';
import type { RgbaImage } from '../../core/tensor';
import { PipelineError } from '../pipeline-errors';

export const MEDIAPIPE_FACE_MODEL_ID = 'detector-mediapipe-blazeface';
/** The module build of tasks-vision (needs WebAssembly SIMD, as onnxruntime-web's build does). */
export const MEDIAPIPE_WASM_FILES = { loader: 'vision_wasm_module_internal.js', binary: 'vision_wasm_module_internal.wasm' };

export type MediaPipeDelegate = 'GPU' | 'CPU';

export interface MediaPipeFaceOptions {
  /** URL prefix (ending in /) where MEDIAPIPE_WASM_FILES are served. */
  wasmBase: string;
  delegate: MediaPipeDelegate;
  minScore: number;
}

/** IoU above which MediaPipe's weighted suppression merges two boxes: 0.3, as decodeBlazeFace does on the onnx path. */
const SUPPRESSION_IOU = 0.3;

export class MediaPipeFaceModel {
  private constructor(
    private readonly detector: FaceDetector,
    readonly delegate: MediaPipeDelegate,
  ) {}

  static async load(bytes: Uint8Array, options: MediaPipeFaceOptions): Promise<MediaPipeFaceModel> {
    let vision: typeof import('@mediapipe/tasks-vision');
    try {
      vision = await import('@mediapipe/tasks-vision');
    } catch (err) {
      throw new PipelineError('runtime-failed', 'MediaPipe Tasks could not be loaded', String(err));
    }
    const base = new URL(options.wasmBase, globalThis.location.href);
    const fileset: WasmFileset = {
      wasmLoaderPath: new URL(MEDIAPIPE_WASM_FILES.loader, base).href,
      wasmBinaryPath: new URL(MEDIAPIPE_WASM_FILES.binary, base).href,
    };
    const create = async (delegate: MediaPipeDelegate) => {
      const detector = await vision.FaceDetector.createFromOptions(fileset, {
        baseOptions: { modelAssetBuffer: bytes, delegate },
        runningMode: 'IMAGE',
        minDetectionConfidence: options.minScore,
        minSuppressionThreshold: SUPPRESSION_IOU,
      });
      // The first detection sets up the graph's kernels (seconds on a slow tablet): done here, not on a camera frame.
      detector.detect(new ImageData(BLAZEFACE_SIZE, BLAZEFACE_SIZE));
      return detector;
    };
    try {
      return new MediaPipeFaceModel(await create(options.delegate), options.delegate);
    } catch (err) {
      // A GPU whose WebGL cannot run the graph: the CPU delegate (XNNPACK) still can.
      if (options.delegate === 'GPU') {
        try {
          return new MediaPipeFaceModel(await create('CPU'), 'CPU');
        } catch {
          // fall through to the original error
        }
      }
      throw new PipelineError('model-corrupt', 'MediaPipe could not load the face detector', String(err));
    }
  }

  /** Detections in the 128x128 input's pixels, as BlazeFaceModel.run gives them (box, 6 keypoints, score). */
  async run(image: RgbaImage, minScore: number): Promise<RawDetection[]> {
    if (image.width !== BLAZEFACE_SIZE || image.height !== BLAZEFACE_SIZE) throw new RangeError('BlazeFace needs a 128x128 image');
    const pixels = image instanceof ImageData ? image : new ImageData(new Uint8ClampedArray(image.data), image.width, image.height);
    const { detections } = this.detector.detect(pixels);
    const out: RawDetection[] = [];
    for (const d of detections) {
      const score = d.categories[0]?.score ?? 0;
      const b = d.boundingBox;
      if (!(score >= minScore) || b === undefined) continue;
      out.push({
        score,
        box: { x: b.originX, y: b.originY, width: b.width, height: b.height },
        points: d.keypoints.map((k) => ({ x: k.x * BLAZEFACE_SIZE, y: k.y * BLAZEFACE_SIZE })),
      });
    }
    return out;
  }

  close(): void {
    this.detector.close();
  }
}
