// Vite build and dev server. Every server we run sends COOP/COEP so the page is cross-origin
// isolated (SharedArrayBuffer, so onnxruntime-web runs with 2 threads) and the kiosk's Content
// Security Policy; the built index.html carries the same policy as a meta tag for hosts that cannot
// set headers. The app build also emits the Workbox service worker (src/sw.ts) with a precache of
// the app shell, the onnxruntime and MediaPipe Tasks files and the face models. `--mode harness` builds the
// test/benchmark harness page instead of the app (no service worker, no CSP).
//
// GK_DISTRICT_ORIGIN (build-time environment variable, e.g. https://district.example.kz) is the one
// other origin the kiosk may connect to; without it the kiosk talks to its own origin only. GK_APP_BUILD names the
// build (default: the git commit); GK_UPDATE_IDLE_MS sets the quiet time before an update applies.
import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

export const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** The district server origin from GK_DISTRICT_ORIGIN, normalised; refuses anything but an http(s) origin. */
export function districtOriginFromEnv(value = process.env.GK_DISTRICT_ORIGIN): string | null {
  if (!value) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`GK_DISTRICT_ORIGIN is not a URL: ${value}`);
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.origin !== value.replace(/\/$/, '')) {
    throw new Error(`GK_DISTRICT_ORIGIN must be an origin like https://district.example.kz (no path), got ${value}`);
  }
  return url.origin;
}

export interface CspOptions {
  districtOrigin: string | null;
  /** The dev server injects <style> elements for CSS and its error overlay. */
  dev?: boolean;
  /** A <meta> policy may not carry frame-ancestors (browsers ignore it there). */
  meta?: boolean;
}

/**
 * The kiosk's Content Security Policy. 'wasm-unsafe-eval' is the one relaxation onnxruntime-web
 * needs (WebAssembly compilation); its thread workers are same-origin scripts, so no blob: is needed.
 */
export function contentSecurityPolicy({ districtOrigin, dev = false, meta = false }: CspOptions): string {
  const directives: [string, string][] = [
    ['default-src', "'self'"],
    ['script-src', "'self' 'wasm-unsafe-eval'"],
    ['worker-src', "'self'"],
    ['style-src', dev ? "'self' 'unsafe-inline'" : "'self'"],
    ['img-src', "'self'"],
    ['media-src', "'self'"],
    ['connect-src', ["'self'", districtOrigin].filter(Boolean).join(' ')],
    ['object-src', "'none'"],
    ['base-uri', "'none'"],
    ['form-action', "'none'"],
    ['frame-src', "'none'"],
    ['manifest-src', "'self'"],
  ];
  if (!meta) directives.push(['frame-ancestors', "'none'"]);
  return directives.map(([k, v]) => `${k} ${v}`).join('; ');
}

function appVersion(): { version: string; build: string } {
  const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };
  let build = 'unknown';
  try {
    build =
      process.env.GK_APP_BUILD ||
      execSync('git rev-parse --short HEAD', { stdio: ['ignore', 'pipe', 'ignore'] })
        .toString()
        .trim();
  } catch {
    // Not a git checkout (e.g. a source tarball): the version alone identifies the build.
  }
  return { version, build };
}

/** Puts the CSP meta tag first in <head> of the built page (a meta policy covers only what follows it). */
function cspMetaTag(districtOrigin: string | null): Plugin {
  return {
    name: 'gate-kiosk-csp-meta',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: () => [
        {
          tag: 'meta',
          attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicy({ districtOrigin, meta: true }) },
          injectTo: 'head-prepend',
        },
      ],
    },
  };
}

// ~14 MB onnxruntime wasm, ~13 MB MediaPipe Tasks wasm (/mediapipe/, the detector backend config.detectorBackend can
// choose) and ~7 MB of models are precached; the ~27 MB WebGPU build is in the manifest too, but the
// service worker stores it only on tablets with WebGPU (src/pwa/webgpu-runtime.ts).
const maxPrecacheFileBytes = 64 * 1024 * 1024;

export default defineConfig(({ mode, command }) => {
  const harness = mode === 'harness';
  const districtOrigin = districtOriginFromEnv();
  const { version, build } = appVersion();
  const headers = (dev: boolean) => ({
    ...isolationHeaders,
    ...(harness ? {} : { 'Content-Security-Policy': contentSecurityPolicy({ districtOrigin, dev }) }),
  });
  return {
    server: { headers: headers(true) },
    preview: { headers: headers(false) },
    define: {
      'import.meta.env.GK_DISTRICT_ORIGIN': JSON.stringify(districtOrigin ?? ''),
      'import.meta.env.GK_APP_VERSION': JSON.stringify(version),
      'import.meta.env.GK_APP_BUILD': JSON.stringify(command === 'serve' ? 'dev' : build),
      // Optional: how long (ms) the gate must be quiet before a downloaded update applies (default in src/config.ts, pwa.updateIdleMs).
      __GK_UPDATE_IDLE_MS__: JSON.stringify(process.env.GK_UPDATE_IDLE_MS ?? ''),
    },
    // onnxruntime-web locates its wasm and thread workers itself; pre-bundling breaks that.
    optimizeDeps: { exclude: ['onnxruntime-web'] },
    worker: { format: 'es' },
    plugins: harness
      ? []
      : [
          cspMetaTag(districtOrigin),
          VitePWA({
            strategies: 'injectManifest',
            srcDir: 'src',
            filename: 'sw.ts',
            // src/pwa/register.ts registers through workbox-window; public/manifest.webmanifest is ours.
            injectRegister: false,
            manifest: false,
            injectManifest: {
              globPatterns: ['**/*.{html,js,mjs,css,wasm,onnx,tflite,json,webmanifest,svg,png}'],
              // onnxruntime's bundles name their wasm with `new URL(..., import.meta.url)`, so Vite also
              // emits copies into assets/; the runtime loads the ones under /ort/ (env.wasm.wasmPaths).
              globIgnores: ['assets/*.wasm'],
              // Hashed file names already change with their content: no revision needed.
              dontCacheBustURLsMatching: /^assets\//,
              maximumFileSizeToCacheInBytes: maxPrecacheFileBytes,
              rollupFormat: 'iife',
            },
            devOptions: { enabled: false },
          }),
        ],
    build: {
      target: 'es2022',
      outDir: harness ? '.tmp/harness' : 'dist',
      emptyOutDir: true,
      chunkSizeWarningLimit: 2000,
      rollupOptions: { input: (harness ? { harness: 'test/harness/index.html' } : { main: 'index.html' }) as Record<string, string> },
    },
  };
});
