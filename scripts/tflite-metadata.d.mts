// Types of scripts/tflite-metadata.mjs (a plain ES module the install runs with Node), for the tests that check it.
export interface TensorText {
  name: string;
  description: string;
}
export interface ImageModelDescription {
  name: string;
  description: string;
  version: string;
  author: string;
  license: string;
  input: TensorText & { width: number; height: number; mean: number[]; std: number[]; min: number[]; max: number[] };
  outputs: TensorText[];
}
export const METADATA_NAME: string;
export const BLAZEFACE_SHORT_RANGE_METADATA: Readonly<ImageModelDescription>;
export function buildImageModelMetadata(description: ImageModelDescription): Uint8Array;
export function attachMetadata(model: Uint8Array, metadata: Uint8Array): Uint8Array;
export function readMetadata(model: Uint8Array): Uint8Array | null;
export function blazeFaceShortRangeWithMetadata(model: Uint8Array): Uint8Array;
