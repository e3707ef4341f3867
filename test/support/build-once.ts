// Builds an output folder once per test run: the gate tests' kiosk (bench/lib/gate-app.ts) and the pipeline harness
// are the same bytes for every browser test file of a run, and each Vite build of them took ~4 s of a CI run's ~11
// browser minutes. A later file of the same run finds the first file's stamp and reuses its folder. Outside a Vitest
// run (the benchmarks, a developer's script) it always builds.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const STAMP = '.built-for-test-run';

/** The run's own temporary folder (test/support/temp-root.global.ts makes one per run); none outside Vitest. */
function currentTestRun(): string | null {
  return process.env.VITEST && process.env.TMPDIR ? process.env.TMPDIR : null;
}

export async function buildOncePerTestRun(outDir: string, build: () => Promise<void>): Promise<void> {
  const run = currentTestRun();
  const stamp = join(outDir, STAMP);
  if (run !== null && existsSync(stamp) && readFileSync(stamp, 'utf8') === run) return;
  await build();
  if (run !== null) writeFileSync(stamp, run);
}
