/**
 * Advice in the command line's words: an error's (shared/errors.ts `ErrorAdvice`), and how to
 * build another stack a checkpoint holds — the option to use.
 */
import { adviceOf, assertNever, type ErrorAdvice } from '../../shared/errors';
import type { StackRole } from '../../shared/model/types';

/** `--stack encoder builds it` (for shared/weights/load.ts `stacksNote`). */
export function cliBuildsStack(role: StackRole): string {
  return `--stack ${role} builds it`;
}

/** `(--n-mels 64 on the command line)`. */
export function cliAdvice(advice: ErrorAdvice): string {
  switch (advice.kind) {
    case 'n-mels':
      return `(--n-mels ${advice.nMels} on the command line)`;
    default:
      return assertNever(advice.kind, 'error advice');
  }
}

/** The error's message with its advice, if it has any, worded for the command line. */
export function cliErrorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const advice = adviceOf(error);
  return advice ? `${message} ${cliAdvice(advice)}` : message;
}
