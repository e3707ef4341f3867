// Vite build and dev server. Every server we run sends COOP/COEP so the page is cross-origin
// isolated (SharedArrayBuffer, so onnxruntime-web runs with 2 threads). `--mode harness` builds
// the test/benchmark harness page instead of the app.
import { defineConfig } from 'vite';

export const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export default defineConfig(({ mode }) => {
  const harness = mode === 'harness';
  return {
    server: { headers: isolationHeaders },
    preview: { headers: isolationHeaders },
    // onnxruntime-web locates its wasm and thread workers itself; pre-bundling breaks that.
    optimizeDeps: { exclude: ['onnxruntime-web'] },
    worker: { format: 'es' },
    build: {
      target: 'es2022',
      outDir: harness ? '.tmp/harness' : 'dist',
      emptyOutDir: true,
      chunkSizeWarningLimit: 2000,
      rollupOptions: { input: (harness ? { harness: 'test/harness/index.html' } : { main: 'index.html' }) as Record<string, string> },
    },
  };
});
