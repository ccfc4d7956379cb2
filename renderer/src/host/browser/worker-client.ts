/**
 * Owns the browser host's Web Worker: starts it on first use, matches replies to jobs, and on
 * cancel terminates it (the pipeline loops are synchronous between progress reports, so
 * terminating is the one way to stop at once) and starts a fresh one for the next job.
 */
import { ApiError } from '../../../../shared/api/contract';
import type { JobOf, RunMessage, WorkerJob, WorkerReply, WorkerResults } from './protocol';

export interface WorkerClient {
  run<K extends WorkerJob['kind']>(job: JobOf<K>, transfer?: Transferable[]): Promise<WorkerResults[K]>;
  /** Stops every running job; their promises reject with `CancelledError`. */
  cancel(): void;
}

interface Pending {
  resolve: (result: unknown) => void;
  reject: (error: ApiError) => void;
}

export function createWorkerClient(
  onProgress: (jobId: number, kind: WorkerJob['kind'], label: string, fraction: number) => void,
): WorkerClient {
  let worker: Worker | null = null;
  let nextJobId = 1;
  const pending = new Map<number, Pending & { kind: WorkerJob['kind'] }>();

  const failAll = (name: string, message: string) => {
    for (const job of pending.values()) job.reject(new ApiError({ name, message }));
    pending.clear();
  };

  const start = (): Worker => {
    const created = new Worker(new URL('./worker.ts', import.meta.url), {
      type: 'module',
      name: 'postnet-pipeline',
    });
    created.onmessage = (event: MessageEvent<WorkerReply>) => {
      const message = event.data;
      const job = pending.get(message.jobId);
      if (!job) return;
      if (message.type === 'progress') {
        onProgress(message.jobId, job.kind, message.label, message.fraction);
        return;
      }
      pending.delete(message.jobId);
      if (message.reply.ok) job.resolve(message.reply.result);
      else job.reject(new ApiError(message.reply.error));
    };
    created.onerror = (event) => {
      event.preventDefault();
      created.terminate();
      if (worker === created) worker = null;
      failAll(
        'WorkerCrashedError',
        `the pipeline worker stopped: ${event.message || 'unknown error'}; try again`,
      );
    };
    return created;
  };

  return {
    run<K extends WorkerJob['kind']>(job: JobOf<K>, transfer: Transferable[] = []) {
      worker ??= start();
      const jobId = nextJobId++;
      return new Promise<WorkerResults[K]>((resolve, reject) => {
        pending.set(jobId, { resolve: resolve as (result: unknown) => void, reject, kind: job.kind });
        const message: RunMessage = { jobId, job };
        worker!.postMessage(message, transfer);
      });
    },
    cancel() {
      if (!worker || pending.size === 0) return;
      worker.terminate();
      worker = null;
      failAll('CancelledError', 'the job was cancelled');
    },
  };
}
