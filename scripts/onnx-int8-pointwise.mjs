// Derives the embedder's int8 variant at install time: each 1x1 (pointwise) convolution's weights are quantised per
// output channel (symmetric, 8 bits, stored as uint8 around 128) and its input per frame (DynamicQuantizeLinear), so
// onnxruntime runs it as an integer matrix product (ConvInteger) and rescales the result to float. Depthwise and
// larger kernels, biases and every other operator stay float. Deterministic: the same model in gives the same bytes.
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;
const DataType = onnx.TensorProto.DataType;
/** DynamicQuantizeLinear needs opset 11; the rest of the graph means the same there. */
const MIN_OPSET = 11;
/** Below this largest weight a channel counts as zero (float32 scales of such channels lose their precision). */
const MIN_CHANNEL_MAX = 1e-30;

/** The float values of an initializer (raw little-endian bytes or the float_data field). */
function floatsOf(tensor) {
  if (tensor.dataType !== DataType.FLOAT) throw new Error(`initializer ${tensor.name} is not float32`);
  if (tensor.floatData && tensor.floatData.length > 0) return Float32Array.from(tensor.floatData);
  const raw = tensor.rawData;
  const copy = new Uint8Array(raw.byteLength);
  copy.set(raw);
  return new Float32Array(copy.buffer);
}

function initializer(name, dataType, dims, values) {
  return onnx.TensorProto.create({ name, dataType, dims, rawData: new Uint8Array(values.buffer, values.byteOffset, values.byteLength) });
}

function node(opType, name, input, output, attribute = []) {
  return onnx.NodeProto.create({ opType, name, input, output, attribute });
}

/** Per output channel: the uint8 weights (zero point 128) and the scale that maps them back. */
function quantiseWeights(weights, channels) {
  const per = weights.length / channels;
  const scales = new Float32Array(channels);
  const quantised = new Uint8Array(weights.length);
  for (let c = 0; c < channels; c++) {
    let max = 0;
    for (let i = 0; i < per; i++) max = Math.max(max, Math.abs(weights[c * per + i]));
    // A channel of (near) zero weights (some are denormals, ~1e-42) is stored as zeros: its scale would underflow.
    const scale = max > MIN_CHANNEL_MAX ? max / 127 : 1;
    scales[c] = scale;
    for (let i = 0; i < per; i++) {
      const q = Math.max(-127, Math.min(127, Math.round(weights[c * per + i] / scale)));
      quantised[c * per + i] = q + 128;
    }
  }
  return { quantised, scales };
}

function isPointwise(conv, weight) {
  if (conv.opType !== 'Conv' || weight === undefined) return false;
  const group = Number(conv.attribute.find((a) => a.name === 'group')?.i ?? 1);
  const dims = weight.dims.map(Number);
  return group === 1 && dims.length === 4 && dims[2] === 1 && dims[3] === 1;
}

/**
 * @param {Uint8Array} bytes the float model
 * @returns {Uint8Array} the model with its pointwise convolutions on integer arithmetic
 */
export function quantisePointwiseConvs(bytes) {
  const model = onnx.ModelProto.decode(bytes);
  for (const opset of model.opsetImport) if (!opset.domain && Number(opset.version) < MIN_OPSET) opset.version = MIN_OPSET;
  if (Number(model.irVersion) < 7) model.irVersion = 7;
  const graph = model.graph;
  const weights = new Map(graph.initializer.map((t) => [t.name, t]));
  const nodes = [];
  let count = 0;
  for (const conv of graph.node) {
    const weight = weights.get(conv.input[1]);
    if (!isPointwise(conv, weight)) {
      nodes.push(conv);
      continue;
    }
    const id = `int8_${count++}`;
    const dims = weight.dims.map(Number);
    const channels = dims[0];
    const { quantised, scales } = quantiseWeights(floatsOf(weight), channels);
    graph.initializer.push(
      initializer(`${id}_w`, DataType.UINT8, dims, quantised),
      initializer(`${id}_w_zero`, DataType.UINT8, [], new Uint8Array([128])),
      initializer(`${id}_w_scale`, DataType.FLOAT, [1, channels, 1, 1], scales),
    );
    const bias = conv.input[2] ? weights.get(conv.input[2]) : undefined;
    const out = conv.output[0];
    const to = onnx.AttributeProto.create({ name: 'to', type: onnx.AttributeProto.AttributeType.INT, i: DataType.FLOAT });
    nodes.push(
      node('DynamicQuantizeLinear', `${id}_quantise`, [conv.input[0]], [`${id}_x`, `${id}_x_scale`, `${id}_x_zero`]),
      node('ConvInteger', `${id}_conv`, [`${id}_x`, `${id}_w`, `${id}_x_zero`, `${id}_w_zero`], [`${id}_acc`], conv.attribute),
      node('Cast', `${id}_float`, [`${id}_acc`], [`${id}_accf`], [to]),
      node('Mul', `${id}_scale`, [`${id}_x_scale`, `${id}_w_scale`], [`${id}_s`]),
      node('Mul', `${id}_rescale`, [`${id}_accf`, `${id}_s`], [bias ? `${id}_y` : out]),
    );
    if (bias) {
      graph.initializer.push(initializer(`${id}_bias`, DataType.FLOAT, [1, channels, 1, 1], floatsOf(bias)));
      nodes.push(node('Add', `${id}_bias_add`, [`${id}_y`, `${id}_bias`], [out]));
    }
  }
  if (count === 0) throw new Error('the model has no pointwise convolution to quantise');
  graph.node = nodes;
  const used = new Set(nodes.flatMap((n) => n.input));
  graph.initializer = graph.initializer.filter((t) => used.has(t.name));
  graph.input = graph.input.filter((i) => !weights.has(i.name) || used.has(i.name));
  graph.valueInfo = [];
  return onnx.ModelProto.encode(model).finish();
}
