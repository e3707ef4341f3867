// Input of the passive liveness model (fr_liveness.onnx, MiniFASNet-like): which part of the frame it sees,
// how its pixels become the tensor, and how its logits become p(live). Pure, so the crop is tested in Node.
import type { RgbaImage } from '../tensor';
import type { Box } from '../types';

/** The model's input side (pixels). */
export const LIVENESS_INPUT_SIZE = 128;

export type ChannelOrder = 'bgr' | 'rgb';

/**
 * The region the model sees: the detector box enlarged `scale` times about its centre (the model was trained on such
 * context: bezels, paper edges, hands), shrunk when it does not fit the frame and shifted to lie inside it, as in the
 * model's own package (MiniVision's _get_new_box). Not square: the region keeps the box's aspect and is resized.
 */
export function livenessCrop(box: Box, frameWidth: number, frameHeight: number, scale: number): Box {
  const s = Math.max(0, Math.min((frameHeight - 1) / box.height, (frameWidth - 1) / box.width, scale));
  const width = box.width * s,
    height = box.height * s;
  const cx = box.x + box.width / 2,
    cy = box.y + box.height / 2;
  let x = cx - width / 2,
    y = cy - height / 2;
  x = Math.min(Math.max(x, 0), frameWidth - 1 - width);
  y = Math.min(Math.max(y, 0), frameHeight - 1 - height);
  return { x, y, width, height };
}

/** How much the region had to shrink to fit the frame (1 = the full enlargement; a face very close to the camera is less). */
export function livenessCropFill(box: Box, crop: Box): number {
  return box.width > 0 ? crop.width / box.width : 0;
}

/** NCHW float tensor of raw 0..255 values in the given channel order. */
export function toLivenessInput(img: RgbaImage, order: ChannelOrder, out = new Float32Array(img.width * img.height * 3)): Float32Array {
  const { data } = img;
  const plane = img.width * img.height;
  const first = order === 'bgr' ? 2 : 0,
    last = order === 'bgr' ? 0 : 2;
  for (let i = 0; i < plane; i++) {
    const p = i * 4;
    out[i] = data[p + first]!;
    out[plane + i] = data[p + 1]!;
    out[2 * plane + i] = data[p + last]!;
  }
  return out;
}

/** p(live): the softmax of the model's three logits, class 0 being a live face (the package reads score[0]). */
export function livenessProbability(logits: ArrayLike<number>): number {
  if (logits.length < 2) throw new RangeError('the liveness model gives at least two logits');
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) max = Math.max(max, logits[i]!);
  let sum = 0;
  for (let i = 0; i < logits.length; i++) sum += Math.exp(logits[i]! - max);
  return Math.exp(logits[0]! - max) / sum;
}
