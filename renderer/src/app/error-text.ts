/**
 * Errors as the window shows them: the host's message, then its advice (shared/errors.ts
 * `ErrorAdvice`) in the window's words — the setting to change and what to do after.
 */
import { assertNever, type ErrorAdvice, type ErrorInfo } from '../../../shared/errors';

const THEN: Record<NonNullable<Extract<ErrorAdvice, { kind: 'n-mels' }>['then']>, string> = {
  reopen: 'open it again',
  reload: 'load them again',
};

/**
 * `(set n_mels to 64 in Mel settings… in the input panel, then load them again)`; for a
 * spectrogram already open, `…), or load weights made for 80-band ones`.
 */
export function windowAdvice(advice: ErrorAdvice): string {
  switch (advice.kind) {
    case 'n-mels': {
      const then = advice.then ? `, then ${THEN[advice.then]}` : '';
      const other =
        advice.orWeightsFor === undefined
          ? ''
          : `, or load weights made for ${advice.orWeightsFor}-band ones`;
      return `(set n_mels to ${advice.nMels} in Mel settings… in the input panel${then})${other}`;
    }
    default:
      return assertNever(advice.kind, 'error advice');
  }
}

/** The message the window shows for an error: its own, then its advice in the window's words. */
export function windowErrorMessage(info: ErrorInfo): string {
  return info.advice ? `${info.message} ${windowAdvice(info.advice)}` : info.message;
}
