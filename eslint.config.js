// Lint rules. src/core/ must stay pure TypeScript (no DOM, Dexie, onnxruntime or fetch):
// it runs unchanged in Node tests, so imports of browser I/O are refused there.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

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
          patterns: [
            {
              group: [
                'dexie',
                'onnxruntime-web*',
                'preact*',
                '../pipeline/*',
                '../storage/*',
                '../ui/*',
                '../sync/*',
                '../readers/*',
                '../attendance/*',
                '../enrollment/*',
              ],
              message: 'src/core is pure: no I/O libraries or app layers.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'fetch', 'indexedDB', 'localStorage'],
    },
  },
);
