// electron-vite builds three things from this repo's folders:
//   main    electron/main (app), electron/worker (compute worker), electron/cli (the CLI and its
//           pool worker) → out/main
//   preload electron/preload → out/preload/index.cjs (sandboxed preloads must be CommonJS)
//   renderer renderer/ (React) → out/renderer, with the CSP <meta> from shared/csp.ts
//            (main also sends the same policy as a header: electron/main/security.ts)
// __POSTNET_DEV_BUILD__ is true for `electron-vite dev` only (electron/main/build-mode.ts): DevTools,
// the reload menu and the dev server URL exist in development builds and in no other.
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { mainDefines } from './electron/main/build-mode.ts';
import { cspMetaPlugin } from './shared/csp.ts';

const root = import.meta.dirname;

export default defineConfig(({ command }) => ({
  main: {
    define: mainDefines(command),
    build: {
      // onnxruntime-node is an optional dependency with a native binary: loaded at run time from
      // node_modules, never bundled (dependencies are externalized by default, optional ones not).
      externalizeDeps: { include: ['onnxruntime-node'] },
      rolldownOptions: {
        input: {
          index: resolve(root, 'electron/main/index.ts'),
          worker: resolve(root, 'electron/worker/index.ts'),
          cli: resolve(root, 'electron/cli/index.ts'),
          // the CLI's pool worker (electron/cli/pool-start.ts finds it beside cli.js)
          'cli-worker': resolve(root, 'electron/cli/pool-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      rolldownOptions: {
        input: { index: resolve(root, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    build: {
      rolldownOptions: { input: { index: resolve(root, 'renderer/index.html') } },
    },
    plugins: [react(), cspMetaPlugin()],
  },
}));
