// Types of scripts/onnx-int8-pointwise.mjs (a plain ES module the install runs with Node), for the tests that check it.
export function quantisePointwiseConvs(bytes: Uint8Array): Uint8Array;
