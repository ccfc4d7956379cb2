/**
 * How the CLI starts a pool worker: the bundled `cli-worker.js` beside `cli.js` in a build, or
 * electron/cli/pool-worker.ts from source under tsx (`npm run cli`), where the worker registers
 * tsx's loader itself (an `--import tsx` in execArgv does not reach worker threads on Node 20).
 */
import { Worker } from 'node:worker_threads';
import type { StartWorker } from './pool';

/** `entryUrl`: import.meta.url of the CLI's entry point (electron/cli/index.ts or out/main/cli.js). */
export function poolWorkerStarter(entryUrl: string): StartWorker {
  if (!entryUrl.endsWith('.ts')) {
    const bundle = new URL('./cli-worker.js', entryUrl);
    return () => new Worker(bundle);
  }
  const source = new URL('./pool-worker.ts', entryUrl).href;
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(source)}); });`;
  return () => new Worker(boot, { eval: true });
}
