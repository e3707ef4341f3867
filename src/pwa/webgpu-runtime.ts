// Which build files the service worker precaches for every tablet and which only for tablets with WebGPU: the
// onnxruntime WebGPU build (ort-wasm-simd-threaded.asyncify.*, ~27 MB) is used only where the browser gives a WebGPU
// adapter, so it is stored on demand, in a cache whose name carries its revisions (a new onnxruntime build gets a new
// cache; the old one is deleted). Pure: no service worker, no DOM.

export interface ManifestEntry {
  url: string;
  revision?: string | null;
}

/** Message a page sends the service worker when it has a WebGPU adapter: store the WebGPU runtime for offline use. */
export const CACHE_WEBGPU_RUNTIME = 'GK_CACHE_WEBGPU_RUNTIME';
export const WEBGPU_CACHE_PREFIX = 'gk-webgpu-runtime-';

const WEBGPU_RUNTIME_FILE = /(^|\/)ort-wasm-simd-threaded\.asyncify\.(wasm|mjs)$/;

export interface WebGpuRuntimePlan<E extends ManifestEntry | string> {
  /** Precached on install, on every tablet. */
  always: E[];
  /** The WebGPU runtime's files: their paths from the scope (e.g. `ort/ort-wasm-simd-threaded.asyncify.wasm`). */
  webgpuFiles: string[];
  /** The cache that holds this build's WebGPU runtime (null when the build has none). */
  cacheName: string | null;
}

const urlOf = (entry: ManifestEntry | string) => (typeof entry === 'string' ? entry : entry.url).replace(/^\.?\//, '').split('?')[0]!;

export function planWebGpuRuntime<E extends ManifestEntry | string>(manifest: readonly E[]): WebGpuRuntimePlan<E> {
  const always: E[] = [];
  const webgpu: E[] = [];
  for (const entry of manifest) (WEBGPU_RUNTIME_FILE.test(urlOf(entry)) ? webgpu : always).push(entry);
  webgpu.sort((a, b) => urlOf(a).localeCompare(urlOf(b)));
  // Every file's revision (a hash of its content from the build; the URL where it has none) names the cache.
  const tag = webgpu.map((e) => (typeof e === 'string' || !e.revision ? urlOf(e) : e.revision)).join('|');
  return { always, webgpuFiles: webgpu.map(urlOf), cacheName: webgpu.length === 0 ? null : WEBGPU_CACHE_PREFIX + fnv1a(tag) };
}

/** Caches of the WebGPU runtime from other builds: to delete once this build's cache is the one in use. */
export function staleWebGpuCaches(cacheNames: readonly string[], current: string | null): string[] {
  return cacheNames.filter((n) => n.startsWith(WEBGPU_CACHE_PREFIX) && n !== current);
}

/** 32-bit FNV-1a of the text, 8 hex digits (a cache name, not a security check). */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}
