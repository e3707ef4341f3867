// Vitest global setup: the temporary files of every test file (fake-camera videos, district folders and backups,
// secrets, browser profiles) go under one folder made for the run and removed when it ends. Left behind by the files
// that made them, they had filled /tmp with 4 GB after seven full runs on the development machine.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'gk-test-run-'));
  const previous = process.env.TMPDIR;
  // os.tmpdir() reads TMPDIR on every call, in the test workers (started after this) and in the browsers they launch.
  process.env.TMPDIR = root;
  return () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    rmSync(root, { recursive: true, force: true });
  };
}
