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
import { MelConfigError, toErrorInfo, WeightsFormatError } from '../errors';
import type { MelConfig } from '../mel/config';
import { validateMelConfig } from '../mel/validate';
import { npySettings } from '../pipeline/npy-settings';
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
  /** For a spectrogram `.npy`: its sidecar (`X.npy.json`) when it was opened with it. */
  sidecar?: FileBytes;
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

/**
 * Sorts what was read: inputs on their own, every weights file into one set, except that the
 * sidecar of a spectrogram `.npy` read in the same call (`X.npy.json` beside `X.npy`) goes with it.
 */
export function sortReadItems<Origin>(read: ReadItems<Origin>, intent: OpenIntent): SortedItems<Origin> {
  const inputs: OpenInput<Origin>[] = [];
  const weightFiles: FileBytes[] = [];
  const weightItems: Origin[] = [];
  const roles = read.files.map(({ name, bytes, role }) => role ?? roleOf({ name, bytes }, intent));
  const spectrograms = new Set(read.files.filter((_, i) => roles[i] === 'spectrogram').map((f) => f.name));
  const sidecars = new Map<string, FileBytes>();
  read.files.forEach(({ name, bytes }, i) => {
    const npyName = name.endsWith('.json') ? name.slice(0, -'.json'.length) : null;
    if (roles[i] === 'weights' && npyName !== null && spectrograms.has(npyName))
      sidecars.set(npyName, { name, bytes });
  });
  read.files.forEach(({ name, bytes, origin }, i) => {
    const role = roles[i]!;
    if (role !== 'weights') {
      const sidecar = role === 'spectrogram' ? sidecars.get(name) : undefined;
      inputs.push({ name, bytes, role, origin, ...(sidecar ? { sidecar } : {}) });
    } else if (![...sidecars.values()].some((sidecar) => sidecar.name === name)) {
      weightFiles.push({ name, bytes });
      weightItems.push(origin);
    }
  });
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
  /** What the user should know about it (a WAV cut short), each naming the file. */
  warnings: string[];
}

/**
 * Runs the job that makes an input's spectrogram: `analyze-wav` for audio, `read-spectrogram-npy`
 * for a `.npy`, read with the settings of its sidecar when there is one, else with `melConfig`,
 * marked as assumed (`npySettings`; a sidecar that is not one of ours fails the `.npy`). The file's
 * bytes are moved to the worker: the host keeps where to read them again (the origin), not the bytes.
 */
export async function openInputFile(
  runner: JobRunner,
  file: FileBytes & { role: InputRole; sidecar?: FileBytes | null },
  melConfig: MelConfig,
): Promise<OpenedInput> {
  const options = { transfer: [file.bytes] };
  const { name, bytes } = file;
  if (file.role === 'audio') {
    const { audio, mel, warnings } = await runner.run(
      { kind: 'analyze-wav', name, bytes, melConfig },
      options,
    );
    return { audio, mel, warnings };
  }
  const settings = npySettings(name, file.sidecar ?? null, null, melConfig);
  const job = { kind: 'read-spectrogram-npy', name, bytes, melConfig: settings.config } as const;
  const { mel } = await runner.run(job, options);
  return { audio: null, mel: { ...mel, source: { ...mel.source, settings: settings.origin } }, warnings: [] };
}

/** Refuses to re-analyse an input that came from a spectrogram `.npy` (there is no audio). */
export function assertHasAudio(document: InputDocument): void {
  if (document.audio === null) {
    throw new InvalidArgumentError(
      `${document.name} is a spectrogram (.npy): there is no audio to compute another mel from`,
    );
  }
}

/**
 * Refuses settings that cannot label an input: a WAV's mel is re-analysed instead (remel), and an
 * `.npy` keeps its bands (the array has them); the settings must work (`validateMelConfig`).
 */
export function assertRelabelFits(document: InputDocument, melConfig: MelConfig): void {
  if (document.audio !== null) {
    throw new InvalidArgumentError(
      `${document.name} is audio: its mel is computed with the settings (re-analyse it), not relabelled`,
    );
  }
  const { nMels } = document.mel;
  if (melConfig.nMels !== nMels) {
    throw new MelConfigError(
      `${document.name} holds ${nMels} mel bands: its settings must have n_mels ${nMels}, not ${melConfig.nMels}`,
    );
  }
  validateMelConfig(melConfig);
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
