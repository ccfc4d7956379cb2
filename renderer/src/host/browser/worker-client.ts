/**
 * Owns the browser host's Web Worker: starts it on first use, sends jobs (the shared protocol,
 * shared/jobs/protocol.ts), matches replies to them, and on cancel terminates it — a page cannot
 * share a cancel flag without cross-origin isolation, and the pipeline loops run synchronously
 * between progress reports, so terminating is the one way to stop at once. The next job starts a
 * fresh worker; the host re-sends what that worker lacks (shared/host/weights.ts). A worker that
 * crashes, or sends a reply that cannot be deserialised, is dropped the same way and fails the jobs
 * it had with `WorkerCrashedError`.
 */
import { WorkerCrashedError } from '../../../../shared/api/errors';
import { unwrapReply } from '../../../../shared/api/reply';
import {
  describeJob,
  type JobOf,
  type RunJobMessage,
  type WorkerJob,
  type WorkerJobKind,
  type WorkerJobResults,
  type WorkerMessage,
} from '../../../../shared/jobs/protocol';
import type { JobRunner, RunOptions } from '../../../../shared/jobs/runner';
import { transferListFor } from '../../../../shared/jobs/transfer';
import { CancelledError, toErrorInfo } from '../../../../shared/errors';

interface Pending {
  job: WorkerJob;
  onEvent: RunOptions['onEvent'];
  resolve: (result: unknown) => void;
  reject: (error: Error) => void;
}

/** Starts the pipeline worker; tests may pass another (e.g. one running the runner in-process). */
export type StartWorker = () => Worker;

const startPipelineWorker: StartWorker = () =>
  new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'postnet-pipeline' });

/** The browser host's JobRunner: `cancel()` terminates the worker and rejects every job it had. */
export function createWorkerClient(startWorker: StartWorker = startPipelineWorker): JobRunner {
  let worker: Worker | null = null;
  let nextJobId = 1;
  const pending = new Map<number, Pending>();

  const failAll = (error: (job: WorkerJob) => Error) => {
    const jobs = [...pending.values()];
    pending.clear();
    for (const job of jobs) job.reject(error(job.job));
  };

  const onMessage = (message: WorkerMessage) => {
    const job = pending.get(message.jobId);
    if (!job) return;
    if (message.type === 'event') {
      job.onEvent?.(message.event);
      return;
    }
    pending.delete(message.jobId);
    try {
      job.resolve(unwrapReply(message.reply));
    } catch (error) {
      job.reject(error as Error);
    }
  };

  /** Drops `dead` (terminating it) and fails every job it had with WorkerCrashedError. */
  const lose = (dead: Worker, reason: string) => {
    dead.terminate();
    if (worker !== dead) return; // one we already replaced: its jobs were settled then
    worker = null;
    failAll(
      (job) =>
        new WorkerCrashedError(
          `the pipeline worker stopped while ${describeJob(job)}: ${reason}. ` +
            'Nothing you had open was lost; the next job starts a fresh worker.',
        ),
    );
  };

  const start = (): Worker => {
    const created = startWorker();
    created.onmessage = (event: MessageEvent<WorkerMessage>) => onMessage(event.data);
    created.onerror = (event) => {
      event.preventDefault();
      lose(created, event.message || 'unknown error');
    };
    // A reply that cannot be deserialised: which job it answered is unknown, so all of them fail.
    created.onmessageerror = () => lose(created, 'a reply from it could not be read');
    return created;
  };

  return {
    run<K extends WorkerJobKind>(job: JobOf<K>, options: RunOptions = {}) {
      return new Promise<WorkerJobResults[K]>((resolve, reject) => {
        let running: Worker;
        try {
          running = worker ??= start();
        } catch (error) {
          const reason = toErrorInfo(error).message;
          reject(new WorkerCrashedError(`could not start the pipeline worker: ${reason}`));
          return;
        }
        const jobId = nextJobId++;
        const message: RunJobMessage = { type: 'run', jobId, job };
        const entry = {
          job,
          onEvent: options.onEvent,
          resolve: resolve as (result: unknown) => void,
          reject,
        };
        pending.set(jobId, entry);
        try {
          running.postMessage(message, transferListFor(options.transfer ?? []));
        } catch (error) {
          pending.delete(jobId);
          reject(error as Error);
        }
      });
    },
    cancel() {
      if (!worker || pending.size === 0) return;
      worker.terminate();
      worker = null;
      failAll((job) => new CancelledError(`${describeJob(job)} was cancelled`));
    },
  };
}
