// The renderer as a plain web app for any browser (`npm run web`) and for the end-to-end tests:
// window.postnet is absent there, so the page uses the browser host (a Web Worker running shared/).
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const root = import.meta.dirname;

export default defineConfig({
  root: resolve(root, 'renderer'),
  base: './',
  plugins: [react()],
  build: {
    outDir: resolve(root, 'out/web'),
    emptyOutDir: true,
    target: 'es2022',
    // Errors cross the worker boundary as { name, message } with name = the class name
    // (shared/errors.ts): minified class names would turn `WavFormatError` into `d`.
    rolldownOptions: { output: { keepNames: true } },
  },
  worker: { format: 'es', rolldownOptions: { output: { keepNames: true } } },
  preview: { host: '127.0.0.1', port: 4173, strictPort: false },
});
