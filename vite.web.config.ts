// The renderer as a plain web app for any browser (`npm run web`) and for the end-to-end tests:
// window.postnet is absent there, so the page uses the browser host (a Web Worker running shared/).
// `vite --config vite.web.config.ts` is the same app on the dev server with hot reload.
// cspMetaPlugin puts the Content-Security-Policy into index.html (production policy in a build).
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { cspMetaPlugin } from './shared/csp.ts';

const root = import.meta.dirname;

export default defineConfig({
  root: resolve(root, 'renderer'),
  base: './',
  plugins: [react(), cspMetaPlugin()],
  build: {
    outDir: resolve(root, 'out/web'),
    emptyOutDir: true,
    target: 'es2022',
    // Errors cross the worker boundary as { name, message } with name = the class name
    // (shared/errors.ts): minified class names would turn `WavFormatError` into `d`.
    rolldownOptions: { output: { keepNames: true } },
  },
  // The dev server pre-bundles what the page and the pipeline worker import, found by crawling
  // both entries (it does not follow `new Worker(new URL(...))`), so the first load needs no reload.
  optimizeDeps: { entries: ['index.html', 'src/host/browser/worker.ts'] },
  worker: { format: 'es', rolldownOptions: { output: { keepNames: true } } },
  preview: { host: '127.0.0.1', port: 4173, strictPort: false },
});
