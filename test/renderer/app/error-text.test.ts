import { describe, expect, it } from 'vitest';
import { windowAdvice, windowErrorMessage } from '../../../renderer/src/app/error-text';
import { ApiError } from '../../../shared/api/contract';
import { ShapeMismatchError, toErrorInfo, withSource } from '../../../shared/errors';

describe('errors in the window’s words', () => {
  it('n-mels advice names the setting, then what to do after (load again, open again)', () => {
    expect(windowAdvice({ kind: 'n-mels', nMels: 64, then: 'reload' })).toBe(
      '(set n_mels to 64 in Mel settings… in the input panel, then load them again)',
    );
    expect(windowAdvice({ kind: 'n-mels', nMels: 40, then: 'reopen' })).toBe(
      '(set n_mels to 40 in Mel settings… in the input panel, then open it again)',
    );
  });

  it('while a spectrogram is open, it also offers weights made for its bands', () => {
    expect(windowAdvice({ kind: 'n-mels', nMels: 8, orWeightsFor: 64 })).toBe(
      '(set n_mels to 8 in Mel settings… in the input panel), or load weights made for 64-band ones',
    );
  });

  it('the advice survives withSource, the { name, message, advice } boundary form and ApiError', () => {
    const error = withSource(
      'small.npz',
      new ShapeMismatchError('these weights need 8-band mel spectrograms', {
        kind: 'n-mels',
        nMels: 8,
        then: 'reload',
      }),
    );
    const crossed = toErrorInfo(new ApiError(structuredClone(toErrorInfo(error))));
    expect(crossed).toEqual({
      name: 'ShapeMismatchError',
      message: 'small.npz: these weights need 8-band mel spectrograms',
      advice: { kind: 'n-mels', nMels: 8, then: 'reload' },
    });
    expect(windowErrorMessage(crossed)).toBe(
      'small.npz: these weights need 8-band mel spectrograms ' +
        '(set n_mels to 8 in Mel settings… in the input panel, then load them again)',
    );
    expect(windowErrorMessage({ name: 'WavFormatError', message: 'not a WAV' })).toBe('not a WAV');
  });
});
