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
import type { AudioClip, AudioInfo, JobKind, LayerActivations, WeightsSummary } from '../api/contract';
import type { Reply } from '../api/reply';
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
      /** Which recognised stack to build when the files hold several (default: the post-net). */
      stack?: StackRole;
    }
  /**
   * Built-in weights: the demo post-net from its bundled file's bytes (copied, not moved: the host
   * keeps them for a fresh worker), or without them the untrained Tacotron 2 post-net.
   */
  | { kind: 'load-default-weights'; weightsId: string; demoBytes?: Uint8Array }
  | { kind: 'release-weights'; weightsId: string }
  | { kind: 'process'; weightsId: string; input: Spectrogram; keepActivations: readonly number[] }
  | { kind: 'layer-output'; weightsId: string; input: Spectrogram; layer: number }
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

export type WorkerJobKind = WorkerJob['kind'];

/** Weights as the worker reports them; the host adds the id it keeps them under. */
export type LoadedWeights = { summary: Omit<WeightsSummary, 'id'> };

/** The arrays a `process` job returns, `[nMels, nFrames]` row-major. */
export interface ProcessedArrays {
  nMels: number;
  nFrames: number;
  residual: Float32Array;
  output: Float32Array;
  activations: LayerActivations[];
}

export interface WorkerJobResults {
  /** `warnings`: what the decoder noticed (a data chunk cut short), each naming the file. */
  'analyze-wav': { audio: AudioInfo; mel: Spectrogram; warnings: string[] };
  'read-spectrogram-npy': { mel: Spectrogram };
  'load-weights': LoadedWeights;
  'load-default-weights': LoadedWeights;
  'release-weights': null;
  process: ProcessedArrays;
  /** Only that layer's output: layers after it are not run, nothing else is returned. */
  'layer-output': LayerActivations;
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
    case 'process':
    case 'layer-output':
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
    case 'process':
      return `running the stack over ${job.input.source.name}`;
    case 'layer-output':
      return `computing conv ${job.layer} output of ${job.input.source.name}`;
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
