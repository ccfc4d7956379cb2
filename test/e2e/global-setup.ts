/**
 * Builds the web bundle with vite's JS API (vite.web.config.ts → out/web) and serves it on
 * 127.0.0.1 on a free port for the whole e2e run; the URL reaches tests through `inject('baseUrl')`.
 */
import { resolve } from 'node:path';
import { build, preview } from 'vite';
import type { TestProject } from 'vitest/node';

const ROOT = resolve(import.meta.dirname, '..', '..');
const CONFIG = resolve(ROOT, 'vite.web.config.ts');

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

export async function setup(project: TestProject): Promise<() => Promise<void>> {
  await build({ configFile: CONFIG, logLevel: 'warn' });
  const server = await preview({
    configFile: CONFIG,
    logLevel: 'warn',
    preview: { host: '127.0.0.1', port: 0, strictPort: false },
  });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string')
    throw new Error(`vite preview gave no TCP address: ${String(address)}`);
  project.provide('baseUrl', `http://127.0.0.1:${address.port}/`);
  return async () => {
    await server.close();
  };
}
