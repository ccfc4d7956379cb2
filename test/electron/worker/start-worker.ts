/**
 * Starts electron/worker/index.ts as a real worker thread from its TypeScript source. The worker
 * registers tsx's ESM loader itself (an `--import tsx` in execArgv does not reach worker threads
 * on Node 20), then imports the entry; the same code the build bundles into out/main/worker.js.
 */
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { WorkerOwner, type WorkerOwnerOptions } from '../../../electron/main/worker-owner';

const ENTRY_URL = new URL('../../../electron/worker/index.ts', import.meta.url).href;
const TSX_API_URL = import.meta.resolve('tsx/esm/api');

const BOOT_SOURCE = `import(${JSON.stringify(TSX_API_URL)}).then((tsx) => {
  tsx.register();
  return import(${JSON.stringify(ENTRY_URL)});
});`;

export function startWorkerFromSource(options: WorkerOptions): Worker {
  return new Worker(BOOT_SOURCE, { ...options, eval: true });
}

/** A WorkerOwner over the real worker entry (the worker and layers benches use it). */
export function createTestOwner(options: Partial<WorkerOwnerOptions> = {}): WorkerOwner {
  return new WorkerOwner({ createWorker: startWorkerFromSource, ...options });
}
