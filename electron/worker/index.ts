/**
 * Compute worker entry (worker_threads), started and owned by electron/main/worker-owner.ts.
 * Thin: it turns messages into `runJob` calls and replies into envelopes with transfer lists.
 * Jobs run one after another; the cancel flag is a shared Int32 main sets to 1.
 */
import * as workerThreads from 'node:worker_threads';
import type { CancelSignal } from '../../shared/cancel';
import { throttleProgress } from '../../shared/api/progress';
import { replyError, replyOk } from '../../shared/api/reply';
import { transferListForMessage, type UntransferableTest } from '../../shared/api/transfer';
import type { RunJobMessage, WorkerBootData, WorkerMessage } from '../../shared/api/worker-protocol';
import { createJobState, runJob } from './run-job';

const port = workerThreads.parentPort;
if (!port) throw new Error('electron/worker/index.ts must run as a worker thread');

const boot = workerThreads.workerData as WorkerBootData;
const cancelFlag = new Int32Array(boot.cancelFlag);
const signal: CancelSignal = {
  get aborted() {
    return Atomics.load(cancelFlag, 0) !== 0;
  },
};
/** Node ≥ 21 can say which buffers it will refuse to move; Node 20 cannot (it copies them). */
const isUntransferable = (workerThreads as { isMarkedAsUntransferable?: UntransferableTest })
  .isMarkedAsUntransferable;
const state = createJobState();

function post(message: WorkerMessage): void {
  port!.postMessage(message, transferListForMessage(message, isUntransferable));
}

async function handle({ jobId, job }: RunJobMessage): Promise<void> {
  const progress = throttleProgress((update: { label: string; fraction: number }) =>
    post({ type: 'progress', jobId, ...update }),
  );
  try {
    const result = await runJob(job, {
      signal,
      progress: (label, fraction) => progress({ label, fraction }),
      state,
      testFaults: boot.testFaults,
    });
    post({ type: 'done', jobId, reply: replyOk(result) });
  } catch (error) {
    post({ type: 'done', jobId, reply: replyError(error) });
  }
}

let queue = Promise.resolve();
port.on('message', (message: RunJobMessage) => {
  queue = queue.then(() => handle(message));
});
