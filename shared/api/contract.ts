/**
 * The one API between the renderer and whatever hosts it: `PostnetApi`, its calls and its events.
 * Both hosts run the same implementation (shared/host/host.ts) with their own I/O: in Electron it
 * lives in main and the page reaches it over IPC (the channels are derived from
 * shared/api/table.ts); in a plain browser it runs in the page with a Web Worker. The renderer
 * knows nothing else.
 *
 * Every array here is plain data (typed arrays, no classes), so it crosses structured clone,
 * contextBridge and postMessage unchanged.
 */
import type { FrameRange } from '../backend/chunks';
import type { ColumnReduce } from '../backend/columns';
import type { EngineChoice, EngineUsed } from '../backend/engine-choice';
import type { ErrorAdvice, ErrorInfo } from '../errors';
import type { MelConfig } from '../mel/config';
import type { StackInfo } from '../model/layouts';
import type { Activation, Conv1dHyperparams, StackRole } from '../model/types';
import type { AppSettings, DecimationChoice } from './settings';
import type { Spectrogram } from '../spectrogram';
import type { WeightFileInfo } from '../weights/read';
import type {
  BuiltInWeights,
  InputAudio,
  PlaybackCommand,
  SmoothedFrom,
  SynthesisRequest,
  SynthesisResult,
} from './listen-types';

export * from './listen-types';
import type { MicroscopeCalls } from './microscope';

/**
 * A file object from a drop or an `<input type=file>`; a DOM `File` satisfies it. In Electron the
 * preload turns it into a path (`webUtils.getPathForFile`), so it must be the page's real `File`.
 */
export interface DroppedFile {
  readonly name: string;
  readonly size: number;
}

/** Where the files to open come from. */
export type FileSource =
  /**
   * The host shows its picker: a native dialog, or the browser's file chooser. `folder` picks a
   * folder instead of files (weights saved as one `.npy` per tensor); files are the default.
   */
  | { kind: 'dialog'; folder?: boolean }
  /** Files dropped on the window or picked in the page. */
  | { kind: 'dropped'; files: readonly DroppedFile[] }
  /** Files the host granted earlier, by id. */
  | { kind: 'granted'; ids: readonly string[] }
  /** The bundled sample WAV. */
  | { kind: 'sample' };

/**
 * What the user means to open. Audio by content is always an input (a WAV dropped on the weights
 * panel opens as the input; MP3, FLAC… reach the WAV reader, which says how to convert them).
 * `weights`: every other file (or a folder's files) makes one set of weights. `auto` (a drop)
 * sorts by content: an `.npy` named like a state_dict key (`….weight.npy`) → weights; any other
 * `.npy` → spectrogram input (with `X.npy.json` beside it in the same call as its sidecar);
 * everything else (npz, json, folders) → weights. `audio` (Open…) sorts the same way, except
 * that content nothing recognises goes to the WAV reader, not the weights reader (see `classifyFile`).
 */
export type OpenIntent = 'audio' | 'weights' | 'auto';

export interface AudioInfo {
  /** e.g. `PCM 16-bit`, `IEEE float 32-bit`, `µ-law`. */
  encoding: string;
  /** The file's own rate, before resampling to the mel config's rate. */
  sampleRateHz: number;
  nChannels: number;
  /** Samples per channel in the file. */
  nSamples: number;
  durationS: number;
}

/** An input spectrogram the user opened: from a WAV (with its audio facts) or from an `.npy`. */
export interface InputDocument {
  id: string;
  /**
   * Which spectrogram this is: a new one for every analysis (a re-analysis keeps the id, not the
   * revision), unique among all inputs of the host. Caches of what is computed from the
   * spectrogram key on it.
   */
  revision: number;
  name: string;
  /** Absent when the spectrogram came from an `.npy` (whose settings' origin is `mel.source.settings`). */
  audio: AudioInfo | null;
  mel: Spectrogram;
  /**
   * What opening it noticed that the user should see, e.g. a WAV cut short: `speech.wav:
   * truncated WAV: … 19100 samples (0.866 s) missing …`. Empty when there is nothing to say.
   */
  warnings: readonly string[];
  /** Set for an input made by `smooth` (the demo's decoder-smoothed copy of another input). */
  smoothedFrom?: SmoothedFrom;
}

export interface TensorRow {
  key: string;
  shape: readonly number[];
  numel: number;
  /** False for a tensor the stack was not built from (a checkpoint's encoder, say). */
  used: boolean;
}

/** One layer as the window shows it; `padding` as the weights give it (a number, or `'same'`). */
export interface LayerSummary extends Conv1dHyperparams {
  name: string;
  /**
   * Zeros before frame 0 and after the last frame, resolved: equal for a number, and for
   * `'same'` dilation·(k − 1) in total with the odd one on the right (k = 4: 1 and 2).
   */
  padLeft: number;
  padRight: number;
  /** False for a Conv1d built with `bias=False` (no bias tensor): out = Σ weight · x only. */
  bias: boolean;
  batchNorm: boolean;
  activation: Activation;
  /** `Conv1d(80, 512, kernel_size=(5,), stride=(1,), padding=(2,))`, the line `print(model)` shows. */
  repr: string;
}

/** Loaded weights as the weights panel shows them. */
export interface WeightsSummary {
  id: string;
  /** File name, or the built-in weights' name (`demo post-net (trained to undo …)`). */
  name: string;
  isDefault: boolean;
  /** SHA-256 of the file's bytes (hex), null for the built-in default. */
  sha256: string | null;
  /** `print(model)` as PyTorch shows it. */
  moduleText: string;
  tensors: readonly TensorRow[];
  totalParameters: number;
  layers: readonly LayerSummary[];
  residual: boolean;
  /** Unused keys and other things the user should know; never silently dropped. */
  warnings: readonly string[];
  /**
   * Each file's format and what it holds beside its tensors: a safetensors `__metadata__`, where a
   * training checkpoint keeps its state_dict and its entries that are not weights. Empty for the
   * built-in default.
   */
  files: readonly WeightFileInfo[];
  /**
   * Every Conv1d stack recognised in the tensors, post-nets first (a full Tacotron 2 holds the
   * post-net and the encoder convolutions); `chooseStack` builds another from the same files.
   * Empty for an explicit architecture.
   */
  stacks: readonly StackInfo[];
  /** The role of the stack that was built (`stacks` has it), or null for an explicit architecture. */
  built: StackRole | null;
  /**
   * The symbol embedding (`embedding.weight` `[nSymbols, dim]`), when the encoder convolutions were
   * built from a file that has it. Its values stay in the worker, under this summary's id, beside
   * the stack (`JobState.embeddings`, shared/jobs/run-job.ts), for jobs that run text.
   */
  embedding: { key: string; shape: readonly number[] } | null;
}

/** A file that could not be opened while others in the same call could. */
export interface OpenFailure {
  name: string;
  error: ErrorInfo;
}

/**
 * What an `open` call opened. When nothing could be opened the call rejects with the first
 * file's error instead; `failures` lists the files that failed beside ones that worked.
 */
export interface OpenResult {
  inputs: readonly InputDocument[];
  weights: WeightsSummary | null;
  failures?: readonly OpenFailure[];
}

export interface ProcessRequest {
  inputId: string;
  weightsId: string;
  /** Which engine runs the post-net (the window's setting); `auto` when absent. */
  engine?: EngineChoice;
  /**
   * The window's id for this run: the output arrives as `ResultPart`s carrying it, chunk by
   * chunk, before the call answers.
   */
  stream: number;
  /** Output frames to compute first (the part on screen); the rest follow, nearest first. */
  first?: FrameRange;
}

export interface LayerOutputRequest {
  inputId: string;
  weightsId: string;
  /** 0-based index into `WeightsSummary.layers`. */
  layer: number;
  /** The layer's output frames wanted (the view and a margin), within its output. */
  frames: FrameRange;
  /**
   * At most this many columns come back: over a longer range each column reduces `step` frames
   * (`reduce`: max, or the value of largest magnitude), so a view of an hour stays small.
   */
  maxColumns: number;
  reduce: ColumnReduce;
  engine?: EngineChoice;
}

/**
 * A layer's output (after its BatchNorm and activation) over part of its frames, as columns:
 * `data` `[nChannels, nFrames]` row-major, column c covering the layer's output frames
 * [firstFrame + c·step, firstFrame + (c + 1)·step) (clipped to `totalFrames`). With step 1 the
 * columns are frames; with firstFrame 0 and nFrames = totalFrames the output is whole.
 */
export interface LayerActivations {
  layer: number;
  nChannels: number;
  /** Columns held. */
  nFrames: number;
  data: Float32Array;
  /** The layer's output frame column 0 starts at (a multiple of `step`). */
  firstFrame: number;
  /** Layer frames per column. */
  step: number;
  /** Frames of the layer's whole output. */
  totalFrames: number;
  /** How columns of several frames were reduced. */
  reduce: ColumnReduce;
}

/** What a finished `process` call says; the arrays came as `ResultPart`s. */
export interface ProcessSummary {
  inputId: string;
  /** The input's `revision` this was computed from. */
  inputRevision: number;
  weightsId: string;
  nMels: number;
  nFrames: number;
  elapsedMs: number;
  /** What ran it: the engine, how many workers, why another than the one asked for. */
  engine: EngineUsed;
}

/** A processed result as the window holds it: the summary and the arrays its parts filled. */
export interface ProcessResult extends ProcessSummary {
  /** `postnet(input)`, `[nMels, nFrames]` row-major. */
  residual: Float32Array;
  /** `input + residual` for a residual stack, `[nMels, nFrames]` row-major. */
  output: Float32Array;
}

/** Frames [start, end) of a run's output, as one chunk finished: what the window fills in. */
export interface ResultPart {
  /** The `ProcessRequest.stream` this belongs to. */
  stream: number;
  inputId: string;
  inputRevision: number;
  weightsId: string;
  start: number;
  end: number;
  nMels: number;
  /** `[nMels, end − start]` row-major. */
  residual: Float32Array;
  output: Float32Array;
}

/**
 * - `npy`: float32 `[nMels, nFrames]` (HiFi-GAN fine-tuning, Tacotron 2 `load_mel_from_disk`);
 * - `npy-batched`: float32 `[1, nMels, nFrames]` (HiFi-GAN `inference_e2e.py`);
 * - `npz`: `input`, `residual`, `output` `[nMels, nFrames]` float32 and `mel_config_json`;
 * - `png`: the rendered view, drawn by the renderer (axes, colour bar) and saved as given;
 * - `csv`: one row per frame, header `frame,time_s,mel_0,…,mel_{nMels−1}`.
 * Every export gets a JSON sidecar `OUT.<ext>.json` (see docs/electron.md).
 */
export type ExportFormat = 'npy' | 'npy-batched' | 'npz' | 'png' | 'csv';

export const EXPORT_FORMATS: readonly ExportFormat[] = ['npy', 'npy-batched', 'npz', 'png', 'csv'];

export interface ExportRequest {
  format: ExportFormat;
  inputId: string;
  weightsId: string;
  /** The rendered view as PNG bytes, for `png` (the renderer draws it; the host saves it). */
  png?: Uint8Array;
}

export interface ExportResult {
  /** Where the file went: a path in Electron, a download name in the browser. */
  location: string;
  /** The JSON sidecar written beside it. */
  sidecarLocation: string;
}

export type JobKind = 'open' | 'weights' | 'process' | 'export' | 'listen';

export const OPEN_INTENTS: readonly OpenIntent[] = ['audio', 'weights', 'auto'];

export interface JobProgress {
  jobId: number;
  kind: JobKind;
  /** What is happening now, e.g. `conv 3 of 5`. */
  label: string;
  /** 0…1 */
  fraction: number;
}

/**
 * An entry of the host's Open Recent, for display only: the page cannot open it by itself. The
 * user picks it from the host's menu (`showRecent`, or File → Open Recent), and only then does the
 * host grant the file and send an `open` command with its id.
 */
export interface RecentFile {
  name: string;
  /** Shown as a tooltip. */
  location: string;
}

/** Things the host asks the renderer to do (menu items, command line, second instance). */
export type HostCommand =
  | { type: 'open'; intent: OpenIntent; source: FileSource }
  | { type: 'export'; format: ExportFormat }
  | { type: 'fit' }
  | { type: 'zoom'; direction: 'in' | 'out' }
  /** Frequency zoom of the mel panes' band axis; `reset` shows every band. */
  | { type: 'band-zoom'; direction: 'in' | 'out' | 'reset' }
  /** What a column shows when many frames share a pixel (View ▸ Decimation). */
  | { type: 'decimation'; decimation: DecimationChoice }
  /** Which engine runs the post-net from now on (File ▸ Engine; the status bar's select). */
  | { type: 'engine'; engine: EngineChoice }
  | { type: 'show-shortcuts' }
  | { type: 'recent-changed'; recent: readonly RecentFile[] }
  | { type: 'playback'; command: PlaybackCommand }
  | { type: 'built-in-weights'; which: BuiltInWeights };

export interface StartupState {
  host: 'electron' | 'browser';
  appVersion: string;
  /** What to open first: the command line's files, or the bundled sample. */
  openFirst: FileSource;
  recent: readonly RecentFile[];
  melPresets: Readonly<Record<string, MelConfig>>;
  /** The engine and decimation as the last session left them (defaults when nothing was stored). */
  settings: AppSettings;
}

export type Unsubscribe = () => void;

/**
 * The calls the renderer makes: each answers once, with a result or a rejection with an
 * `ApiError` whose `name` is the pipeline error's (e.g. `WavFormatError`) and whose message says
 * what and where. Every call is a row of shared/api/table.ts.
 */
export interface PostnetCalls extends MicroscopeCalls {
  startup(): Promise<StartupState>;
  /** Reads, decodes and analyses files. A cancelled dialog resolves with nothing opened. */
  open(source: FileSource, intent: OpenIntent, melConfig?: MelConfig): Promise<OpenResult>;
  /** Recomputes an open input's mel with another config (WAV inputs only); same id, new revision. */
  remel(inputId: string, melConfig: MelConfig): Promise<InputDocument>;
  /**
   * Sets the mel settings of an `.npy` input, which carries none (sample rate and hop place its
   * frames in time; the preset, fmin and fmax name its bands): no re-analysis, the numbers stay,
   * so the id and the revision stay too. `melConfig.nMels` must be the array's band count. Its
   * exports' sidecars record them as given by the user.
   */
  relabel(inputId: string, melConfig: MelConfig): Promise<InputDocument>;
  /**
   * The built-in weights: the trained demo post-net (the default; the host's I/O port gives its
   * bytes) or the untrained Tacotron 2 post-net. When the demo's file cannot be read the untrained
   * one is returned with a warning saying why.
   */
  defaultWeights(which?: BuiltInWeights): Promise<WeightsSummary>;
  /**
   * Builds another stack the same weights files hold (`WeightsSummary.stacks`: the encoder
   * convolutions of a full Tacotron 2, or back to its post-net) without reading the files again.
   * Resolves with the summary of that stack, under its own weights id (the same id each time the
   * same stack of the same files is asked for); the worker holds the stack, and for the encoder its
   * embedding, under it. The encoder is not checked against the mel bands: it runs over text.
   */
  chooseStack(weightsId: string, stack: StackRole): Promise<WeightsSummary>;
  /**
   * Runs the weights over the input. The output arrives as `ResultPart`s (`onResultPart`) chunk by
   * chunk, the requested first frames first, spread over the host's workers; the call answers
   * once every part has been sent, with what ran it.
   */
  process(request: ProcessRequest): Promise<ProcessSummary>;
  /**
   * One layer's output over a range of its frames for an open input and weights: runs the stack
   * only up to that layer and only over what that range reads, and returns only those columns
   * (the host keeps none of it).
   */
  layerOutput(request: LayerOutputRequest): Promise<LayerActivations>;
  /**
   * "Simulate decoder smoothing": a new input whose mel is this input's blurred as the demo
   * post-net's training input was (shared/demo/smoothing.ts), with `smoothedFrom` set. It is
   * processed, exported and heard like any input; its audio is the clean input's WAV.
   */
  smooth(inputId: string): Promise<InputDocument>;
  /** The input's WAV as mono audio at its mel config's rate, for playback (WAV inputs only). */
  inputAudio(inputId: string): Promise<InputAudio>;
  /** A mel of an input turned back into sound: NNLS mel inversion, then fast Griffin-Lim. */
  synthesize(request: SynthesisRequest): Promise<SynthesisResult>;
  /** Resolves null when the user cancels the save dialog. */
  exportResult(request: ExportRequest): Promise<ExportResult | null>;
  /**
   * Shows the host's recent files for the user to pick from (Electron: the Open Recent menu at
   * the pointer; a browser has none). A pick arrives as an `open` HostCommand.
   */
  showRecent(): Promise<void>;
  /** Cancels whatever job is running; its promise rejects with `CancelledError`. */
  cancel(): Promise<void>;
  /** Tells the host which file is shown, for the window title. */
  setTitle(documentName: string | null): Promise<void>;
  /**
   * Remembers the window's settings for the next session (and, in Electron, checks them in the
   * menu). The page calls it whenever the user changes one, from the window or from the menu.
   */
  saveSettings(settings: AppSettings): Promise<void>;
}

/** What the host tells the renderer without being asked. */
export interface PostnetEvents {
  onProgress(listener: (progress: JobProgress) => void): Unsubscribe;
  /** Each part of a running `process` call's output, as it is computed. */
  onResultPart(listener: (part: ResultPart) => void): Unsubscribe;
  onCommand(listener: (command: HostCommand) => void): Unsubscribe;
}

/**
 * The renderer's whole view of its host. In Electron the preload exposes a `PostnetBridge`
 * (./bridge.ts) as `window.postnet`, because contextBridge keeps only an error's message;
 * `apiFromBridge(window.postnet)` turns it into this.
 */
export interface PostnetApi extends PostnetCalls, PostnetEvents {}

/** The error every API promise rejects with; `advice` is the fix the window words (see ErrorAdvice). */
export class ApiError extends Error {
  readonly advice: ErrorAdvice | undefined;

  constructor(info: ErrorInfo) {
    super(info.message);
    this.name = info.name;
    this.advice = info.advice;
  }
}
