// `npm run test:browser`: the HTML hand-out rendered and printed by headless Chromium (the Debian
// package `chromium`, or CHROMIUM_PATH). Not part of `npm test`: it needs a browser, and is slower.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/browser/**/*.test.ts'],
    environment: 'node',
    // A browser start and a print per case; the timeout only ends a run that would never finish.
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
