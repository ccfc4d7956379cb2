/**
 * Errors the host API raises on its own account (not the pipeline's): bad arguments from the
 * renderer, paths it may not read, documents it does not know, a worker that died, a file the
 * system would not read or write. Like every PostnetError they cross boundaries as `{ name, message }`.
 */
import { PostnetError } from '../errors';

/** An API call's argument is missing, of the wrong type or out of range; names the argument. */
export class InvalidArgumentError extends PostnetError {}

/** The renderer asked for a file it was never given (not picked, dropped, recent or on the command line). */
export class AccessDeniedError extends PostnetError {}

/** A call came from a frame that is not our window's main frame at our own origin. */
export class UntrustedSenderError extends PostnetError {}

/** An input or weights id the host does not hold (never opened, or already released). */
export class UnknownDocumentError extends PostnetError {}

/** The compute worker crashed or ran out of memory; only the job in flight is lost. */
export class WorkerCrashedError extends PostnetError {}

/** The bundled sample could not be loaded (the browser host fetches it beside the page). */
export class SampleMissingError extends PostnetError {}

/** Reading or writing a file failed; the message names the file and the reason (permission, disk full…). */
export class FileAccessError extends PostnetError {}

/**
 * The worker has no stack for a weights id (it is a fresh worker after a crash, or the weights
 * were released); main answers by re-sending the weights it kept and retrying once.
 */
export class WeightsNotLoadedError extends PostnetError {}
