// Attaches TFLite model metadata (the tflite-support metadata schema, file identifier "M001") to a .tflite model
// at install time. MediaPipe Tasks refuses a model with a float input unless the metadata names its
// NormalizationOptions; the npm-shipped face_detection_short_range.tflite has none. Deterministic: the same model and
// description give the same bytes, so the result is pinned by sha256 in public/models/manifest.json.
//
// The metadata flatbuffer is written with the `flatbuffers` Builder, field by field as in metadata_schema.fbs. The
// model itself is not rebuilt: a new root `Model` table (the old fields, a `buffers` vector with one more buffer and a
// `metadata` vector naming it TFLITE_METADATA) is put in front of the unchanged model bytes. Flatbuffer offsets are
// relative and point forward, so every old table, vector and weight stays valid where it now sits.
import { Builder, ByteBuffer } from 'flatbuffers';

/** Slots of tflite.Model (tensorflow/lite/schema/schema.fbs). */
const MODEL = { version: 0, operatorCodes: 1, subgraphs: 2, description: 3, buffers: 4, metadataBuffer: 5, metadata: 6, signatureDefs: 7 };
const MODEL_SLOTS = 8;
/** Buffer.data is declared force_align: 16; the prepended block keeps every old byte on its 16-byte alignment. */
const ALIGN = 16;
export const METADATA_NAME = 'TFLITE_METADATA';

// metadata_schema.fbs: union tags and enums used here.
const CONTENT_FEATURE = 1;
const CONTENT_IMAGE = 2;
const COLOR_RGB = 1;
const PROCESS_NORMALIZATION = 1;

/**
 * @typedef {{ name: string, description: string }} TensorText
 * @typedef {{
 *   name: string, description: string, version: string, author: string, license: string,
 *   input: TensorText & { width: number, height: number, mean: number[], std: number[], min: number[], max: number[] },
 *   outputs: TensorText[],
 * }} ImageModelDescription
 */

/**
 * The ModelMetadata flatbuffer of an image model with one RGB float input and feature outputs.
 * @param {ImageModelDescription} d
 * @returns {Uint8Array}
 */
export function buildImageModelMetadata(d) {
  const b = new Builder(1024);
  const floats = (values) => {
    b.startVector(4, values.length, 4);
    for (let i = values.length - 1; i >= 0; i--) b.addFloat32(values[i]);
    return b.endVector();
  };
  const offsets = (values) => {
    b.startVector(4, values.length, 4);
    for (let i = values.length - 1; i >= 0; i--) b.addOffset(values[i]);
    return b.endVector();
  };
  const table = (fields) => {
    b.startObject(fields.length);
    fields.forEach((write, slot) => write?.(slot));
    return b.endObject();
  };
  const offset = (value) => (slot) => b.addFieldOffset(slot, value, 0);
  const byte = (value) => (slot) => b.addFieldInt8(slot, value, 0);
  const uint = (value) => (slot) => b.addFieldInt32(slot, value, 0);

  // Input: ImageProperties (RGB, default size), NormalizationOptions, Stats.
  const inName = b.createString(d.input.name);
  const inDescription = b.createString(d.input.description);
  const size = table([uint(d.input.width), uint(d.input.height)]); // ImageSize { width, height }
  const image = table([byte(COLOR_RGB), offset(size)]); // ImageProperties { color_space, default_size }
  const inContent = table([byte(CONTENT_IMAGE), offset(image)]); // Content { content_properties (union) }
  const normalization = table([offset(floats(d.input.mean)), offset(floats(d.input.std))]); // NormalizationOptions
  const unit = table([byte(PROCESS_NORMALIZATION), offset(normalization)]); // ProcessUnit { options (union) }
  const stats = table([offset(floats(d.input.max)), offset(floats(d.input.min))]); // Stats { max, min }
  // TensorMetadata { name, description, dimension_names, content, process_units, stats }
  const input = table([offset(inName), offset(inDescription), undefined, offset(inContent), offset(offsets([unit])), offset(stats)]);

  const outputs = d.outputs.map((o) => {
    const name = b.createString(o.name);
    const description = b.createString(o.description);
    const feature = table([]); // FeatureProperties {}
    const content = table([byte(CONTENT_FEATURE), offset(feature)]);
    return table([offset(name), offset(description), undefined, offset(content)]);
  });

  // SubGraphMetadata { name, description, input_tensor_metadata, output_tensor_metadata }
  const subgraph = table([
    offset(b.createString(d.name)),
    offset(b.createString(d.description)),
    offset(offsets([input])),
    offset(offsets(outputs)),
  ]);
  // ModelMetadata { name, description, version, subgraph_metadata, author, license, associated_files, min_parser_version }
  const strings = [d.name, d.description, d.version].map((s) => b.createString(s));
  const author = b.createString(d.author);
  const license = b.createString(d.license);
  // Every field used here exists since metadata schema 1.0.0.
  const minParser = b.createString('1.0.0');
  const root = table([
    offset(strings[0]),
    offset(strings[1]),
    offset(strings[2]),
    offset(offsets([subgraph])),
    offset(author),
    offset(license),
    undefined,
    offset(minParser),
  ]);
  b.finish(root, 'M001');
  return b.asUint8Array().slice();
}

/** Absolute position of a table's field, or 0 when the field is absent. */
function fieldPos(bb, table, slot) {
  const vtable = table - bb.readInt32(table);
  const at = 4 + 2 * slot;
  if (at >= bb.readUint16(vtable)) return 0;
  const rel = bb.readUint16(vtable + at);
  return rel === 0 ? 0 : table + rel;
}
/** Absolute position a uoffset field points at. */
const target = (bb, pos) => pos + bb.readUint32(pos);

/** Elements (absolute table positions) of a vector of tables, or [] when the field is absent. */
function tableVector(bb, table, slot) {
  const pos = fieldPos(bb, table, slot);
  if (pos === 0) return [];
  const vec = target(bb, pos);
  const out = [];
  for (let i = 0; i < bb.readUint32(vec); i++) out.push(target(bb, vec + 4 + 4 * i));
  return out;
}

/**
 * The model with `metadata` attached as its TFLITE_METADATA buffer. Refuses a model that is not TFLite or that
 * already carries TFLITE_METADATA (attach once, to the file exactly as the package ships it).
 * @param {Uint8Array} model
 * @param {Uint8Array} metadata
 * @returns {Uint8Array}
 */
export function attachMetadata(model, metadata) {
  const bb = new ByteBuffer(model);
  if (bb.getBufferIdentifier() !== 'TFL3') throw new Error('not a TFLite model (no TFL3 identifier)');
  const root = bb.readUint32(0);
  const names = tableVector(bb, root, MODEL.metadata).map((m) => bb.__string(fieldPos(bb, m, 0)));
  if (names.includes(METADATA_NAME)) throw new Error(`the model already has ${METADATA_NAME}`);
  const oldBuffers = tableVector(bb, root, MODEL.buffers);
  const oldMetadata = tableVector(bb, root, MODEL.metadata);
  const newBufferIndex = oldBuffers.length;

  // Layout of the block put in front of the model (positions from the start of the new file).
  const pad4 = (n) => (n + 3) & ~3;
  const modelVtable = 8; // after the root offset and the file identifier
  const modelTable = modelVtable + pad4(4 + 2 * MODEL_SLOTS);
  const buffersVec = modelTable + 4 + 4 * MODEL_SLOTS;
  const metadataVec = buffersVec + 4 + 4 * (oldBuffers.length + 1);
  const entryVtable = metadataVec + 4 + 4 * (oldMetadata.length + 1);
  const entryTable = entryVtable + 8; // Metadata { name, buffer }: vtable 4 + 2*2 bytes
  const nameString = entryTable + 12;
  const bufferVtable = nameString + pad4(4 + METADATA_NAME.length + 1);
  const bufferTable = bufferVtable + 8; // Buffer { data }: vtable 4 + 2 bytes, padded
  let dataVec = bufferTable + 8;
  while ((dataVec + 4) % ALIGN !== 0) dataVec += 4;
  const blockSize = Math.ceil((dataVec + 4 + metadata.length) / ALIGN) * ALIGN;

  const out = new Uint8Array(blockSize + model.length);
  out.set(model, blockSize);
  const view = new DataView(out.buffer);
  const u16 = (at, v) => view.setUint16(at, v, true);
  const u32 = (at, v) => view.setUint32(at, v, true);
  const i32 = (at, v) => view.setInt32(at, v, true);
  /** Writes at `at` a uoffset to `to` (a position in the new file). */
  const pointTo = (at, to) => {
    if (!(to > at)) throw new Error('flatbuffer offsets must point forward');
    u32(at, to - at);
  };
  const moved = (oldPos) => oldPos + blockSize;

  u32(0, modelTable);
  out.set(new TextEncoder().encode('TFL3'), 4);

  // The new Model table: the old scalar `version`, every old offset field pointing at the old data, and the two
  // vectors that grow.
  u16(modelVtable, 4 + 2 * MODEL_SLOTS);
  u16(modelVtable + 2, 4 + 4 * MODEL_SLOTS);
  i32(modelTable, modelTable - modelVtable);
  for (let slot = 0; slot < MODEL_SLOTS; slot++) {
    const at = modelTable + 4 + 4 * slot;
    const old = fieldPos(bb, root, slot);
    if (slot === MODEL.buffers) pointTo(at, buffersVec);
    else if (slot === MODEL.metadata) pointTo(at, metadataVec);
    else if (old === 0)
      continue; // absent stays absent (a scalar at its default, or no such vector)
    else if (slot === MODEL.version) u32(at, bb.readUint32(old));
    else pointTo(at, moved(target(bb, old)));
    u16(modelVtable + 4 + 2 * slot, at - modelTable);
  }
  const vectorOf = (at, tables, extra) => {
    u32(at, tables.length + 1);
    tables.forEach((t, i) => pointTo(at + 4 + 4 * i, moved(t)));
    pointTo(at + 4 + 4 * tables.length, extra);
  };
  vectorOf(buffersVec, oldBuffers, bufferTable);
  vectorOf(metadataVec, oldMetadata, entryTable);

  // Metadata { name: "TFLITE_METADATA", buffer: index of the new buffer }
  u16(entryVtable, 8);
  u16(entryVtable + 2, 12);
  u16(entryVtable + 4, 4);
  u16(entryVtable + 6, 8);
  i32(entryTable, entryTable - entryVtable);
  pointTo(entryTable + 4, nameString);
  u32(entryTable + 8, newBufferIndex);
  u32(nameString, METADATA_NAME.length);
  out.set(new TextEncoder().encode(METADATA_NAME), nameString + 4); // the byte after it stays 0 (terminator)

  // Buffer { data: the metadata flatbuffer }
  u16(bufferVtable, 6);
  u16(bufferVtable + 2, 8);
  u16(bufferVtable + 4, 4);
  i32(bufferTable, bufferTable - bufferVtable);
  pointTo(bufferTable + 4, dataVec);
  u32(dataVec, metadata.length);
  out.set(metadata, dataVec + 4);
  return out;
}

/**
 * The TFLITE_METADATA buffer of a model (for checks), or null.
 * @param {Uint8Array} model
 * @returns {Uint8Array | null}
 */
export function readMetadata(model) {
  const bb = new ByteBuffer(model);
  const root = bb.readUint32(0);
  const buffers = tableVector(bb, root, MODEL.buffers);
  for (const m of tableVector(bb, root, MODEL.metadata)) {
    if (bb.__string(fieldPos(bb, m, 0)) !== METADATA_NAME) continue;
    const buffer = buffers[bb.readUint32(fieldPos(bb, m, 1))];
    const data = fieldPos(bb, buffer, 0);
    if (data === 0) return null;
    const vec = target(bb, data);
    return model.slice(vec + 4, vec + 4 + bb.readUint32(vec));
  }
  return null;
}

/** MediaPipe's short-range BlazeFace (face_detection_short_range.tflite): what Tasks' FaceDetector needs to read. */
export const BLAZEFACE_SHORT_RANGE_METADATA = Object.freeze({
  name: 'BlazeFace short range',
  description:
    'Finds faces within about 2 m of a front camera: 896 SSD anchors (16x16x2 at stride 8, 8x8x6 at stride 16) over a ' +
    '128x128 letterboxed RGB image; per anchor a box and 6 keypoints (right eye, left eye, nose tip, mouth centre, right ' +
    'ear, left ear) and a face score.',
  version: 'face_detection_short_range (@mediapipe/face_detection 0.4.1657300184)',
  author: 'Google MediaPipe; metadata attached by Gate Kiosk (scripts/tflite-metadata.mjs)',
  license: 'Apache License, Version 2.0: http://www.apache.org/licenses/LICENSE-2.0',
  input: {
    name: 'input',
    description: 'The frame letterboxed to 128x128 RGB, each value v given as (v - 127.5) / 127.5.',
    width: 128,
    height: 128,
    mean: [127.5],
    std: [127.5],
    min: [-1],
    max: [1],
  },
  outputs: [
    {
      name: 'regressors',
      description: '1x896x16: per anchor the box centre offset and size, then 6 keypoints (x, y), in pixels of the 128x128 input.',
    },
    { name: 'classificators', description: '1x896x1: per anchor the face score as a logit (sigmoid gives 0..1).' },
  ],
});

/** The install-time transform: face_detection_short_range.tflite with its metadata. */
export function blazeFaceShortRangeWithMetadata(model) {
  return attachMetadata(model, buildImageModelMetadata(BLAZEFACE_SHORT_RANGE_METADATA));
}
