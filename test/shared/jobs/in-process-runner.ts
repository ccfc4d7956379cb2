/**
 * A JobRunner that runs the shared runner in this thread, with the same reply envelope a worker
 * answers in (so errors arrive as `ApiError`s carrying the pipeline error's name). `restart()`
 * forgets the built stacks, as a fresh worker would.
 */
import { settle, unwrapReply } from '../../../shared/api/reply';
import type { CancelSignal } from '../../../shared/cancel';
import type { JobOf, WorkerJob, WorkerJobKind, WorkerJobResults } from '../../../shared/jobs/protocol';
import { createJobState, runJob, type JobState } from '../../../shared/jobs/run-job';
import type { JobRunner } from '../../../shared/jobs/runner';

export interface InProcessRunner extends JobRunner {
  /** Every job run so far, in order. */
  readonly jobs: WorkerJob[];
  readonly state: JobState;
  restart(): void;
}

export function inProcessRunner(signal: CancelSignal = { aborted: false }): InProcessRunner {
  let state = createJobState();
  const jobs: WorkerJob[] = [];
  return {
    jobs,
    get state() {
      return state;
    },
    restart() {
      state = createJobState();
    },
    async run<K extends WorkerJobKind>(job: JobOf<K>): Promise<WorkerJobResults[K]> {
      jobs.push(job);
      const reply = await settle(() => runJob(job, { signal, progress: () => undefined, state }));
      return unwrapReply(reply) as WorkerJobResults[K];
    },
  };
}
