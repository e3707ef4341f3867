// The browser half of SimpleWebAuthn (@simplewebauthn/browser, pinned in package.json) served from the district's own
// origin as the package ships its ES modules: /vendor/simplewebauthn/<path>.js maps to the package's esm/<path>.js.
// Only the files found there at start are served (no other path can be named); no CDN, nothing third-party.
import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import type { Hono } from 'hono';

export const SIMPLEWEBAUTHN_BROWSER_URL = '/vendor/simplewebauthn/index.js';

/** The package's esm/ folder (require() resolves to its CommonJS script/index.js, one folder beside it). */
const esmDir = join(dirname(dirname(createRequire(import.meta.url).resolve('@simplewebauthn/browser'))), 'esm');

function jsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? jsFiles(join(dir, e.name)) : e.name.endsWith('.js') ? [join(dir, e.name)] : [],
  );
}

export function mountVendor(app: Hono, headers: Record<string, string>): void {
  const files = new Map(jsFiles(esmDir).map((f) => [relative(esmDir, f).split(sep).join('/'), f]));
  app.get('/vendor/simplewebauthn/*', async (c) => {
    const path = new URL(c.req.url).pathname.slice('/vendor/simplewebauthn/'.length);
    const file = files.get(path);
    if (file === undefined) return c.json({ code: 'not-found', message: 'No such file.' }, 404, headers);
    return c.body(await readFile(file, 'utf8'), 200, { ...headers, 'content-type': 'text/javascript; charset=utf-8' });
  });
}
