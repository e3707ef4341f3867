// Serves the browser modules of a server page (the admin page, the parents' page, the passkey module they share): each
// is a client/<name>.ts of its folder, type-checked with the server, turned into JavaScript by TypeScript's transpiler
// on first use and kept in memory. Only the modules there at start can be asked for. A module whose only statement
// re-exports a pure module of the kiosk's src/core is served as that module; the one npm package the pages use in the
// browser, @simplewebauthn/browser, is imported from the district's own origin (/vendor/simplewebauthn/, vendor.ts).
import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { SIMPLEWEBAUTHN_BROWSER_URL } from './vendor';

const SHARED_MODULE = /^export \* from '\.\.\/\.\.\/\.\.\/(src\/core\/[a-z0-9-]+)\.js';$/m;
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** The JavaScript of `<dir>/<name>.ts` by name (null for a name that is not one of the folder's modules). */
export function clientModules(dir: string): (name: string) => Promise<string> | null {
  const names = new Set(
    readdirSync(dir)
      .filter((f) => /^[a-z-]+\.ts$/.test(f))
      .map((f) => f.replace(/\.ts$/, '')),
  );
  const compiled = new Map<string, Promise<string>>();
  const transpile = async (name: string): Promise<string> => {
    const own = await readFile(`${dir}${name}.ts`, 'utf8');
    const shared = SHARED_MODULE.exec(own);
    const source = shared === null ? own : await readFile(`${repoRoot}${shared[1]}.ts`, 'utf8');
    const { default: ts } = await import('typescript');
    const out = ts.transpileModule(source, {
      compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, verbatimModuleSyntax: true, sourceMap: false },
      fileName: `${name}.ts`,
    });
    return out.outputText.replace(/from '@simplewebauthn\/browser'/g, `from '${SIMPLEWEBAUTHN_BROWSER_URL}'`);
  };
  return (name) => {
    if (!names.has(name)) return null;
    let js = compiled.get(name);
    if (js === undefined) {
      js = transpile(name);
      compiled.set(name, js);
      js.catch(() => compiled.delete(name));
    }
    return js;
  };
}
