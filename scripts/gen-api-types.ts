// Generates from api/openapi.yaml what the kiosk compiles in: src/protocol/api-types.generated.ts (the client's types,
// openapi-typescript) and src/protocol/bundle-validators.generated.js (+ .d.ts): Ajv's standalone validators for the
// bundle answers and the site's events (GET /v1/site-events), plain functions with no `eval`, so the kiosk checks the district's answers against the same contract
// the server validates with, under its Content Security Policy.
// `npm run gen:api` writes them; `npm run gen:api -- --check` fails when a committed file is out of date.
import { readFileSync, writeFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import standaloneModule from 'ajv/dist/standalone/index.js';
import openapiTS, { astToString } from 'openapi-typescript';
import YAML from 'yaml';

const source = new URL('../api/openapi.yaml', import.meta.url);
const typesTarget = new URL('../src/protocol/api-types.generated.ts', import.meta.url);
const validatorsTarget = new URL('../src/protocol/bundle-validators.generated.js', import.meta.url);
const validatorTypesTarget = new URL('../src/protocol/bundle-validators.generated.d.ts', import.meta.url);

const header = '// Generated from api/openapi.yaml by scripts/gen-api-types.ts (`npm run gen:api`); do not edit by hand.\n';

const types = header + astToString(await openapiTS(source, { exportType: true, rootTypes: false }));

/** The schemas the kiosk validates with, by the name of the exported function. */
const VALIDATED = {
  validateBundlePayload: 'BundlePayload',
  validateBundleDelta: 'BundleDelta',
  validateBundleUnchanged: 'BundleUnchanged',
  validateSiteEventsPage: 'SiteEventsPage',
};

function validators(): string {
  const CONTRACT_ID = 'https://gate-kiosk.invalid/openapi.json';
  const document = YAML.parse(readFileSync(source, 'utf8')) as { components: unknown };
  const ajv = new Ajv2020({ strict: false, allErrors: false, code: { source: true, esm: true, lines: true } });
  ajv.addSchema({ $id: CONTRACT_ID, components: document.components }, CONTRACT_ID);
  const refs = Object.fromEntries(Object.entries(VALIDATED).map(([fn, schema]) => [fn, `${CONTRACT_ID}#/components/schemas/${schema}`]));
  const standalone = standaloneModule as unknown as { default: (ajv: Ajv2020, refs: Record<string, string>) => string };
  let code = standalone.default(ajv, refs);
  // Ajv counts a string's length in code points with a CommonJS helper even in ESM output: the same rule, inline.
  code = code.replace(
    /const (\w+) = require\("ajv\/dist\/runtime\/ucs2length"\)\.default;/g,
    (_, name: string) => `const ${name} = (text) => { let n = 0; for (const _c of text) n++; return n; };`,
  );
  if (/require\(|new Function|eval\(/.test(code))
    throw new Error('the standalone validators need a CommonJS helper or eval: not allowed in the kiosk');
  return `${header}/* eslint-disable */\n${code}\n`;
}

const validatorTypes =
  header +
  "import type { components } from './api-types.generated';\n\n" +
  '/** An Ajv error as the standalone validators report it (the first problem found). */\n' +
  'export interface ValidationError {\n  instancePath: string;\n  keyword: string;\n  params: Record<string, unknown>;\n  message?: string;\n}\n\n' +
  'export interface Validator<T> {\n  (value: unknown): value is T;\n  errors?: ValidationError[] | null;\n}\n\n' +
  Object.entries(VALIDATED)
    .map(([fn, schema]) => `export declare const ${fn}: Validator<components['schemas']['${schema}']>;\n`)
    .join('');

const outputs: [URL, string][] = [
  [typesTarget, types],
  [validatorsTarget, validators()],
  [validatorTypesTarget, validatorTypes],
];

if (process.argv.includes('--check')) {
  const stale = outputs.filter(([file, text]) => readFileSync(file, 'utf8') !== text).map(([file]) => file.pathname.split('/').pop());
  if (stale.length > 0) {
    console.error(`out of date: ${stale.join(', ')}: run \`npm run gen:api\``);
    process.exit(1);
  }
  console.log('src/protocol/api-types.generated.ts and bundle-validators.generated.js are up to date');
} else {
  for (const [file, text] of outputs) writeFileSync(file, text);
  console.log(`wrote ${outputs.map(([file]) => file.pathname).join(', ')}`);
}
