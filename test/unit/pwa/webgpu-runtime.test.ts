// The service worker's split of the build manifest: the onnxruntime WebGPU build is left out of the install precache
// and goes to a cache named after its revisions (same revisions, same cache across app updates; new ones, a new cache).
import { describe, expect, it } from 'vitest';
import { planWebGpuRuntime, staleWebGpuCaches, WEBGPU_CACHE_PREFIX } from '../../../src/pwa/webgpu-runtime';

const manifest = [
  { url: 'index.html', revision: 'a1' },
  { url: 'assets/main-abc123.js', revision: null },
  { url: 'ort/ort-wasm-simd-threaded.wasm', revision: 'w1' },
  { url: 'ort/ort-wasm-simd-threaded.mjs', revision: 'm1' },
  { url: 'ort/ort-wasm-simd-threaded.asyncify.wasm', revision: 'gw1' },
  { url: 'ort/ort-wasm-simd-threaded.asyncify.mjs', revision: 'gm1' },
  { url: 'models/fr-feature.onnx', revision: 'f1' },
];

describe('planWebGpuRuntime', () => {
  it('precaches everything but the WebGPU build, whose two files go to their own cache', () => {
    const plan = planWebGpuRuntime(manifest);
    expect(plan.always.map((e) => e.url)).toEqual([
      'index.html',
      'assets/main-abc123.js',
      'ort/ort-wasm-simd-threaded.wasm',
      'ort/ort-wasm-simd-threaded.mjs',
      'models/fr-feature.onnx',
    ]);
    expect(plan.webgpuFiles).toEqual(['ort/ort-wasm-simd-threaded.asyncify.mjs', 'ort/ort-wasm-simd-threaded.asyncify.wasm']);
    expect(plan.cacheName).toMatch(new RegExp(`^${WEBGPU_CACHE_PREFIX}[0-9a-f]{8}$`));
  });

  it('names the cache after the revisions: an app update with the same onnxruntime keeps it, a new onnxruntime build does not', () => {
    const same = planWebGpuRuntime([...manifest].reverse().map((e) => (e.url === 'index.html' ? { ...e, revision: 'a2' } : e)));
    expect(same.cacheName).toBe(planWebGpuRuntime(manifest).cacheName);
    const newer = planWebGpuRuntime(manifest.map((e) => (e.url.endsWith('asyncify.wasm') ? { ...e, revision: 'gw2' } : e)));
    expect(newer.cacheName).not.toBe(planWebGpuRuntime(manifest).cacheName);
  });

  it('takes string entries and leading slashes, and has no cache when the build has no WebGPU runtime', () => {
    expect(planWebGpuRuntime(['/ort/ort-wasm-simd-threaded.asyncify.wasm', 'index.html']).webgpuFiles).toEqual([
      'ort/ort-wasm-simd-threaded.asyncify.wasm',
    ]);
    const none = planWebGpuRuntime(manifest.filter((e) => !e.url.includes('asyncify')));
    expect(none).toEqual({ always: manifest.filter((e) => !e.url.includes('asyncify')), webgpuFiles: [], cacheName: null });
  });
});

describe('staleWebGpuCaches', () => {
  it("lists the WebGPU runtime caches of other builds, never this build's or anything else", () => {
    const names = ['workbox-precache-v2-http://x/', `${WEBGPU_CACHE_PREFIX}00000001`, `${WEBGPU_CACHE_PREFIX}00000002`, 'other'];
    expect(staleWebGpuCaches(names, `${WEBGPU_CACHE_PREFIX}00000002`)).toEqual([`${WEBGPU_CACHE_PREFIX}00000001`]);
    expect(staleWebGpuCaches(names, null)).toEqual([`${WEBGPU_CACHE_PREFIX}00000001`, `${WEBGPU_CACHE_PREFIX}00000002`]);
  });
});
