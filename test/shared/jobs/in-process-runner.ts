/**
 * A JobRunner that runs the shared runner in this thread, one job at a time, with the same reply
 * envelope a worker answers in (so errors arrive as `ApiError`s carrying the pipeline error's
 * name) and each job's events passed on. `cancel()` stops the running job at its next chunk (the
 * signal the kernels check) and rejects the queued ones; `restart()` forgets the built stacks, as
 * a fresh worker after a crash would.
 */
import { settle, unwrapReply } from '../../../shared/api/reply';
import { CancelledError } from '../../../shared/errors';
import {
  describeJob,
  type JobOf,
  type WorkerJob,
  type WorkerJobKind,
  type WorkerJobResults,
} from '../../../shared/jobs/protocol';
import { createJobState, runJob, type JobState } from '../../../shared/jobs/run-job';
import type { JobRunner, RunOptions } from '../../../shared/jobs/runner';

export interface InProcessRunner extends JobRunner {
  /** Every job run so far, in order (not those cancelled while queued). */
  readonly jobs: WorkerJob[];
  readonly state: JobState;
  /** Forgets every built stack, as a restarted worker. */
  restart(): void;
}

export function inProcessRunner(): InProcessRunner {
  let state = createJobState();
  const jobs: WorkerJob[] = [];
  let signal = { aborted: false };
  let queue: Promise<unknown> = Promise.resolve();
  let waiting: { job: WorkerJob; reject: (error: Error) => void }[] = [];
  return {
    jobs,
    get state() {
      return state;
    },
    restart() {
      state = createJobState();
    },
    run<K extends WorkerJobKind>(job: JobOf<K>, options: RunOptions = {}): Promise<WorkerJobResults[K]> {
      return new Promise<WorkerJobResults[K]>((resolve, reject) => {
        const entry = { job, reject };
        waiting.push(entry);
        queue = queue.then(async () => {
          if (!waiting.includes(entry)) return; // cancelled while queued
          waiting = waiting.filter((other) => other !== entry);
          jobs.push(job);
          signal = { aborted: false };
          const emit = options.onEvent ?? (() => undefined);
          const reply = await settle(() => runJob(job, { signal, emit, state }));
          try {
            resolve(unwrapReply(reply) as WorkerJobResults[K]);
          } catch (error) {
            reject(error as Error);
          }
        });
      });
    },
    cancel() {
      signal.aborted = true;
      for (const { job, reject } of waiting.splice(0))
        reject(new CancelledError(`${describeJob(job)} was cancelled`));
    },
  };
}
