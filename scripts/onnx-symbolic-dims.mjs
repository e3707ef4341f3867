// Rewrites an ONNX model's declared input/output shapes so that chosen dimensions are symbolic.
// Used at install time: RetinaFace mnet.25 ships with a fixed 640x640 input, which makes every
// frame cost a 640x640 inference; with symbolic H/W it runs on a 320x240 frame or a face region.
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

/**
 * @param {Uint8Array} bytes the original model
 * @param {{ inputs: Record<string, (string|null)[]>, outputs: 'spatial' }} spec
 *   inputs: per input name, one entry per dimension: a symbol name to make it symbolic, null to keep it.
 *   outputs 'spatial': make dims 2 and 3 of every 4-d output symbolic (they follow the input's H and W).
 * @returns {Uint8Array} the rewritten model (deterministic for the same input)
 */
export function makeDimsSymbolic(bytes, spec) {
  const model = onnx.ModelProto.decode(bytes);
  const graph = model.graph;
  for (const [name, dims] of Object.entries(spec.inputs)) {
    const input = graph.input.find((i) => i.name === name);
    if (!input) throw new Error(`input ${name} not found in the model`);
    const shape = input.type.tensorType.shape.dim;
    if (shape.length !== dims.length) throw new Error(`input ${name} has ${shape.length} dims, spec gives ${dims.length}`);
    dims.forEach((symbol, i) => {
      if (symbol) shape[i] = onnx.TensorShapeProto.Dimension.create({ dimParam: symbol });
    });
  }
  if (spec.outputs === 'spatial') {
    for (const output of graph.output) {
      const shape = output.type.tensorType.shape.dim;
      if (shape.length !== 4) continue;
      shape[2] = onnx.TensorShapeProto.Dimension.create({ dimParam: `${output.name}_h` });
      shape[3] = onnx.TensorShapeProto.Dimension.create({ dimParam: `${output.name}_w` });
    }
  }
  // Intermediate shape annotations would contradict the new symbolic sizes.
  graph.valueInfo = [];
  return onnx.ModelProto.encode(model).finish();
}
