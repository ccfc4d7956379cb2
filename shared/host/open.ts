/**
 * Opening files, decided once for both hosts: which files are inputs and which are weights
 * (shared/api/classify.ts), what the weights are called and which item reopens them, which job
 * turns an input into a spectrogram, and what a call where some files fail returns. Reading the
 * files is the shell's (io.ts); keeping the documents is the host's (host.ts, session.ts).
 */
import { classifyFile, type FileRole } from '../api/classify';
import type {
  AudioInfo,
  InputDocument,
  OpenFailure,
  OpenIntent,
  OpenResult,
  WeightsSummary,
} from '../api/contract';
import { ApiError } from '../api/contract';
import { InvalidArgumentError } from '../api/errors';
import { toErrorInfo, WeightsFormatError } from '../errors';
import type { MelConfig } from '../mel/config';
import type { Spectrogram } from '../spectrogram';
import type { FileBytes } from '../jobs/protocol';
import type { JobRunner } from '../jobs/runner';
import type { ReadItems } from './io';

export type InputRole = Exclude<FileRole, 'weights'>;

/** What one opened file is (see `OpenIntent` and `classifyFile`). */
export function roleOf(file: FileBytes, intent: OpenIntent): FileRole {
  return classifyFile(file.name, file.bytes, intent);
}

/** An input file of an open call, with its role and where to read it again. */
export interface OpenInput<Origin> extends FileBytes {
  role: InputRole;
  origin: Origin;
}

/** What an open call read, sorted: inputs on their own, every weights file into one set. */
export interface SortedItems<Origin> {
  inputs: OpenInput<Origin>[];
  weightFiles: FileBytes[];
  /** The folder's name when the weights are one folder's files (see `weightsSetName`). */
  weightsName: string | undefined;
  /**
   * The one item that reopens these weights (from Open Recent, which opens one path as a drop
   * does): the folder or the file, when all of them came from that one item; else null (loose
   * tensor files, say: no one item holds the set).
   */
  weightsItem: { origin: Origin } | null;
}

export function sortReadItems<Origin>(read: ReadItems<Origin>, intent: OpenIntent): SortedItems<Origin> {
  const inputs: OpenInput<Origin>[] = [];
  const weightFiles: FileBytes[] = [];
  const weightItems: Origin[] = [];
  for (const { name, bytes, origin, role: known } of read.files) {
    const role = known ?? roleOf({ name, bytes }, intent);
    if (role === 'weights') {
      weightFiles.push({ name, bytes });
      weightItems.push(origin);
    } else {
      inputs.push({ name, bytes, role, origin });
    }
  }
  const looseFiles = weightFiles.length;
  for (const folder of read.folders) {
    weightFiles.push(...folder.files);
    weightItems.push(folder.origin);
  }
  const only = weightItems.length === 1 ? weightItems[0] : undefined;
  return {
    inputs,
    weightFiles,
    weightsName: weightsSetName(
      read.folders.map((folder) => folder.name),
      looseFiles,
    ),
    weightsItem: only === undefined ? null : { origin: only },
  };
}

/** Files in a weights folder that can hold tensors; others (a README, a config) are skipped. */
const WEIGHTS_FILE = /\.(?:npy|npz|json|pt|pth|safetensors)$/i;

export function isWeightsFileName(name: string): boolean {
  return WEIGHTS_FILE.test(name);
}

/** A folder the user chose for weights that holds no weights files. */
export function emptyWeightsFolderError(folderName: string): WeightsFormatError {
  return new WeightsFormatError(
    `the folder ${folderName} has no .npy, .npz, .json, .pt, .pth or .safetensors files`,
  );
}

/**
 * What to call the weights of one open call, given the folders their files came from and how many
 * came on their own: one folder and nothing else is called by the folder's name (`tacotron2_npy`,
 * as `postnet-studio inspect` calls it); otherwise undefined, and `loadWeights` names them (the
 * file's name, or `N files`).
 */
export function weightsSetName(folderNames: readonly string[], looseFiles: number): string | undefined {
  return folderNames.length === 1 && looseFiles === 0 ? folderNames[0] : undefined;
}

export interface OpenedInput {
  /** The WAV's facts; null for a spectrogram `.npy`. */
  audio: AudioInfo | null;
  mel: Spectrogram;
}

/**
 * Runs the job that makes an input's spectrogram: `analyze-wav` for audio, `read-spectrogram-npy`
 * for a `.npy`. The file's bytes are moved to the worker: the host keeps where to read them again
 * (the origin), not the bytes.
 */
export async function openInputFile(
  runner: JobRunner,
  file: FileBytes & { role: InputRole },
  melConfig: MelConfig,
): Promise<OpenedInput> {
  const options = { transfer: [file.bytes] };
  const { name, bytes } = file;
  if (file.role === 'audio') return runner.run({ kind: 'analyze-wav', name, bytes, melConfig }, options);
  const { mel } = await runner.run({ kind: 'read-spectrogram-npy', name, bytes, melConfig }, options);
  return { audio: null, mel };
}

/** Refuses to re-analyse an input that came from a spectrogram `.npy` (there is no audio). */
export function assertHasAudio(document: InputDocument): void {
  if (document.audio === null) {
    throw new InvalidArgumentError(
      `${document.name} is a spectrogram (.npy): there is no audio to compute another mel from`,
    );
  }
}

export interface OpenSteps<I> {
  /** Opens one input: runs its job and keeps the document. Rejects with that file's error. */
  openInput(input: I): Promise<InputDocument>;
  /** Builds one set of weights from every weight file of the call, and keeps it. */
  loadWeights(files: readonly FileBytes[]): Promise<WeightsSummary>;
}

const isCancel = (error: unknown) => error instanceof Error && error.name === 'CancelledError';

/**
 * Opens sorted files: each input on its own, all weight files as one set. A file that fails is
 * listed in `failures` (after `earlierFailures`, e.g. files that could not be read) beside the
 * ones that opened; when nothing opened the call rejects with the first failure's error instead;
 * a cancel stops the whole call.
 */
export async function openSorted<I extends { name: string }>(
  inputs: readonly I[],
  weightFiles: readonly FileBytes[],
  steps: OpenSteps<I>,
  earlierFailures: readonly OpenFailure[] = [],
): Promise<OpenResult> {
  const failures = [...earlierFailures];
  const documents: InputDocument[] = [];
  for (const input of inputs) {
    try {
      documents.push(await steps.openInput(input));
    } catch (error) {
      if (isCancel(error)) throw error;
      failures.push({ name: input.name, error: toErrorInfo(error) });
    }
  }
  let weights: WeightsSummary | null = null;
  if (weightFiles.length > 0) {
    try {
      weights = await steps.loadWeights(weightFiles);
    } catch (error) {
      if (isCancel(error)) throw error;
      failures.push({ name: weightFiles.map((file) => file.name).join(', '), error: toErrorInfo(error) });
    }
  }
  if (documents.length === 0 && weights === null && failures.length > 0)
    throw new ApiError(failures[0]!.error);
  return failures.length > 0 ? { inputs: documents, weights, failures } : { inputs: documents, weights };
}
