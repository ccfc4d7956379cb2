/** Runs one worker job with the pure functions from shared/; the worker keeps built stacks by id. */
import { InvalidArgumentError, WeightsNotLoadedError } from '../../shared/api/errors';
import type { WorkerJob, WorkerJobKind, WorkerJobResults } from '../../shared/api/worker-protocol';
import type { CancelSignal } from '../../shared/cancel';
import { assertNever } from '../../shared/errors';
import { encodeExport } from '../../shared/export/encode';
import type { Conv1dStack } from '../../shared/model/types';
import { analyzeWav } from '../../shared/pipeline/analyze';
import { processSpectrogram } from '../../shared/pipeline/process';
import { spectrogramFromNpy } from '../../shared/pipeline/spectrogram-npy';
import { defaultWeights, loadWeights } from '../../shared/pipeline/weights';
import { runFault } from './faults';

/** What the worker keeps between jobs. Main re-sends it all to a fresh worker after a crash. */
export interface JobState {
  /** Built stacks by weights id (filled by `load-weights` / `load-default-weights`). */
  stacks: Map<string, Conv1dStack>;
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

function stackFor(state: JobState, weightsId: string): Conv1dStack {
  const stack = state.stacks.get(weightsId);
  if (!stack) throw new WeightsNotLoadedError(`this worker has no weights '${weightsId}' (it was restarted)`);
  return stack;
}

async function runProcess(
  job: Extract<WorkerJob, { kind: 'process' }>,
  context: JobContext,
): Promise<AnyResult> {
  const result = await processSpectrogram(stackFor(context.state, job.weightsId), job.input, {
    signal: context.signal,
    activations: job.keepActivations,
    onProgress: ({ layersDone, layerCount, fraction }) =>
      context.progress(`conv ${Math.min(layersDone + 1, layerCount)} of ${layerCount}`, fraction),
  });
  return {
    nMels: result.nChannels,
    nFrames: result.nFrames,
    residual: result.residual,
    output: result.output,
    activations: result.activations,
  };
}

export async function runJob(job: WorkerJob, context: JobContext): Promise<AnyResult> {
  const { signal, progress, state } = context;
  switch (job.kind) {
    case 'analyze-wav': {
      const label = `analysing ${job.name}`;
      return analyzeWav(job.bytes, job.name, job.melConfig, {
        signal,
        onProgress: (fraction) => progress(label, fraction),
      });
    }
    case 'read-spectrogram-npy':
      progress(`reading ${job.name}`, 0);
      return { mel: spectrogramFromNpy(job.bytes, job.name, job.melConfig) };
    case 'load-weights': {
      progress(
        `loading ${job.files.length === 1 ? job.files[0]!.name : `${job.files.length} weight files`}`,
        0,
      );
      const loaded = loadWeights(job.files, { nMels: job.nMels });
      state.stacks.set(job.weightsId, loaded.stack);
      return { summary: loaded.summary };
    }
    case 'load-default-weights': {
      const loaded = defaultWeights();
      state.stacks.set(job.weightsId, loaded.stack);
      return { summary: loaded.summary };
    }
    case 'release-weights':
      state.stacks.delete(job.weightsId);
      return null;
    case 'process':
      return runProcess(job, context);
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
