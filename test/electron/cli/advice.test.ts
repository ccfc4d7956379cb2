import { describe, expect, it } from 'vitest';
import { cliAdvice, cliErrorMessage } from '../../../electron/cli/advice';
import { ShapeMismatchError, WavFormatError } from '../../../shared/errors';

describe('errors in the command line’s words', () => {
  it('n-mels advice is the option to pass, whatever the window would do after', () => {
    expect(cliAdvice({ kind: 'n-mels', nMels: 64 })).toBe('(--n-mels 64 on the command line)');
    expect(cliAdvice({ kind: 'n-mels', nMels: 40, then: 'reload', orWeightsFor: 80 })).toBe(
      '(--n-mels 40 on the command line)',
    );
  });

  it('appends the advice to the message; an error without advice keeps its message', () => {
    const error = new ShapeMismatchError('these weights need 8-band mel spectrograms', {
      kind: 'n-mels',
      nMels: 8,
    });
    expect(cliErrorMessage(error)).toBe(
      'these weights need 8-band mel spectrograms (--n-mels 8 on the command line)',
    );
    expect(cliErrorMessage(new WavFormatError('speech.wav: not a WAV'))).toBe('speech.wav: not a WAV');
    expect(cliErrorMessage('plain')).toBe('plain');
  });
});
