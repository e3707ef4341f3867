// Test projects: `unit` runs in Node (pure core, fakes); `browser` drives Debian Chromium
// through playwright-core against the real models (see test/browser/harness.ts).
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // One temporary folder for the whole run, removed at its end (test/support/temp-root.global.ts).
    globalSetup: ['test/support/temp-root.global.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts', 'src/**/*.test.ts', 'server/**/*.test.ts'],
          environment: 'node',
          setupFiles: ['test/support/fake-indexeddb.setup.ts'],
          // Many unit tests start a real district (PGlite, HTTP, WebCrypto) and run beside the others on a 2-core
          // machine: Vitest's 5 s default failed some of them on a loaded CI run. Hooks, which start them, get twice that.
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // One module graph for all unit files (each still gets its own databases and servers): a full isolated run
          // spent most of its 14 minutes re-importing the server and PGlite per file; shared, it took under 9.
          isolate: false,
          // Vitest's default is one worker fewer than the cores: a single worker on the 2-core CI machine, the other
          // core idle while most tests wait on PGlite, HTTP and WebCrypto. Two workers there: the unit files took
          // 319 s instead of ~476 s, and the PostgreSQL run 124 s instead of 175 s, all passing.
          maxWorkers: Math.max(2, availableParallelism() - 1),
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
          // After the unit tests, not beside them: Chromium runs the models on both cores, and the unit tests' servers
          // beside it made timing-dependent browser tests fail on loaded CI runs.
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
