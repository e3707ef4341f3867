// Generates src/protocol/api-types.generated.ts (the kiosk client's types) from api/openapi.yaml with openapi-typescript.
// `npm run gen:api` writes it; `npm run gen:api -- --check` fails when the committed file is out of date.
import { readFileSync, writeFileSync } from 'node:fs';
import openapiTS, { astToString } from 'openapi-typescript';

const source = new URL('../api/openapi.yaml', import.meta.url);
const target = new URL('../src/protocol/api-types.generated.ts', import.meta.url);

const header = '// Generated from api/openapi.yaml by scripts/gen-api-types.ts (`npm run gen:api`); do not edit by hand.\n';
const ast = await openapiTS(source, { exportType: true, rootTypes: false });
const text = header + astToString(ast);

if (process.argv.includes('--check')) {
  const current = readFileSync(target, 'utf8');
  if (current !== text) {
    console.error('src/protocol/api-types.generated.ts is out of date: run `npm run gen:api`');
    process.exit(1);
  }
  console.log('src/protocol/api-types.generated.ts is up to date');
} else {
  writeFileSync(target, text);
  console.log(`wrote ${target.pathname}`);
}
