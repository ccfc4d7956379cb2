/** Runs one worker job with the pure functions from shared/; the worker keeps built stacks by id. */
import type { CancelSignal } from '../../shared/cancel';
import { InvalidArgumentError } from '../../shared/api/errors';
import type { WorkerJob, WorkerJobResults, WorkerJobKind } from '../../shared/api/worker-protocol';
import { encodeExport } from '../../shared/export/encode';
import { assertNever } from '../../shared/errors';
import { runFault } from './faults';

/** What the worker keeps between jobs. Main re-sends it all to a fresh worker after a crash. */
export interface JobState {
  /** Built stacks by weights id (filled by `load-weights` / `load-default-weights`). */
  stacks: Map<string, unknown>;
}

export function createJobState(): JobState {
  return { stacks: new Map() };
}

export interface JobContext {
  signal: CancelSignal;
  /** Throttled by the caller; call it as often as convenient. */
  progress: (label: string, fraction: number) => void;
  state: JobState;
  testFaults: boolean;
}

type AnyResult = WorkerJobResults[WorkerJobKind];

export async function runJob(job: WorkerJob, context: JobContext): Promise<AnyResult> {
  const { signal, progress, state } = context;
  switch (job.kind) {
    case 'release-weights':
      state.stacks.delete(job.weightsId);
      return null;
    case 'export': {
      const label = `encoding ${job.content.fileName}`;
      return encodeExport(job.content, {
        signal,
        onProgress: ({ done, total }) => progress(label, total > 0 ? done / total : 1),
      });
    }
    case 'fault':
      if (!context.testFaults) throw new InvalidArgumentError('fault jobs are for tests only');
      return runFault(job);
    default:
      return assertNever(job, 'worker job');
  }
}
