// End-to-end tests: the built renderer in Debian's Chromium through the browser host.
// globalSetup builds the web bundle (vite.web.config.ts) and serves it on 127.0.0.1.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['test/e2e/global-setup.ts'],
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
