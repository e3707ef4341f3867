// Loads onnxruntime-web with the best backend the device has: the WebGPU execution provider when
// navigator.gpu yields an adapter, otherwise multi-threaded wasm. Reports which one really ran.
// The wasm binaries are served from our own origin (/ort/), never from a CDN.
import type * as OrtModule from 'onnxruntime-web';
import { PipelineError } from './pipeline-errors';
import { hasWebGpuAdapter } from './webgpu-adapter';

export type Ort = typeof OrtModule;
export type Backend = 'wasm' | 'webgpu';

export interface OrtRuntime {
  ort: Ort;
  backend: Backend;
  threads: number;
  crossOriginIsolated: boolean;
  createSession(bytes: Uint8Array, name: string): Promise<OrtModule.InferenceSession>;
}

export interface RuntimeOptions {
  /** URL prefix where ort-wasm-simd-threaded*.{mjs,wasm} are served. */
  wasmPaths: string;
  /** 'auto' tries WebGPU first; 'wasm' never does. */
  backend: 'auto' | 'wasm';
  maxThreads: number;
}

export async function createRuntime(options: RuntimeOptions): Promise<OrtRuntime> {
  const isolated = globalThis.crossOriginIsolated === true;
  // Without cross-origin isolation SharedArrayBuffer is missing and ort silently runs one thread.
  const threads = isolated ? Math.max(1, Math.min(options.maxThreads, globalThis.navigator?.hardwareConcurrency ?? 1)) : 1;
  const wantGpu = options.backend === 'auto' && (await hasWebGpuAdapter());
  let ort: Ort;
  try {
    ort = wantGpu ? await import('onnxruntime-web/webgpu') : await import('onnxruntime-web/wasm');
  } catch (err) {
    throw new PipelineError('runtime-failed', 'onnxruntime-web could not be loaded', String(err));
  }
  ort.env.wasm.wasmPaths = options.wasmPaths;
  ort.env.wasm.numThreads = threads;
  ort.env.wasm.proxy = false;
  ort.env.logLevel = 'error';
  let backend: Backend = wantGpu ? 'webgpu' : 'wasm';

  const createSession = async (bytes: Uint8Array, name: string) => {
    const base: OrtModule.InferenceSession.SessionOptions = { graphOptimizationLevel: 'all' };
    if (backend === 'webgpu') {
      try {
        return await ort.InferenceSession.create(bytes, { ...base, executionProviders: ['webgpu'] });
      } catch {
        // A GPU that cannot run the graph: every model falls back to wasm so timings stay comparable.
        backend = 'wasm';
      }
    }
    try {
      return await ort.InferenceSession.create(bytes, { ...base, executionProviders: ['wasm'] });
    } catch (err) {
      throw new PipelineError('model-corrupt', `${name} could not be loaded by onnxruntime`, String(err));
    }
  };
  return {
    ort,
    get backend() {
      return backend;
    },
    threads,
    crossOriginIsolated: isolated,
    createSession,
  };
}
