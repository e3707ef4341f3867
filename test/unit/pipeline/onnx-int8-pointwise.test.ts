// The embedder's int8 variant derived at install (scripts/onnx-int8-pointwise.mjs): every pointwise convolution of the
// served float model becomes DynamicQuantizeLinear -> ConvInteger -> rescale (+ bias), nothing else changes, the weights
// come back within half a quantisation step, and the same input always gives the same bytes (the manifest's sha256).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import onnxProto from 'onnx-proto';
import { describe, expect, it } from 'vitest';
import { quantisePointwiseConvs } from '../../../scripts/onnx-int8-pointwise.mjs';
import { repoRoot } from '../../support/faces';

const { onnx } = onnxProto;
/** The parts of a decoded model this test reads (protobufjs' own types leave every field optional). */
interface Tensor {
  name: string;
  dims: unknown[];
  rawData: Uint8Array;
  floatData: number[];
}
interface OnnxNode {
  opType: string;
  name: string;
  input: string[];
  attribute: { name: string; i?: unknown }[];
}
interface Model {
  graph: { node: OnnxNode[]; initializer: Tensor[] };
  opsetImport: { domain?: string; version?: unknown }[];
}
const decode = (bytes: Uint8Array) => onnx.ModelProto.decode(bytes) as unknown as Model;
const manifest = JSON.parse(readFileSync(join(repoRoot, 'public', 'models', 'manifest.json'), 'utf8')) as {
  models: { id: string; file: string; sha256: string; transform?: string }[];
};
const floatEntry = manifest.models.find((m) => m.id === 'embedder-arcface')!;
const int8Entry = manifest.models.find((m) => m.id === 'embedder-arcface-int8')!;
const floatBytes = new Uint8Array(readFileSync(join(repoRoot, 'public', 'models', floatEntry.file)));
const int8Bytes = new Uint8Array(readFileSync(join(repoRoot, 'public', 'models', int8Entry.file)));

const bytesOf = (t: Tensor) => {
  const copy = new Uint8Array(t.rawData.byteLength);
  copy.set(t.rawData);
  return copy;
};
const floatsOf = (t: Tensor) => (t.floatData.length > 0 ? Float32Array.from(t.floatData) : new Float32Array(bytesOf(t).buffer));
const isPointwise = (n: OnnxNode, weights: Map<string, Tensor>) =>
  n.opType === 'Conv' &&
  Number(n.attribute.find((a) => a.name === 'group')?.i ?? 1) === 1 &&
  weights
    .get(n.input[1]!)!
    .dims.slice(2)
    .every((d) => Number(d) === 1);

describe('the int8 embedder derived at install', () => {
  const float = decode(floatBytes);
  const int8 = decode(int8Bytes);
  const floatWeights = new Map(float.graph.initializer.map((t) => [t.name, t]));
  const int8Weights = new Map(int8.graph.initializer.map((t) => [t.name, t]));
  const count = (nodes: OnnxNode[], op: string) => nodes.filter((n) => n.opType === op).length;

  it('is what the manifest pins, and deriving it again gives the same bytes', () => {
    expect(int8Entry.transform).toBe('onnx-int8-pointwise');
    const again = quantisePointwiseConvs(floatBytes);
    expect(createHash('sha256').update(again).digest('hex')).toBe(int8Entry.sha256);
  });

  it('runs every pointwise convolution as ConvInteger and leaves depthwise and 3x3 convolutions float', () => {
    const pointwise = float.graph.node.filter((n) => isPointwise(n, floatWeights)).length;
    expect(pointwise).toBe(32);
    expect(count(int8.graph.node, 'ConvInteger')).toBe(pointwise);
    expect(count(int8.graph.node, 'DynamicQuantizeLinear')).toBe(pointwise);
    expect(count(int8.graph.node, 'Conv')).toBe(count(float.graph.node, 'Conv') - pointwise);
    expect(count(int8.graph.node, 'PRelu')).toBe(count(float.graph.node, 'PRelu'));
    expect(Number(int8.opsetImport.find((o) => !o.domain)?.version)).toBe(11);
  });

  it('keeps each weight within half a quantisation step of the float one', () => {
    const floatPointwise = float.graph.node.filter((n) => isPointwise(n, floatWeights));
    const convs = int8.graph.node.filter((n) => n.opType === 'ConvInteger');
    convs.forEach((conv, k) => {
      const original = floatsOf(floatWeights.get(floatPointwise[k]!.input[1]!)!);
      const q = bytesOf(int8Weights.get(conv.input[1]!)!);
      const scales = floatsOf(int8Weights.get(conv.input[1]!.replace(/_w$/, '_w_scale'))!);
      const per = original.length / scales.length;
      let worst = 0;
      for (let i = 0; i < original.length; i++) {
        const scale = scales[Math.floor(i / per)]!;
        worst = Math.max(worst, Math.abs((q[i]! - 128) * scale - original[i]!) / scale);
      }
      expect(worst, conv.name).toBeLessThanOrEqual(0.5 + 1e-3);
    });
  });

  it('refuses a model with nothing to quantise', () => {
    const empty = onnx.ModelProto.encode(onnx.ModelProto.create({ graph: onnx.GraphProto.create({ node: [] }) })).finish();
    expect(() => quantisePointwiseConvs(empty)).toThrow(/no pointwise convolution/);
  });
});
