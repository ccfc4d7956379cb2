import { CancelledError } from './errors';

/**
 * The part of `AbortSignal` the pipeline reads. Defined here because `shared/` has no DOM types;
 * a real `AbortSignal` satisfies it, and so does a plain `{ aborted: false }` flag object.
 */
export interface CancelSignal {
  readonly aborted: boolean;
}

/** Throws `CancelledError` when the signal has fired; long loops call this between chunks. */
export function throwIfCancelled(signal: CancelSignal | undefined, what = 'the job'): void {
  if (signal?.aborted) throw new CancelledError(`${what} was cancelled`);
}
