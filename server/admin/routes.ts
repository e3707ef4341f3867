// Serves the district admin page and its own files: `/admin`, `/admin/admin.css` and `/admin/client/<module>.js`
// (client/<module>.ts, type-checked with the server and turned into JavaScript with TypeScript's transpiler on first
// use, then kept in memory). Every response carries the page's strict CSP, nosniff and no-referrer.
import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Hono } from 'hono';
import { adminPageHtml, adminSecurityHeaders } from './page';

const clientDir = fileURLToPath(new URL('./client/', import.meta.url));
/** Only the modules that are there at start; a request can never name another file. */
const MODULES = new Set(
  readdirSync(clientDir)
    .filter((f) => /^[a-z-]+\.ts$/.test(f))
    .map((f) => f.replace(/\.ts$/, '')),
);

const compiled = new Map<string, Promise<string>>();

/** A client module whose only statement re-exports a pure module of the kiosk's src/core is served as that module. */
const SHARED_MODULE = /^export \* from '\.\.\/\.\.\/\.\.\/(src\/core\/[a-z0-9-]+)\.js';$/m;
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

async function transpile(name: string): Promise<string> {
  const own = await readFile(`${clientDir}${name}.ts`, 'utf8');
  const shared = SHARED_MODULE.exec(own);
  const source = shared === null ? own : await readFile(`${repoRoot}${shared[1]}.ts`, 'utf8');
  const { default: ts } = await import('typescript');
  const out = ts.transpileModule(source, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, verbatimModuleSyntax: true, sourceMap: false },
    fileName: `${name}.ts`,
  });
  return out.outputText;
}

/** The JavaScript of client/<name>.ts (null for a name that is not one of them). */
export function adminModule(name: string): Promise<string> | null {
  if (!MODULES.has(name)) return null;
  let js = compiled.get(name);
  if (js === undefined) {
    js = transpile(name);
    compiled.set(name, js);
    js.catch(() => compiled.delete(name));
  }
  return js;
}

export function mountAdminPage(app: Hono): void {
  app.get('/admin', (c) => c.html(adminPageHtml(), 200, adminSecurityHeaders));
  app.get('/admin/admin.css', async (c) =>
    c.body(await readFile(`${clientDir}admin.css`, 'utf8'), 200, { ...adminSecurityHeaders, 'content-type': 'text/css; charset=utf-8' }),
  );
  app.get('/admin/client/:file', async (c) => {
    const m = /^([a-z-]+)\.js$/.exec(c.req.param('file'));
    const js = m === null ? null : adminModule(m[1]!);
    if (js === null) return c.json({ code: 'not-found', message: 'No such file of the admin page.' }, 404, adminSecurityHeaders);
    return c.body(await js, 200, { ...adminSecurityHeaders, 'content-type': 'text/javascript; charset=utf-8' });
  });
}
