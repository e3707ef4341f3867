// A small static HTTP server for tests and benchmarks: serves a built folder with the same
// COOP/COEP headers and the same caching as the kiosk's servers, and photos from an allowed folder under /__files/.
// The caching matters to bench:speed's kept-profile cold start: without it a browser fetched every file again and
// compiled onnxruntime's wasm again at each load (3.6-4.5 s); with it, as from server/static.ts, 2.1-2.3 s.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import { cacheControlFor } from '../../server/static';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.onnx': 'application/octet-stream',
  '.tflite': 'application/octet-stream',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.webmanifest': 'application/manifest+json',
};

export interface StaticServer {
  url: string;
  /** URL under which a file inside `filesRoot` is served. */
  fileUrl(absolutePath: string): string;
  close(): Promise<void>;
}

function inside(root: string, path: string): boolean {
  const r = resolve(root);
  const p = resolve(path);
  return p === r || p.startsWith(r + sep);
}

export async function startStaticServer(root: string, filesRoot?: string): Promise<StaticServer> {
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    let path: string;
    if (url.pathname.startsWith('/__files/') && filesRoot) {
      path = join(filesRoot, normalize(decodeURIComponent(url.pathname.slice('/__files/'.length))));
      if (!inside(filesRoot, path)) path = '';
    } else {
      path = join(root, normalize(decodeURIComponent(url.pathname)));
      if (!inside(root, path)) path = '';
      else if (existsSync(path) && statSync(path).isDirectory()) path = join(path, 'index.html');
    }
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Cross-Origin-Embedder-Policy', 'require-corp');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    if (!path || !existsSync(path) || !statSync(path).isFile()) {
      res.statusCode = 404;
      res.end('not found');
      return;
    }
    res.setHeader('Content-Type', types[extname(path).toLowerCase()] ?? 'application/octet-stream');
    res.setHeader('Content-Length', statSync(path).size);
    res.setHeader('Cache-Control', cacheControlFor(path));
    createReadStream(path).pipe(res);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  return {
    url: base,
    fileUrl: (absolutePath) => {
      if (!filesRoot || !inside(filesRoot, absolutePath)) throw new Error(`${absolutePath} is outside ${filesRoot}`);
      const rel = resolve(absolutePath)
        .slice(resolve(filesRoot).length + 1)
        .split(sep)
        .map(encodeURIComponent)
        .join('/');
      return `/__files/${rel}`;
    },
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}
