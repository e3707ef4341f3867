// Lint rules. src/core/ and src/protocol/ must stay pure TypeScript (no DOM, Dexie, onnxruntime or fetch): they run
// unchanged in Node tests and on the district server. The kiosk's layers are checked with eslint-plugin-boundaries:
// imports go down only, core/protocol <- storage/pipeline/readers <- the domain folders <- runtime <- ui, and a screen
// imports nothing but src/runtime (screen-api.ts), src/core and its own folder (the map is in the README).
import js from '@eslint/js';
import boundaries from 'eslint-plugin-boundaries';
import tseslint from 'typescript-eslint';
import globals from 'globals';

/** Each folder (or file) of src/ and its layer, bottom first. */
const layers = {
  core: ['core', 'protocol', 'config', 'demo'],
  io: ['storage', 'pipeline', 'readers'],
  domain: ['attendance', 'consent', 'enrollment', 'gate', 'sync', 'diagnostics', 'pwa', 'kiosk'],
  runtime: ['runtime'],
  ui: ['ui'],
  entry: ['main', 'sw'],
};
/** The files directly in src/ (the rest are folders). */
const files = { config: 'config.ts', main: 'main.tsx', sw: 'sw.ts' };
const elements = [
  ...Object.values(layers)
    .flat()
    .filter((name) => !(name in files))
    .map((name) => ({ type: name, pattern: `src/${name}`, partialMatch: false })),
  // Last: whatever is directly in src/, told apart by its file name.
  { type: 'src', pattern: 'src', partialMatch: false },
];
const element = (name) => (name in files ? { type: 'src', fileInternalPath: files[name] } : { type: name });
/** `from` may import itself and `to`. */
const may = (from, to) => ({ from: { element: element(from) }, allow: { to: { element: [from, ...to].map(element) } } });
const below = { core: layers.core, io: [...layers.core], domain: [...layers.core, ...layers.io] };

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'public/', 'bench/out/', '.tmp/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/core/**/*.ts', 'src/protocol/**/*.ts'],
    languageOptions: { globals: { ...globals['shared-node-browser'] } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ group: ['dexie', 'onnxruntime-web*', 'preact*'], message: 'src/core and src/protocol are pure: no I/O libraries.' }],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'fetch', 'indexedDB', 'localStorage'],
    },
  },
  {
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    plugins: { boundaries },
    settings: {
      'boundaries/elements': elements,
      'import/resolver': { node: { extensions: ['.ts', '.tsx', '.js', '.json'] } },
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'disallow',
          message: 'Layers go one way: core/protocol <- storage/pipeline/readers <- domain <- runtime <- ui (README, "Where things are").',
          policies: [
            // Pure code needs nothing but itself: types and rules shared by kiosk and server.
            ...layers.core.map((name) => may(name, below.core)),
            // I/O behind small interfaces: one job each, none calls another.
            ...layers.io.map((name) => may(name, below.io)),
            // The domain: each folder takes what it is built on, never what is built on it.
            may('attendance', below.domain),
            may('consent', below.domain),
            may('enrollment', [...below.domain, 'attendance']),
            may('gate', [...below.domain, 'attendance', 'consent']),
            may('sync', [...below.domain, 'attendance', 'consent']),
            may('diagnostics', [...below.domain, 'gate', 'sync']),
            may('pwa', [...below.domain, 'gate']),
            may('kiosk', below.core),
            // The composition root wires everything below it.
            may('runtime', [...below.domain, ...layers.domain]),
            // Screens render the runtime's view and call its commands; pure helpers from core are fine.
            may('ui', [...layers.core, 'runtime']),
            // The entry points start the shell and the runtime and render the screens.
            may('main', [...below.domain, ...layers.domain, 'runtime', 'ui']),
            may('sw', ['pwa']),
          ],
        },
      ],
      // Every file of src/ belongs to a layer, and every import between them resolves (an unknown one is not checked).
      'boundaries/no-unknown-files': 'error',
      'boundaries/no-unknown-dependencies': 'error',
    },
  },
);
