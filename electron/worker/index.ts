// Compute worker entry (worker_threads), owned by the main process.
import { parentPort } from 'node:worker_threads';

parentPort?.on('message', (message: unknown) => parentPort?.postMessage({ ok: true, result: message }));
