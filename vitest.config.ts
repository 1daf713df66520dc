import os from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    // The browser tests need Chromium: `npm run test:browser` (vitest.browser.config.ts).
    exclude: [...configDefaults.exclude, 'tests/browser/**'],
    environment: 'node',
    // One test file per core. (Vitest's default leaves a core to itself: on 2 cores, one file at a
    // time, and the suite took half as long again.) The suite passes with the machine fully
    // loaded, so it may use all of it.
    maxWorkers: Math.max(1, os.availableParallelism()),
    // Tests wait for conditions, never for time; the timeout only ends a test that would never get
    // there. Vitest's 5 s default ended a 200-key UI walk on a machine busy with other work.
    testTimeout: 30_000,
    // In CI a JSON report lets .ci/run print a plain "N passed, N failed" closing line.
    reporters: process.env['CI'] ? ['default', ['json', { outputFile: 'test-results.json' }]] : ['default'],
  },
});
