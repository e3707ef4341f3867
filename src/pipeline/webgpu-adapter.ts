// Whether this browser gives a WebGPU adapter: the recognition worker then runs onnxruntime's WebGPU build, and the
// page asks the service worker to store that build for offline use. Works in a window and in a worker.

export async function hasWebGpuAdapter(): Promise<boolean> {
  const gpu = (globalThis.navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
  if (!gpu) return false;
  try {
    return (await gpu.requestAdapter()) != null;
  } catch {
    return false;
  }
}
