/**
 * Messages between the browser host (page) and its Web Worker: a tagged union of jobs and one
 * reply per job, `{ ok: true, result } | { ok: false, error }`, plus progress while it runs.
 * Everything is structured-clone data; large arrays are transferred, not copied, where possible.
 */
import type {
  AudioInfo,
  ExportFormat,
  LayerActivations,
  OpenIntent,
  WeightsSummary,
} from '../../../../shared/api/contract';
import type { ErrorInfo } from '../../../../shared/errors';
import type { ExportWeightsInfo } from '../../../../shared/export/types';
import type { MelConfig } from '../../../../shared/mel/config';
import type { Spectrogram } from '../../../../shared/spectrogram';

export interface FileBytes {
  name: string;
  bytes: Uint8Array;
}

/** How to (re)build a set of weights in a fresh worker. */
export type WeightsSource = { kind: 'default' } | { kind: 'files'; files: readonly FileBytes[] };

export interface OpenedInput {
  name: string;
  audio: AudioInfo | null;
  mel: Spectrogram;
}

export interface OpenedFiles {
  inputs: OpenedInput[];
  /** The weights built from the weight files, stored in the worker under the job's weightsId. */
  weights: Omit<WeightsSummary, 'id'> | null;
  failures: { name: string; error: ErrorInfo }[];
}

export interface ProcessedArrays {
  nMels: number;
  nFrames: number;
  residual: Float32Array;
  output: Float32Array;
  activations: LayerActivations[];
  elapsedMs: number;
}

export interface ExportPayload {
  format: ExportFormat;
  inputName: string;
  audio: AudioInfo | null;
  weights: ExportWeightsInfo;
  input: Spectrogram;
  residual: Float32Array;
  output: Float32Array;
  png?: Uint8Array;
}

export interface ExportFiles {
  file: FileBytes;
  sidecar: FileBytes;
}

export type WorkerJob =
  | { kind: 'open'; files: FileBytes[]; intent: OpenIntent; melConfig: MelConfig | null; weightsId: string }
  | { kind: 'remel'; file: FileBytes; melConfig: MelConfig }
  | { kind: 'default-weights'; weightsId: string }
  | {
      kind: 'process';
      mel: Spectrogram;
      weightsId: string;
      /** Sent every time so a restarted worker can rebuild the stack it no longer has. */
      weights: WeightsSource;
      activations: readonly number[];
    }
  | { kind: 'export'; payload: ExportPayload };

export interface WorkerResults {
  open: OpenedFiles;
  remel: OpenedInput;
  'default-weights': Omit<WeightsSummary, 'id'>;
  process: ProcessedArrays;
  export: ExportFiles;
}

export type JobOf<K extends WorkerJob['kind']> = Extract<WorkerJob, { kind: K }>;

export type Reply<T> = { ok: true; result: T } | { ok: false; error: ErrorInfo };

/** Page → worker. */
export interface RunMessage {
  jobId: number;
  job: WorkerJob;
}

/** Worker → page. */
export type WorkerReply =
  | { type: 'progress'; jobId: number; label: string; fraction: number }
  | { type: 'done'; jobId: number; reply: Reply<WorkerResults[WorkerJob['kind']]> };
