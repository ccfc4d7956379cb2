/**
 * What a host's worker owner offers the rest of the host: run a job, get its result and its events
 * on the way; cancel. Electron's WorkerOwner and the browser host's worker client both implement
 * it (tests run an in-process one), so the decisions both hosts make around jobs (shared/host/)
 * are written once against this interface.
 */
import type { JobEvent, JobOf, WorkerJobKind, WorkerJobResults } from './protocol';

export interface RunOptions {
  /** Views made for this job whose buffers may be moved to the worker (the caller keeps no use of them). */
  transfer?: readonly ArrayBufferView[];
  /** This job's events before its result, in order (progress throttled; see JobEvent). */
  onEvent?: (event: JobEvent) => void;
}

export interface JobRunner {
  /**
   * Queues a job. Resolves with its result; rejects with its error (an `ApiError` carrying the
   * pipeline error's name), `CancelledError` or `WorkerCrashedError`.
   */
  run<K extends WorkerJobKind>(job: JobOf<K>, options?: RunOptions): Promise<WorkerJobResults[K]>;
  /** Cancels the running job and every queued one; their promises reject with `CancelledError`. */
  cancel(): void;
}
