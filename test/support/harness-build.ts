// Builds the harness page (vite build --mode harness) into .tmp/harness, the kiosk's own pipeline
// code bundled as in production, and serves it with the photos folder next to it.
import { cpSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';
import { buildOncePerTestRun } from './build-once';
import { repoRoot } from './faces';
import { startStaticServer, type StaticServer } from './static-server';

export const harnessDir = join(repoRoot, '.tmp', 'harness');

export async function buildHarness(): Promise<string> {
  if (!existsSync(join(repoRoot, 'public', 'models', 'fr-feature.onnx'))) {
    throw new Error('The model files are missing from public/models: run `npm install` (or `npm run models`).');
  }
  await buildOncePerTestRun(harnessDir, async () => {
    await build({ root: repoRoot, mode: 'harness', logLevel: 'warn', configFile: join(repoRoot, 'vite.config.ts') });
    // The harness page lands at .tmp/harness/test/harness/index.html; public/ is copied by Vite.
    if (!existsSync(join(harnessDir, 'models', 'manifest.json'))) cpSync(join(repoRoot, 'public'), harnessDir, { recursive: true });
  });
  return harnessDir;
}

export const harnessPath = '/test/harness/index.html';

export async function serveHarness(facesDir: string): Promise<StaticServer> {
  return startStaticServer(harnessDir, facesDir);
}
