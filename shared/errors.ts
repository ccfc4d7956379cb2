/**
 * Named errors that carry what a user needs to act: what was expected, what was found, where.
 * They cross process boundaries as `{ name, message }` (see `toErrorInfo`).
 */

/**
 * A fix the user can make, as data: each shell words it where the user is (the CLI as an option,
 * the window as a setting) and appends it to the message, so `shared/` writes no UI text.
 * - `n-mels`: spectrograms of `nMels` mel bands would work. `then`: what to do once the window's
 *   setting is changed (`reopen` the file, `reload` the weights); `orWeightsFor`: the bands of the
 *   spectrogram already open, for which other weights would do instead.
 */
export interface BandAdvice {
  kind: 'n-mels';
  nMels: number;
  then?: 'reopen' | 'reload';
  orWeightsFor?: number;
}

export type ErrorAdvice = BandAdvice;

function isErrorAdvice(value: unknown): value is ErrorAdvice {
  const advice = value as Partial<BandAdvice> | null | undefined;
  return (
    typeof advice === 'object' &&
    advice !== null &&
    advice.kind === 'n-mels' &&
    typeof advice.nMels === 'number'
  );
}

/** The advice an error carries (a PostnetError, or an ApiError that came across a boundary), if any. */
export function adviceOf(error: unknown): ErrorAdvice | undefined {
  const advice =
    typeof error === 'object' && error !== null ? (error as { advice?: unknown }).advice : undefined;
  return isErrorAdvice(advice) ? advice : undefined;
}

/** Base class: every error the pipeline raises on purpose is a PostnetError. */
export class PostnetError extends Error {
  /** A fix the user can make, worded by the shell that shows the error. */
  readonly advice: ErrorAdvice | undefined;

  constructor(message: string, advice?: ErrorAdvice) {
    super(message);
    this.name = new.target.name;
    this.advice = advice;
  }
}

/** A WAV file that cannot be decoded: not RIFF/WAVE, truncated, unsupported codec, empty, non-finite. */
export class WavFormatError extends PostnetError {}

/** Audio that decodes but cannot be analysed with the chosen settings (e.g. too short for the STFT). */
export class AudioTooShortError extends PostnetError {}

/** Audio longer than the pipeline holds (more than MAX_AUDIO_SAMPLES, decoded or resampled). */
export class AudioTooLongError extends PostnetError {}

/** A mel configuration that cannot work (e.g. fMax above Nyquist, winLength > nFft). */
export class MelConfigError extends PostnetError {}

/** A weights file that cannot be read: bad magic, truncated, pickled objects, ragged lists, NaN… */
export class WeightsFormatError extends PostnetError {}

/**
 * A pickle (inside a PyTorch checkpoint) that asks for something a state_dict never needs: a Python
 * global outside the allow-list (`os.system`, a model class…), or an operation that would run code.
 * Nothing in it was executed; the message names what it asked for.
 */
export class UnsafePickleError extends WeightsFormatError {}

/** Two shapes that must agree do not; the message names the layer or key and both shapes. */
export class ShapeMismatchError extends PostnetError {}

/** A model that cannot be built from the given tensors (missing keys, a chain that does not connect). */
export class ModelBuildError extends PostnetError {}

/** A result holds NaN or ±Inf; the message names the layer, channel and frame where it first appears. */
export class NonFiniteResultError extends PostnetError {}

/** Work stopped because the user cancelled it. */
export class CancelledError extends PostnetError {
  constructor(message = 'cancelled') {
    super(message);
  }
}

/**
 * The same error class with `source` (a file name) in front of its message, so a message made
 * deep inside a parser or builder says which file it is about. Other errors, and cancellations,
 * pass unchanged.
 */
export function withSource(source: string, error: unknown): unknown {
  if (!(error instanceof PostnetError) || error instanceof CancelledError) return error;
  const ErrorClass = error.constructor as new (message: string, advice?: ErrorAdvice) => PostnetError;
  return new ErrorClass(`${source}: ${error.message}`, error.advice);
}

/** The form in which an error crosses a worker, IPC or process boundary. */
export interface ErrorInfo {
  name: string;
  message: string;
  advice?: ErrorAdvice;
}

export function toErrorInfo(error: unknown): ErrorInfo {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const advice = adviceOf(error);
  return advice
    ? { name: error.name, message: error.message, advice }
    : { name: error.name, message: error.message };
}

/** Formats a shape the way the app prints it everywhere: `[80, 862]`. */
export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

/** Ends an exhaustive switch: a compile error when a union member is not handled. */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`unexpected ${what}: ${JSON.stringify(value)}`);
}
