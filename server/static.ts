// Serves the built kiosk (dist/) with the headers it needs: cross-origin isolation (COOP/COEP, for threaded
// WebAssembly), the kiosk's Content Security Policy as a header (the one the build wrote into index.html, plus
// frame-ancestors, which a meta policy cannot carry), no sniffing, no caching of index.html (the service worker
// decides), and the SPA fallback.
import { readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { MiddlewareHandler } from 'hono';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.wasm': 'application/wasm',
  '.onnx': 'application/octet-stream',
  '.bin': 'application/octet-stream',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.tflite': 'application/octet-stream',
};

export const isolationHeaders = {
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-embedder-policy': 'require-corp',
  'cross-origin-resource-policy': 'same-origin',
  'x-content-type-options': 'nosniff',
};

/**
 * The policy of the built page: its CSP meta tag (written by vite.config.ts from the same contentSecurityPolicy
 * function the dev and preview servers send) with frame-ancestors added. Throws when the build has none.
 */
export function builtContentSecurityPolicy(indexHtml: string): string {
  const m = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/i.exec(indexHtml);
  if (m === null) throw new Error('the built index.html has no Content-Security-Policy meta tag: run `npm run build`');
  const policy = m[1]!
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
  return /frame-ancestors/.test(policy) ? policy : `${policy}; frame-ancestors 'none'`;
}

/** index.html and the service worker are checked each time (the service worker decides); other files keep an hour. */
export function cacheControlFor(file: string): string {
  return extname(file) === '.html' || file.endsWith('sw.js') ? 'no-cache' : 'public, max-age=3600';
}

export function serveStatic(root: string): MiddlewareHandler {
  const base = normalize(root + sep);
  const csp = builtContentSecurityPolicy(readFileSync(join(root, 'index.html'), 'utf8'));
  return async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
    const path = decodeURIComponent(new URL(c.req.url).pathname);
    let file = normalize(join(base, path));
    if (!file.startsWith(base)) return next();
    let info = await stat(file).catch(() => null);
    if (info?.isDirectory()) {
      file = join(file, 'index.html');
      info = await stat(file).catch(() => null);
    }
    if (!info) {
      // Client-side routes fall back to the app; missing assets stay 404.
      if (extname(path) !== '') return next();
      file = join(base, 'index.html');
    }
    const body = await readFile(file).catch(() => null);
    if (body === null) return next();
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    return c.body(body, 200, {
      'content-type': type,
      'cache-control': cacheControlFor(file),
      'content-security-policy': csp,
      ...isolationHeaders,
    });
  };
}
