// Converts a float TFLite image model (NHWC) built only from convolutions and element-wise operators into an ONNX
// graph (NCHW) that onnxruntime runs: CONV_2D, DEPTHWISE_CONV_2D, ADD, SUB, MUL, RELU, ABS and a final RESHAPE of a
// 1x1 map. That is enough for MobileFaceNet as TensorFlow exports it (its PReLU is written as relu(x) + a(x - |x|)).
// Anything else is refused by name, so a model outside this set fails loudly instead of converting wrongly.
// The TFLite flatbuffer is read field by field as tensorflow/lite/schema/schema.fbs numbers them.
import { ByteBuffer } from 'flatbuffers';
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;
const FLOAT = onnx.TensorProto.DataType.FLOAT;
/** BuiltinOperator codes (schema.fbs) this converter understands. */
const OP = { ADD: 0, CONV_2D: 3, DEPTHWISE_CONV_2D: 4, MUL: 18, RELU: 19, RESHAPE: 22, SUB: 41, ABS: 101 };
const BINARY = { [OP.ADD]: 'Add', [OP.SUB]: 'Sub', [OP.MUL]: 'Mul' };
const UNARY = { [OP.RELU]: 'Relu', [OP.ABS]: 'Abs' };
const TENSOR_FLOAT32 = 0;
const PADDING_VALID = 1;

/** The first subgraph of a .tflite file: tensors (with constant data), operators, inputs and outputs. */
export function readTflite(bytes) {
  const bb = new ByteBuffer(bytes);
  const field = (table, slot) => {
    const o = bb.__offset(table, 4 + 2 * slot);
    return o ? table + o : 0;
  };
  const vector = (table, slot) => {
    const f = field(table, slot);
    return f ? { start: bb.__vector(f), length: bb.__vector_len(f) } : { start: 0, length: 0 };
  };
  const tables = (table, slot) => {
    const v = vector(table, slot);
    return Array.from({ length: v.length }, (_, i) => bb.__indirect(v.start + 4 * i));
  };
  const ints = (table, slot) => {
    const v = vector(table, slot);
    return Array.from({ length: v.length }, (_, i) => bb.readInt32(v.start + 4 * i));
  };
  const int32 = (table, slot, fallback = 0) => (field(table, slot) ? bb.readInt32(field(table, slot)) : fallback);
  const int8 = (table, slot, fallback = 0) => (field(table, slot) ? bb.readInt8(field(table, slot)) : fallback);
  const uint8 = (table, slot, fallback = 0) => (field(table, slot) ? bb.readUint8(field(table, slot)) : fallback);
  const sub = (table, slot) => (field(table, slot) ? bb.__indirect(field(table, slot)) : 0);

  const root = bb.readInt32(bb.position()) + bb.position();
  // OperatorCode: deprecated_builtin_code (0, int8) or builtin_code (3, int32) for codes above 127.
  const opcodes = tables(root, 1).map((t) => Math.max(int8(t, 0), int32(t, 3)));
  const buffers = tables(root, 4).map((t) => {
    const v = vector(t, 0);
    return v.length > 0 ? bytes.slice(v.start, v.start + v.length) : null;
  });
  const subgraphs = tables(root, 2);
  if (subgraphs.length !== 1) throw new Error(`expected one subgraph, found ${subgraphs.length}`);
  const graph = subgraphs[0];
  const tensors = tables(graph, 0).map((t) => {
    const buffer = buffers[int32(t, 2)] ?? null;
    return { shape: ints(t, 0), type: int8(t, 1), name: bb.__string(field(t, 3)), data: buffer ? new Float32Array(buffer.buffer) : null };
  });
  const operators = tables(graph, 3).map((t) => {
    const options = sub(t, 4);
    return {
      code: opcodes[int32(t, 0)],
      inputs: ints(t, 1),
      outputs: ints(t, 2),
      option: { int8: (slot, d) => int8(options, slot, d), int32: (slot, d) => int32(options, slot, d), present: options !== 0 },
      optionType: uint8(t, 3),
    };
  });
  return { tensors, operators, inputs: ints(graph, 1), outputs: ints(graph, 2) };
}

/** TensorFlow's SAME padding (the extra pixel, if any, after) as ONNX pads [top, left, bottom, right]. */
function samePads(height, width, kernel, stride) {
  const one = (size, k, s) => {
    const total = Math.max((Math.ceil(size / s) - 1) * s + k - size, 0);
    return [Math.floor(total / 2), total - Math.floor(total / 2)];
  };
  const [top, bottom] = one(height, kernel[0], stride[0]);
  const [left, right] = one(width, kernel[1], stride[1]);
  return [top, left, bottom, right];
}

const ints = (name, values) => onnx.AttributeProto.create({ name, type: onnx.AttributeProto.AttributeType.INTS, ints: values });
const int = (name, value) => onnx.AttributeProto.create({ name, type: onnx.AttributeProto.AttributeType.INT, i: value });
const floatTensor = (name, dims, values) =>
  onnx.TensorProto.create({ name, dataType: FLOAT, dims, rawData: new Uint8Array(values.buffer, values.byteOffset, values.byteLength) });
const valueInfo = (name, dims) =>
  onnx.ValueInfoProto.create({
    name,
    type: onnx.TypeProto.create({
      tensorType: onnx.TypeProto.Tensor.create({
        elemType: FLOAT,
        shape: onnx.TensorShapeProto.create({ dim: dims.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d })) }),
      }),
    }),
  });

/** Convolution weights from TFLite's layouts (OHWI, depthwise 1HWC) to ONNX's OIHW (depthwise C1HW). */
function convWeights(shape, data, depthwise) {
  if (depthwise) {
    const [, h, w, c] = shape;
    const out = new Float32Array(c * h * w);
    for (let ch = 0; ch < c; ch++)
      for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) out[(ch * h + y) * w + x] = data[(y * w + x) * c + ch];
    return { dims: [c, 1, h, w], data: out, group: c };
  }
  const [o, h, w, i] = shape;
  const out = new Float32Array(o * i * h * w);
  for (let oc = 0; oc < o; oc++)
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++)
        for (let ic = 0; ic < i; ic++) out[((oc * i + ic) * h + y) * w + x] = data[((oc * h + y) * w + x) * i + ic];
  return { dims: [o, i, h, w], data: out, group: 1 };
}

/**
 * The ONNX model (opset 11) of a float TFLite image model. The input becomes NCHW with a free batch dimension `N`;
 * the output keeps TFLite's shape with `N` for its batch.
 * @param {Uint8Array} bytes the .tflite file
 * @returns {Uint8Array}
 */
export function tfliteToOnnx(bytes) {
  const model = readTflite(bytes);
  const { tensors } = model;
  const initializers = [];
  const nodes = [];
  const constants = new Set();
  const name = (index) => `t${index}`;
  const operand = (index) => {
    const t = tensors[index];
    if (t.data === null) return name(index);
    if (!constants.has(index)) {
      // A per-channel constant broadcasts over NHWC's last axis; in NCHW it must be [C, 1, 1].
      if (t.shape.length === 1 && t.shape[0] > 1) initializers.push(floatTensor(name(index), [t.shape[0], 1, 1], t.data));
      else if (t.shape.length <= 1) initializers.push(floatTensor(name(index), t.shape, t.data));
      else throw new Error(`constant ${t.name} of shape [${t.shape}] is not per-channel`);
      constants.add(index);
    }
    return name(index);
  };
  // Every tensor but a RESHAPE's target shape (int32, replaced by Flatten) must be float.
  const shapeInputs = new Set(model.operators.filter((op) => op.code === OP.RESHAPE).map((op) => op.inputs[1]));
  tensors.forEach((t, i) => {
    if (t.type !== TENSOR_FLOAT32 && !shapeInputs.has(i)) throw new Error(`tensor ${t.name} is not float32: only float models convert`);
  });

  model.operators.forEach((op, k) => {
    const out = name(op.outputs[0]);
    const nodeName = `n${k}`;
    if (op.code === OP.CONV_2D || op.code === OP.DEPTHWISE_CONV_2D) {
      const depthwise = op.code === OP.DEPTHWISE_CONV_2D;
      const [input, weights, bias] = op.inputs;
      // Conv2DOptions: padding 0, stride_w 1, stride_h 2, activation 3, dilations 4-5; the depthwise one has
      // depth_multiplier at 3 and the activation at 4.
      if (op.option.int8(depthwise ? 4 : 3, 0) !== 0) throw new Error(`${nodeName}: fused activations are not converted`);
      if (op.option.int32(depthwise ? 5 : 4, 1) !== 1 || op.option.int32(depthwise ? 6 : 5, 1) !== 1)
        throw new Error(`${nodeName}: dilation`);
      if (depthwise && op.option.int32(3, 1) !== 1) throw new Error(`${nodeName}: depth multiplier above 1`);
      const stride = [op.option.int32(2, 1), op.option.int32(1, 1)];
      const w = convWeights(tensors[weights].shape, tensors[weights].data, depthwise);
      initializers.push(floatTensor(`${nodeName}_w`, w.dims, w.data));
      const inputs = [operand(input), `${nodeName}_w`];
      if (bias >= 0) {
        initializers.push(floatTensor(`${nodeName}_b`, [w.dims[0]], tensors[bias].data));
        inputs.push(`${nodeName}_b`);
      }
      const [, height, width] = tensors[input].shape;
      const kernel = [w.dims[2], w.dims[3]];
      const pads = op.option.int8(0, 0) === PADDING_VALID ? [0, 0, 0, 0] : samePads(height, width, kernel, stride);
      nodes.push(
        onnx.NodeProto.create({
          opType: 'Conv',
          name: nodeName,
          input: inputs,
          output: [out],
          attribute: [ints('kernel_shape', kernel), ints('strides', stride), ints('pads', pads), int('group', w.group)],
        }),
      );
    } else if (op.code in BINARY) {
      if (op.option.int8(0, 0) !== 0) throw new Error(`${nodeName}: fused activations are not converted`);
      nodes.push(onnx.NodeProto.create({ opType: BINARY[op.code], name: nodeName, input: op.inputs.map(operand), output: [out] }));
    } else if (op.code in UNARY) {
      nodes.push(onnx.NodeProto.create({ opType: UNARY[op.code], name: nodeName, input: [operand(op.inputs[0])], output: [out] }));
    } else if (op.code === OP.RESHAPE) {
      const shape = tensors[op.inputs[0]].shape;
      if (shape.length !== 4 || shape[1] !== 1 || shape[2] !== 1) throw new Error(`${nodeName}: only a 1x1 map is flattened`);
      nodes.push(
        onnx.NodeProto.create({
          opType: 'Flatten',
          name: nodeName,
          input: [operand(op.inputs[0])],
          output: [out],
          attribute: [int('axis', 1)],
        }),
      );
    } else {
      throw new Error(`${nodeName}: TFLite operator ${op.code} is not converted`);
    }
  });
  if (model.inputs.length !== 1 || model.outputs.length !== 1) throw new Error('expected one input and one output');
  const input = tensors[model.inputs[0]];
  const output = tensors[model.outputs[0]];
  if (input.shape.length !== 4) throw new Error('the input is not an NHWC image');
  const graph = onnx.GraphProto.create({
    name: 'converted-from-tflite',
    node: nodes,
    initializer: initializers,
    input: [valueInfo(name(model.inputs[0]), ['N', input.shape[3], input.shape[1], input.shape[2]])],
    output: [valueInfo(name(model.outputs[0]), ['N', ...output.shape.slice(1)])],
  });
  const onnxModel = onnx.ModelProto.create({
    irVersion: 7,
    opsetImport: [{ domain: '', version: 11 }],
    producerName: 'gate-kiosk scripts/tflite-to-onnx.mjs',
    graph,
  });
  return onnx.ModelProto.encode(onnxModel).finish();
}
