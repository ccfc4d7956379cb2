import { describe, expect, it } from 'vitest';
import { ShapeMismatchError, WeightsFormatError } from '../../../shared/errors';
import { encodeNpy } from '../../../shared/formats/npy';
import { TACOTRON2_MEL } from '../../../shared/mel/config';
import { spectrogramFromNpy } from '../../../shared/pipeline/spectrogram-npy';
import type { DType } from '../../../shared/tensor';

function npy(shape: number[], dtype: DType = 'float32', fill = (i: number) => -5 + i / 1000): Uint8Array {
  const n = shape.reduce((a, b) => a * b, 1);
  return encodeNpy({ dtype, shape, data: Float64Array.from({ length: n }, (_, i) => fill(i)) });
}

describe('spectrogramFromNpy', () => {
  it('reads [80, T] as channels-first float32', () => {
    const mel = spectrogramFromNpy(npy([80, 7]), 'a.npy', TACOTRON2_MEL);
    expect(mel).toMatchObject({ nMels: 80, nFrames: 7, source: { name: 'a.npy', kind: 'npy' } });
    expect(mel.data[7]).toBeCloseTo(-5 + 7 / 1000, 6); // band 1, frame 0
    expect(mel.config).toEqual(TACOTRON2_MEL);
  });

  it('reads [1, 80, T] (HiFi-GAN’s batched layout) and float64 / float16', () => {
    expect(spectrogramFromNpy(npy([1, 80, 5]), 'b.npy', TACOTRON2_MEL)).toMatchObject({
      nMels: 80,
      nFrames: 5,
    });
    expect(spectrogramFromNpy(npy([80, 3], 'float64'), 'c.npy', TACOTRON2_MEL).data).toBeInstanceOf(
      Float32Array,
    );
    expect(spectrogramFromNpy(npy([80, 3], 'float16'), 'd.npy', TACOTRON2_MEL).nFrames).toBe(3);
  });
});

describe('spectrogramFromNpy fails clearly', () => {
  it('on [T, 80], suggesting it is transposed', () => {
    expect(() => spectrogramFromNpy(npy([200, 80]), 'mel.npy', TACOTRON2_MEL)).toThrow(ShapeMismatchError);
    expect(() => spectrogramFromNpy(npy([200, 80]), 'mel.npy', TACOTRON2_MEL)).toThrow(
      'mel.npy has shape [200, 80], expected [80, T] or [1, 80, T]; it looks transposed ([T, 80], time first): save mel.T (channels first, as vocoders read)',
    );
  });

  it('on [1, T, 80] too', () => {
    expect(() => spectrogramFromNpy(npy([1, 50, 80]), 'mel.npy', TACOTRON2_MEL)).toThrow(
      /it looks transposed/,
    );
  });

  it('on a band count the mel config does not make', () => {
    expect(() => spectrogramFromNpy(npy([40, 100]), 'mel.npy', TACOTRON2_MEL)).toThrow(
      'mel.npy has shape [40, 100], expected [80, T] or [1, 80, T]; the tacotron2 mel config has 80 bands: ' +
        'a 40-band spectrogram needs a 40-band mel config',
    );
  });

  it('on a band count the mel config does not make, with the fix as data (40 bands, then open it again)', () => {
    let advice: unknown;
    try {
      spectrogramFromNpy(npy([40, 100]), 'mel.npy', TACOTRON2_MEL);
    } catch (error) {
      advice = (error as ShapeMismatchError).advice;
    }
    expect(advice).toEqual({ kind: 'n-mels', nMels: 40, then: 'reopen' });
  });

  it.each([[[80]], [[2, 80, 10]], [[1, 1, 80, 10]]])('on shape %j', (shape) => {
    expect(() => spectrogramFromNpy(npy(shape), 'x.npy', TACOTRON2_MEL)).toThrow(
      /x\.npy has shape .*expected (a spectrogram )?\[80, T\] or \[1, 80, T\]/,
    );
  });

  it('on no frames', () => {
    expect(() => spectrogramFromNpy(npy([80, 0]), 'x.npy', TACOTRON2_MEL)).toThrow(
      'x.npy has shape [80, 0]: no frames',
    );
  });

  it('on integer data', () => {
    expect(() => spectrogramFromNpy(npy([80, 2], 'int16'), 'x.npy', TACOTRON2_MEL)).toThrow(
      WeightsFormatError,
    );
    expect(() => spectrogramFromNpy(npy([80, 2], 'int16'), 'x.npy', TACOTRON2_MEL)).toThrow(
      'x.npy holds int16 values; a log-mel spectrogram is float32',
    );
  });

  it('on -inf (log of zero), naming band and frame', () => {
    const bytes = npy([80, 4], 'float32', (i) => (i === 4 * 3 + 2 ? -Infinity : 0));
    expect(() => spectrogramFromNpy(bytes, 'x.npy', TACOTRON2_MEL)).toThrow(
      'x.npy has a non-finite value (-Infinity) at band 3, frame 2; log-mel values must be finite (take the log of max(x, 1e-5))',
    );
  });

  it('on bytes that are not .npy', () => {
    expect(() => spectrogramFromNpy(new TextEncoder().encode('RIFF'), 'x.npy', TACOTRON2_MEL)).toThrow(
      /x\.npy: not an \.npy file/,
    );
  });
});
