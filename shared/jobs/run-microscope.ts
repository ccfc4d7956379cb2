/**
 * The microscope's worker jobs: a cell explained from its receptive field only (explainCell), the
 * encoder over text, a layer's filters, per-tensor statistics and one tensor encoded for export.
 * They read what `load-weights` kept in JobState: the built stack and the state_dict's tensors.
 */
import { WeightsNotLoadedError } from '../api/errors';
import type { TensorStats } from '../api/microscope';
import { fastBackend } from '../backend/fast/fast-backend';
import { assertNever } from '../errors';
import { explainCell } from '../explain/cell';
import { layerFiltersOf } from '../explain/filters';
import { tensorStats } from '../explain/tensor-stats';
import { embedText, runText, textModelOf, type TextModel } from '../explain/text-run';
import { encodeTensorExport } from '../export/tensor';
import { bandMismatchError } from '../model/bands';
import { ModelBuildError } from '../errors';
import type { TensorMap } from '../tensor';
import type { JobOf, WorkerJobResults } from './protocol';
import type { JobContext, JobState } from './run-job';

export type MicroscopeJob = JobOf<
  'explain-cell' | 'explain-text-cell' | 'text-run' | 'layer-filters' | 'tensor-stats' | 'tensor-export'
>;

/** The state_dict a `load-weights` job read, kept for the tensors panel and the text microscope. */
export interface KeptTensors {
  /** The weights' name, for messages and labels. */
  name: string;
  tensors: TensorMap;
  /** Keys the stack was built from. */
  used: ReadonlySet<string>;
}

function keptTensors(state: JobState, weightsId: string): KeptTensors {
  const kept = state.tensors.get(weightsId);
  if (!kept) throw new WeightsNotLoadedError(`this worker has no weights '${weightsId}' (it was restarted)`);
  return kept;
}

/** The encoder text runs through for these weights, built once per weights id. */
function textModel(state: JobState, weightsId: string): TextModel {
  let model = state.textModels.get(weightsId);
  if (!model) {
    const kept = keptTensors(state, weightsId);
    model = textModelOf(kept.tensors, kept.name);
    state.textModels.set(weightsId, model);
  }
  return model;
}

function loadedStack(state: JobState, weightsId: string) {
  const stack = state.stacks.get(weightsId);
  if (!stack) throw new WeightsNotLoadedError(`this worker has no weights '${weightsId}' (it was restarted)`);
  return stack;
}

export async function runMicroscopeJob(
  job: MicroscopeJob,
  context: JobContext,
): Promise<WorkerJobResults[MicroscopeJob['kind']]> {
  const { state } = context;
  switch (job.kind) {
    case 'explain-cell': {
      const stack = loadedStack(state, job.weightsId);
      const mel = job.input;
      if (stack.layers[0]!.inChannels !== mel.nMels) {
        const spectrogram = { name: mel.source.name, nFrames: mel.nFrames };
        throw bandMismatchError({ stack, nMels: mel.nMels, spectrogram, when: 'run' });
      }
      const input = { nChannels: mel.nMels, nFrames: mel.nFrames, data: mel.data };
      return explainCell(stack, input, job.index, { backend: fastBackend });
    }
    case 'explain-text-cell': {
      const model = textModel(state, job.weightsId);
      const { input } = embedText(model, job.text, job.cleaners);
      return explainCell(model.stack, input, job.index, { backend: fastBackend, frameName: 'char' });
    }
    case 'text-run':
      return runText(textModel(state, job.weightsId), job.text, job.cleaners, { signal: context.signal });
    case 'layer-filters': {
      const stack =
        job.stack === 'loaded' ? loadedStack(state, job.weightsId) : textModel(state, job.weightsId).stack;
      return layerFiltersOf(stack, job.layer);
    }
    case 'tensor-stats': {
      const kept = keptTensors(state, job.weightsId);
      const stats: TensorStats[] = [];
      for (const [key, tensor] of kept.tensors) stats.push(tensorStats(key, tensor, kept.used.has(key)));
      return stats;
    }
    case 'tensor-export': {
      const kept = keptTensors(state, job.weightsId);
      const tensor = kept.tensors.get(job.key);
      if (!tensor) {
        throw new ModelBuildError(`${kept.name} has no tensor '${job.key}' (${kept.tensors.size} tensors)`);
      }
      return encodeTensorExport({ ...job, tensor });
    }
    default:
      return assertNever(job, 'microscope job');
  }
}
