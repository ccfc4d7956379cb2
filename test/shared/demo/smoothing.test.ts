import { describe, expect, it } from 'vitest';
import { ShapeMismatchError } from '../../../shared/errors';
import { TACOTRON2_MEL } from '../../../shared/mel/config';
import {
  DECODER_SMOOTHING_SIGMA,
  maskedMse,
  smoothLikeDecoder,
  smoothSpectrogramLikeDecoder,
} from '../../../shared/demo/smoothing';
import { expectClose } from '../../helpers/close';
import { floatsOf, readNpzFixture } from '../backend/fixtures';

const fixture = readNpzFixture('smoothing', 'gaussian.npz');

describe('smoothLikeDecoder', () => {
  it("is scipy's gaussian_filter(mel, sigma=(1.0, 2.0), mode='nearest') on [bands, frames]", () => {
    expect(DECODER_SMOOTHING_SIGMA).toEqual([1, 2]);
    const mel = floatsOf(fixture, 'speech_in');
    expectClose(smoothLikeDecoder(mel, 80, mel.length / 80), floatsOf(fixture, 'speech_s1_2'), {
      atol: 2e-6,
      shape: [80, mel.length / 80],
    });
  });

  it('keeps a Spectrogram’s config, frames and source and leaves the input alone', () => {
    const data = floatsOf(fixture, 'speech_in');
    const copy = Float32Array.from(data);
    const mel = {
      data,
      nMels: 80,
      nFrames: data.length / 80,
      config: { ...TACOTRON2_MEL },
      source: { name: 's.wav', kind: 'wav' as const },
    };
    const smoothed = smoothSpectrogramLikeDecoder(mel);
    expect(smoothed.source).toEqual(mel.source);
    expect(smoothed.nFrames).toBe(mel.nFrames);
    expect(smoothed.data).not.toBe(data);
    expectClose(data, copy, { atol: 0 });
  });
});

describe('maskedMse', () => {
  it('averages squared errors over the cells where clean > −9 only', () => {
    const clean = Float32Array.from([-11.5, -2, 0, -9]);
    const estimate = Float32Array.from([5, -1, 2, 100]);
    const { mse, cells } = maskedMse(estimate, clean);
    expect(cells).toBe(2);
    expect(mse).toBeCloseTo((1 + 4) / 2, 12);
  });

  it('fails clearly when the arrays differ in length', () => {
    expect(() => maskedMse(new Float32Array(3), new Float32Array(4))).toThrow(ShapeMismatchError);
    expect(() => maskedMse(new Float32Array(3), new Float32Array(4))).toThrow(
      /the estimate has 3 values, the clean mel 4/,
    );
  });
});
