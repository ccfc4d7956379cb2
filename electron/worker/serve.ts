/**
 * The compute worker's wiring, apart from its entry so tests can run it on an in-process port: a
 * message port (the `worker_threads` parent port) in front of the shared job server
 * (shared/jobs/serve.ts), and the cancel flag main shares with the worker as the jobs' signal.
 */
import * as workerThreads from 'node:worker_threads';
import type { CancelSignal } from '../../shared/cancel';
import type { RunJobMessage, WorkerBootData, WorkerMessage } from '../../shared/jobs/protocol';
import { createJobState } from '../../shared/jobs/run-job';
import { createJobServer } from '../../shared/jobs/serve';
import type { UntransferableTest } from '../../shared/jobs/transfer';
import { loadOnnxRuntime } from '../native/onnxruntime';

/** The part of a `MessagePort` the worker uses. */
export interface JobPort {
  postMessage(message: WorkerMessage, transfer: ArrayBuffer[]): void;
  on(event: 'message', listener: (message: RunJobMessage) => void): unknown;
}

/** Node ≥ 21 can say which buffers it will refuse to move; Node 20 cannot (it copies them). */
const isUntransferable = (workerThreads as { isMarkedAsUntransferable?: UntransferableTest })
  .isMarkedAsUntransferable;

/**
 * Serves jobs arriving on `port`, one at a time, until the worker ends. The native engine is
 * onnxruntime-node, loaded on first use (a missing or broken binary falls back to WASM, noted).
 */
export function serveJobs(port: JobPort, boot: WorkerBootData): void {
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
    state: createJobState({ native: loadOnnxRuntime, nativeThreads: boot.nativeThreads ?? 1 }),
    ...(isUntransferable ? { isUntransferable } : {}),
  });
  port.on('message', (message) => void serve(message));
}
