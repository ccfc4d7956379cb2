/**
 * What a host's worker owner offers the rest of the host: run a job, get its result. Electron's
 * WorkerOwner and the browser host's worker client both implement it, so the decisions both
 * hosts make around jobs (shared/host/) are written once against this interface.
 */
import type { JobOf, WorkerJobKind, WorkerJobResults } from './protocol';

export interface RunOptions {
  /** Views made for this job whose buffers may be moved to the worker (the caller keeps no use of them). */
  transfer?: readonly ArrayBufferView[];
}

export interface JobRunner {
  /** Resolves with the job's result; rejects with its error (an `ApiError` carrying the pipeline error's name). */
  run<K extends WorkerJobKind>(job: JobOf<K>, options?: RunOptions): Promise<WorkerJobResults[K]>;
}
