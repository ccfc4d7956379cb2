/**
 * Compute worker entry (worker_threads), started and owned by electron/main/worker-owner.ts.
 * A thin shell around the shared job server (shared/jobs/serve.ts): it wires the parent port,
 * reads the cancel flag main shares with it, and enables test faults only when main asked.
 */
import * as workerThreads from 'node:worker_threads';
import type { CancelSignal } from '../../shared/cancel';
import type { RunJobMessage, WorkerBootData } from '../../shared/jobs/protocol';
import { createJobServer } from '../../shared/jobs/serve';
import type { UntransferableTest } from '../../shared/jobs/transfer';
import { runFault } from './faults';

const port = workerThreads.parentPort;
if (!port) throw new Error('electron/worker/index.ts must run as a worker thread');

const boot = workerThreads.workerData as WorkerBootData;
const cancelFlag = new Int32Array(boot.cancelFlag);
/** Main stores 1 to cancel the running job and 0 before the next; the pipeline reads it between chunks. */
const signal: CancelSignal = {
  get aborted() {
    return Atomics.load(cancelFlag, 0) !== 0;
  },
};

const serve = createJobServer({
  post: (message, transfer) => port.postMessage(message, transfer),
  signal,
  ...(boot.testFaults ? { runFault } : {}),
  // Node ≥ 21 can say which buffers it will refuse to move; Node 20 cannot (it copies them).
  isUntransferable: (workerThreads as { isMarkedAsUntransferable?: UntransferableTest })
    .isMarkedAsUntransferable,
});
port.on('message', (message: RunJobMessage) => void serve(message));
