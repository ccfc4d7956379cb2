/**
 * Runs one worker job with the pure pipeline functions — the one runner behind both hosts'
 * workers (electron/worker, renderer/src/host/browser/worker.ts). The worker keeps built stacks
 * by weights id in `JobState`; everything else a job needs comes in the job.
 */
import { WeightsNotLoadedError } from '../api/errors';
import { planChunks, type ChunkPlan } from '../backend/chunks';
import { reduceColumns } from '../backend/columns';
import { selectEngine, type EngineChoice, type EngineLoaders, type SelectedEngine } from '../backend/engine';
import type { RunProgress } from '../backend/types';
import type { CancelSignal } from '../cancel';
import { assertNever } from '../errors';
import { encodeExport } from '../export/encode';
import { bandMismatchError } from '../model/bands';
import type { Conv1dStack } from '../model/types';
import { analyzeWav } from '../pipeline/analyze';
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
  ChunkArrays,
  ChunkSpec,
  JobEvent,
  JobOf,
  LayerChunkArrays,
  WorkerEngine,
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
  /** How this worker loads engines (the shell's: a native runtime where it has one). */
  loaders: EngineLoaders;
  /** Engines by choice, selected on first use. */
  engines: Map<EngineChoice, Promise<SelectedEngine>>;
  /** The last chunk plan per stack (a run's chunks arrive one after another with the same plan). */
  plans: WeakMap<Conv1dStack, { key: string; plan: ChunkPlan }>;
}

export function createJobState(loaders: EngineLoaders = {}): JobState {
  return {
    stacks: new Map(),
    tensors: new Map(),
    textModels: new Map(),
    embeddings: new Map(),
    loaders,
    engines: new Map(),
    plans: new WeakMap(),
  };
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

/** The engine for `choice` in this worker, selected once. */
function engineFor(state: JobState, choice: EngineChoice): Promise<SelectedEngine> {
  let engine = state.engines.get(choice);
  if (!engine) {
    engine = selectEngine(choice, state.loaders);
    state.engines.set(choice, engine);
    engine.catch(() => state.engines.delete(choice));
  }
  return engine;
}

/** The plan a chunk belongs to, as the host made it from the same numbers (cached per stack). */
function planFor(state: JobState, stack: Conv1dStack, nChannels: number, spec: ChunkSpec): ChunkPlan {
  const key = `${nChannels}/${spec.nFrames}/${spec.chunkFrames}/${spec.lastLayer}`;
  const cached = state.plans.get(stack);
  if (cached?.key === key) return cached.plan;
  const plan = planChunks(stack, nChannels, spec.nFrames, {
    chunkFrames: spec.chunkFrames,
    lastLayer: spec.lastLayer,
  });
  state.plans.set(stack, { key, plan });
  return plan;
}

/** Runs one chunk of a plan on the chosen engine: its last layer's window and what ran it. */
async function runChunkJob(job: JobOf<'process-chunk'> | JobOf<'layer-chunk'>, context: JobContext) {
  const stack = stackFor(context.state, job.weightsId);
  const first = stack.layers[0];
  if (first && first.inChannels !== job.input.nChannels) {
    const spectrogram = { name: job.chunk.sourceName, nFrames: job.chunk.nFrames };
    throw bandMismatchError({ stack, nMels: job.input.nChannels, spectrogram, when: 'run' });
  }
  const selected = await engineFor(context.state, job.engine);
  const plan = planFor(context.state, stack, job.input.nChannels, job.chunk);
  const result = await selected.backend.runChunk(stack, job.input, plan, job.chunk.index, {
    signal: context.signal,
    onProgress: reportLayers(context),
  });
  const engine: WorkerEngine = { name: selected.backend.name, kind: selected.kind, note: selected.note };
  return { result, engine };
}

async function runProcessChunk(job: JobOf<'process-chunk'>, context: JobContext): Promise<ChunkArrays> {
  const { result, engine } = await runChunkJob(job, context);
  return {
    index: result.index,
    own: result.own,
    nChannels: result.residual.nChannels,
    residual: result.residual.data,
    output: result.output.data,
    engine,
  };
}

async function runLayerChunk(job: JobOf<'layer-chunk'>, context: JobContext): Promise<LayerChunkArrays> {
  const { result, engine } = await runChunkJob(job, context);
  const { residual: layer, own } = result; // the last layer computed: the one asked for
  const columns = reduceColumns(
    layer.data,
    layer.nChannels,
    own.start,
    own.end - own.start,
    job.step,
    job.reduce,
  );
  return { index: result.index, own, nChannels: layer.nChannels, columns, engine };
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
        hash: job.hash,
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
    case 'process-chunk':
      return runProcessChunk(job, context);
    case 'layer-chunk':
      return runLayerChunk(job, context);
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
