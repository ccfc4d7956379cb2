/**
 * The messages between a host and its compute worker — Electron main and its `worker_threads`
 * worker, the browser host and its Web Worker, the same for both: a tagged union of jobs, one
 * result type per job, and the envelope replies come back in. The worker answers every job
 * exactly once with `done` (or dies, which the host notices).
 */
import type { ExportContent, EncodedExport } from '../export/types';
import type { MelConfig } from '../mel/config';
import type { StackRole } from '../model/types';
import type { Spectrogram } from '../spectrogram';
import type { AudioClip, AudioInfo, JobKind, WeightsSummary } from '../api/contract';
import type { Reply } from '../api/reply';
import type { Columns, ColumnReduce } from '../backend/columns';
import type { FrameRange } from '../backend/chunks';
import type { EngineChoice, EngineUsed } from '../backend/engine-choice';
import type { FrameWindow } from '../backend/types';
import type {
  FilterStack,
  LayerFilters,
  TensorExportFormat,
  TensorStats,
  TextRunResult,
} from '../api/microscope';
import type { CellExplanation, CellIndex } from '../explain/cell';
import type { ExportWeightsInfo } from '../export/types';
import type { CleanerName } from '../text/cleaners';

/** One file's name and bytes: a WAV, a spectrogram `.npy`, a weights file. */
export interface FileBytes {
  name: string;
  bytes: Uint8Array;
}

export type WorkerJob =
  | { kind: 'analyze-wav'; name: string; bytes: Uint8Array; melConfig: MelConfig }
  | { kind: 'read-spectrogram-npy'; name: string; bytes: Uint8Array; melConfig: MelConfig }
  | {
      kind: 'load-weights';
      weightsId: string;
      files: readonly FileBytes[];
      /** Mel bands the stack will run over (its first layer is checked); absent: not checked. */
      nMels?: number;
      /** What to call the weights (a folder's name); without it the file's name, or `N files`. */
      name?: string;
      /**
       * Whether the worker hashes the files for the summary (pure TypeScript, ~90 MB/s); false when
       * the host hashes them itself with the shell's native digest, alongside the build.
       */
      hash: boolean;
      /** Which recognised stack to build when the files hold several (default: the post-net). */
      stack?: StackRole;
    }
  /**
   * Built-in weights: the demo post-net from its bundled file's bytes (copied, not moved: the host
   * keeps them for a fresh worker), or without them the untrained Tacotron 2 post-net.
   */
  | { kind: 'load-default-weights'; weightsId: string; demoBytes?: Uint8Array }
  | { kind: 'release-weights'; weightsId: string }
  /** One chunk of a run over a spectrogram (shared/backend/chunks.ts): the stack's output there. */
  | { kind: 'process-chunk'; weightsId: string; engine: EngineChoice; chunk: ChunkSpec; input: FrameWindow }
  /** One chunk of a run up to `chunk.lastLayer`: that layer's output there, reduced to columns. */
  | {
      kind: 'layer-chunk';
      weightsId: string;
      engine: EngineChoice;
      chunk: ChunkSpec;
      input: FrameWindow;
      /** Layer frames per column (1: every frame) and how a column's frames are reduced. */
      step: number;
      reduce: ColumnReduce;
    }
  | { kind: 'export'; content: ExportContent }
  /** The demo's "decoder" smoothing of a mel (shared/demo/smoothing.ts). */
  | { kind: 'smooth-mel'; input: Spectrogram }
  /** A WAV decoded to mono and resampled to `sampleRateHz` (the mel config's), for playback. */
  | { kind: 'decode-audio'; name: string; bytes: Uint8Array; sampleRateHz: number }
  /** A natural-log mel `mel.data` `[nMels, nFrames]` turned back into sound with mel.config's STFT. */
  | { kind: 'griffin-lim'; mel: Spectrogram; iterations: number }
  /** The microscope (shared/jobs/run-microscope.ts): one cell of the stack over a mel, from its receptive field only. */
  | { kind: 'explain-cell'; weightsId: string; input: Spectrogram; index: CellIndex }
  /** One cell of the weights' encoder (or the default encoder) over text. */
  | { kind: 'explain-text-cell'; weightsId: string; text: string; cleaners: CleanerName; index: CellIndex }
  | { kind: 'text-run'; weightsId: string; text: string; cleaners: CleanerName }
  | { kind: 'layer-filters'; weightsId: string; stack: FilterStack; layer: number }
  | { kind: 'tensor-stats'; weightsId: string }
  | {
      kind: 'tensor-export';
      weightsId: string;
      key: string;
      format: TensorExportFormat;
      fileName: string;
      weights: ExportWeightsInfo;
      appVersion: string;
      createdAt: string;
    };

/**
 * Which chunk of which plan: the worker plans the run (planChunks) from the stack it holds and
 * these numbers, as the host planned it from the weights' layer shapes, so both agree.
 */
export interface ChunkSpec {
  /** The whole input's frames (the window holds only the frames the chunk reads). */
  nFrames: number;
  chunkFrames: number;
  lastLayer: number;
  index: number;
  /** The spectrogram's name, for errors (a band mismatch names it). */
  sourceName: string;
}

/** What ran a chunk in the worker (the host adds how many workers ran side by side). */
export type WorkerEngine = Omit<EngineUsed, 'workers'>;

export type WorkerJobKind = WorkerJob['kind'];

/** Weights as the worker reports them; the host adds the id it keeps them under. */
export type LoadedWeights = { summary: Omit<WeightsSummary, 'id'> };

/** A `process-chunk` job's result: the stack's output over the chunk's own frames. */
export interface ChunkArrays {
  index: number;
  /** The chunk's own frames of the output (the chunks' own ranges partition [0, T)). */
  own: FrameRange;
  nChannels: number;
  /** `[nChannels, own frames]` row-major. */
  residual: Float32Array;
  /** `input + residual` there for a residual stack; else the residual itself (the same array). */
  output: Float32Array;
  engine: WorkerEngine;
}

/** A `layer-chunk` job's result: the layer's output over the chunk's own frames, as columns. */
export interface LayerChunkArrays {
  index: number;
  own: FrameRange;
  nChannels: number;
  columns: Columns;
  engine: WorkerEngine;
}

export interface WorkerJobResults {
  /** `warnings`: what the decoder noticed (a data chunk cut short), each naming the file. */
  'analyze-wav': { audio: AudioInfo; mel: Spectrogram; warnings: string[] };
  'read-spectrogram-npy': { mel: Spectrogram };
  'load-weights': LoadedWeights;
  'load-default-weights': LoadedWeights;
  'release-weights': null;
  'process-chunk': ChunkArrays;
  /** Only that layer's output: layers after it are not run, nothing else is returned. */
  'layer-chunk': LayerChunkArrays;
  export: EncodedExport;
  'smooth-mel': { mel: Spectrogram };
  'decode-audio': AudioClip;
  'griffin-lim': AudioClip;
  'explain-cell': CellExplanation;
  'explain-text-cell': CellExplanation;
  'text-run': TextRunResult;
  'layer-filters': LayerFilters;
  'tensor-stats': TensorStats[];
  'tensor-export': EncodedExport;
}

export type JobOf<K extends WorkerJobKind> = Extract<WorkerJob, { kind: K }>;

/** Host → worker. */
export interface RunJobMessage {
  type: 'run';
  jobId: number;
  job: WorkerJob;
}

/**
 * What a running job reports before its one result, in order. Today that is progress; a job that
 * streams partial results (chunk by chunk) adds its variant here, e.g.
 * `{ type: 'partial'; … }`. The job server, the worker owner and the worker client pass events on
 * without looking inside (their typed arrays are moved like a result's); only `progress` is
 * throttled, so no other event is ever dropped.
 */
export type JobEvent = { type: 'progress'; label: string; fraction: number };

/** Worker → host: any number of events, then exactly one `done`. */
export type WorkerMessage =
  | { type: 'event'; jobId: number; event: JobEvent }
  | { type: 'done'; jobId: number; reply: Reply<WorkerJobResults[WorkerJobKind]> };

/** What Electron's worker is started with (`workerData`). */
export interface WorkerBootData {
  /** Int32Array(1) view: the host stores 1 to ask the running job to stop, 0 before each job. */
  cancelFlag: SharedArrayBuffer;
  /** Threads a native (onnxruntime) session computes on in this worker (default 1). */
  nativeThreads?: number;
}

/** The renderer-facing kind of a worker job, for JobProgress. */
export function apiJobKind(kind: WorkerJobKind): JobKind {
  switch (kind) {
    case 'analyze-wav':
    case 'read-spectrogram-npy':
      return 'open';
    case 'load-weights':
    case 'load-default-weights':
    case 'release-weights':
      return 'weights';
    case 'process-chunk':
    case 'layer-chunk':
    case 'explain-cell':
    case 'explain-text-cell':
    case 'text-run':
    case 'layer-filters':
      return 'process';
    case 'tensor-stats':
      return 'weights';
    case 'export':
    case 'tensor-export':
      return 'export';
    case 'smooth-mel':
      return 'process';
    case 'decode-audio':
    case 'griffin-lim':
      return 'listen';
  }
}

/** What a job is doing, for error messages: `while opening speech.wav`. */
export function describeJob(job: WorkerJob): string {
  switch (job.kind) {
    case 'analyze-wav':
    case 'read-spectrogram-npy':
      return `opening ${job.name}`;
    case 'load-weights':
      return `loading weights from ${job.name ?? (job.files.map((file) => file.name).join(', ') || 'no files')}`;
    case 'load-default-weights':
      return job.demoBytes ? 'building the demo post-net' : 'building the untrained post-net';
    case 'release-weights':
      return 'releasing weights';
    case 'process-chunk':
      return `running the stack over ${job.chunk.sourceName} (chunk ${job.chunk.index + 1})`;
    case 'layer-chunk':
      return `computing conv ${job.chunk.lastLayer} output of ${job.chunk.sourceName} (chunk ${job.chunk.index + 1})`;
    case 'export':
      return `encoding ${job.content.fileName}`;
    case 'smooth-mel':
      return `smoothing ${job.input.source.name} like a decoder`;
    case 'decode-audio':
      return `decoding ${job.name} for playback`;
    case 'griffin-lim':
      return `turning the mel of ${job.mel.source.name} into sound`;
    case 'explain-cell':
      return `explaining conv ${job.index.layer} channel ${job.index.channel} frame ${job.index.frame} of ${job.input.source.name}`;
    case 'explain-text-cell':
      return `explaining encoder conv ${job.index.layer} channel ${job.index.channel} char ${job.index.frame}`;
    case 'text-run':
      return 'running the encoder over the text';
    case 'layer-filters':
      return `reading conv ${job.layer}'s filters`;
    case 'tensor-stats':
      return 'summarising the tensors';
    case 'tensor-export':
      return `encoding ${job.fileName}`;
    default:
      // Not a job of this build (a test's own job kind): described by its kind, never thrown on a crash path.
      return `running a '${(job as { kind: string }).kind}' job`;
  }
}
