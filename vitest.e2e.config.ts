// End-to-end tests: the built renderer in Debian's Chromium through the browser host.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    passWithNoTests: true,
    reporters: ['default', 'json'],
    outputFile: { json: 'reports/e2e.json' },
  },
});
