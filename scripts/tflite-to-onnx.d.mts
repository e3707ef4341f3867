// Types of scripts/tflite-to-onnx.mjs (a plain ES module), for the benchmark that converts a second embedder with it.
export function tfliteToOnnx(bytes: Uint8Array): Uint8Array;
