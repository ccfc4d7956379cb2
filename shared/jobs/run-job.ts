/**
 * Runs one worker job with the pure pipeline functions — the one runner behind both hosts'
 * workers (electron/worker, renderer/src/host/browser/worker.ts). The worker keeps built stacks
 * by weights id in `JobState`; everything else a job needs comes in the job.
 */
import { WeightsNotLoadedError } from '../api/errors';
import type { RunProgress } from '../backend/types';
import type { CancelSignal } from '../cancel';
import { assertNever } from '../errors';
import { encodeExport } from '../export/encode';
import type { Conv1dStack } from '../model/types';
import { analyzeWav } from '../pipeline/analyze';
import { layerOutputOf, processSpectrogram } from '../pipeline/process';
import { spectrogramFromNpy } from '../pipeline/spectrogram-npy';
import type { Embedding } from '../explain/text-input';
import { defaultWeights, loadWeights, type LoadedWeights } from '../weights/load';
import { griffinLim } from '../audio-synthesis/griffin-lim';
import { demoWeightsFromBytes } from '../demo/weights';
import { smoothSpectrogramLikeDecoder } from '../demo/smoothing';
import { playbackAudio } from '../pipeline/playback-audio';
import type { TextModel } from '../explain/text-run';
import { runMicroscopeJob, type KeptTensors } from './run-microscope';
import type {
  JobEvent,
  JobOf,
  ProcessedArrays,
  WorkerJob,
  WorkerJobKind,
  WorkerJobResults,
} from './protocol';

/** What the worker keeps between jobs. A host re-sends the weights to a fresh worker after a restart. */
export interface JobState {
  /** Built stacks by weights id (filled by `load-weights` / `load-default-weights`). */
  stacks: Map<string, Conv1dStack>;
  /** The state_dicts they were built from, by weights id (the microscope's tensors and text encoder). */
  tensors: Map<string, KeptTensors>;
  /** The encoder text runs through, per weights id, built on first use. */
  textModels: Map<string, TextModel>;
  /**
   * The symbol embedding beside an encoder stack, by the same weights id, when its file has one
   * (`WeightsSummary.embedding`): what a job that runs text through the encoder embeds the
   * symbol ids with. Released with the stack.
   */
  embeddings: Map<string, Embedding>;
}

export function createJobState(): JobState {
  return { stacks: new Map(), tensors: new Map(), textModels: new Map(), embeddings: new Map() };
}

/** Keeps a load's stack, state_dict and embedding under its id (a reload replaces them, and the text model). */
function keepLoaded(state: JobState, weightsId: string, loaded: LoadedWeights): void {
  state.stacks.set(weightsId, loaded.stack);
  const used = new Set(loaded.summary.tensors.filter((row) => row.used).map((row) => row.key));
  state.tensors.set(weightsId, { name: loaded.summary.name, tensors: loaded.tensors, used });
  state.textModels.delete(weightsId);
  const embedding = embeddingOf(loaded.details.embedding);
  if (embedding) state.embeddings.set(weightsId, embedding);
  else state.embeddings.delete(weightsId);
}

export interface JobContext {
  /** Read between chunks by the mel, resampler, kernels and CSV encoder; the job then throws CancelledError. */
  signal: CancelSignal;
  /**
   * Reports an event of the running job (see JobEvent), as often as convenient: the caller
   * throttles progress. A progress `fraction` is 0…1 within the job.
   */
  emit: (event: JobEvent) => void;
  state: JobState;
}

type AnyResult = WorkerJobResults[WorkerJobKind];

function stackFor(state: JobState, weightsId: string): Conv1dStack {
  const stack = state.stacks.get(weightsId);
  if (!stack) throw new WeightsNotLoadedError(`this worker has no weights '${weightsId}' (it was restarted)`);
  return stack;
}

/**
 * `conv 2 · 3 of 5`: the layer being run, named from 0 as the window names layers (conv 0…4),
 * then its place among the layers this run computes.
 */
function reportLayers(context: JobContext): (progress: RunProgress) => void {
  return ({ layersDone, layerCount, fraction }) => {
    const current = Math.min(layersDone, layerCount - 1);
    context.emit({ type: 'progress', label: `conv ${current} · ${current + 1} of ${layerCount}`, fraction });
  };
}

async function runProcess(job: JobOf<'process'>, context: JobContext): Promise<ProcessedArrays> {
  const result = await processSpectrogram(stackFor(context.state, job.weightsId), job.input, {
    signal: context.signal,
    activations: job.keepActivations,
    onProgress: reportLayers(context),
  });
  return {
    nMels: result.nChannels,
    nFrames: result.nFrames,
    residual: result.residual,
    output: result.output,
    activations: result.activations,
  };
}

/** A built encoder's embedding `[nSymbols, dim]` as the text front end reads it. */
function embeddingOf(found: LoadedWeights['details']['embedding']): Embedding | null {
  if (!found || found.shape.length !== 2) return null;
  const [nSymbols, dim] = found.shape as [number, number];
  return { nSymbols, dim, weight: found.data, key: found.key };
}

function weightsLabel(job: JobOf<'load-weights'>): string {
  if (job.name !== undefined) return job.name;
  return job.files.length === 1 ? job.files[0]!.name : `${job.files.length} weight files`;
}

export async function runJob(job: WorkerJob, context: JobContext): Promise<AnyResult> {
  const { signal, state } = context;
  const progress = (label: string, fraction: number) => context.emit({ type: 'progress', label, fraction });
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
      progress(`loading ${weightsLabel(job)}`, 0);
      const loaded = loadWeights(job.files, {
        ...(job.nMels === undefined ? {} : { nMels: job.nMels }),
        ...(job.name === undefined ? {} : { name: job.name }),
        ...(job.stack === undefined ? {} : { stack: job.stack }),
      });
      keepLoaded(state, job.weightsId, loaded);
      return { summary: loaded.summary };
    }
    case 'load-default-weights': {
      const loaded = job.demoBytes ? demoWeightsFromBytes(job.demoBytes) : defaultWeights();
      keepLoaded(state, job.weightsId, loaded);
      return { summary: loaded.summary };
    }
    case 'release-weights':
      state.stacks.delete(job.weightsId);
      state.tensors.delete(job.weightsId);
      state.textModels.delete(job.weightsId);
      state.embeddings.delete(job.weightsId);
      return null;
    case 'process':
      return runProcess(job, context);
    case 'layer-output':
      return layerOutputOf(stackFor(state, job.weightsId), job.input, job.layer, {
        signal,
        onProgress: reportLayers(context),
      });
    case 'export': {
      const label = `encoding ${job.content.fileName}`;
      return encodeExport(job.content, {
        signal,
        onProgress: ({ done, total }) => progress(label, total > 0 ? done / total : 1),
      });
    }
    case 'smooth-mel':
      progress(`smoothing ${job.input.source.name} like a decoder`, 0);
      return { mel: smoothSpectrogramLikeDecoder(job.input) };
    case 'decode-audio': {
      const label = `decoding ${job.name}`;
      return playbackAudio(job.bytes, job.name, job.sampleRateHz, {
        signal,
        onProgress: (fraction) => progress(label, fraction),
      });
    }
    case 'griffin-lim': {
      const { mel, iterations } = job;
      const label = `Griffin-Lim, ${iterations} iterations`;
      const samples = griffinLim(mel.data, mel.nFrames, mel.config, {
        iterations,
        signal,
        onProgress: (fraction) => progress(label, fraction),
      });
      return { sampleRateHz: mel.config.sampleRateHz, samples };
    }
    case 'explain-cell':
    case 'explain-text-cell':
    case 'text-run':
    case 'layer-filters':
    case 'tensor-stats':
    case 'tensor-export':
      return runMicroscopeJob(job, context);
    default:
      return assertNever(job, 'worker job');
  }
}
