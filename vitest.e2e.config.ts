// End-to-end tests: the built renderer in Chromium through the browser host.
// globalSetup builds the web bundle (vite.web.config.ts) and serves it on 127.0.0.1.
// Chromium is CHROMIUM_PATH or the usual place (test/e2e/helpers/chromium.ts); where there is
// none (a macOS or Windows machine without Chrome), the suite is skipped with one line saying so.
// A CHROMIUM_PATH that does not exist, or no Chromium under CI (which installs it), is an error.
import { defineConfig } from 'vitest/config';
import { findChromium } from './test/e2e/helpers/chromium.ts';

const chromium = findChromium();
if (!chromium.found) {
  if (process.env['CHROMIUM_PATH'] || process.env['CI']) throw new Error(`e2e: ${chromium.reason}`);
  console.warn(`e2e: skipped: ${chromium.reason}`);
}

export default defineConfig({
  test: {
    include: chromium.found ? ['test/e2e/**/*.test.ts'] : [],
    passWithNoTests: !chromium.found,
    environment: 'node',
    globalSetup: chromium.found ? ['test/e2e/global-setup.ts'] : [],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // expect.poll waits on the app (a weights load runs the post-net in the worker): its 1 s
    // default is too short on a loaded 2-core machine.
    expect: { poll: { timeout: 20_000 } },
    fileParallelism: false,
    reporters: ['default', 'json'],
    outputFile: { json: 'reports/e2e.json' },
  },
});
