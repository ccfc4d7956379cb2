import { describe, expect, it } from 'vitest';
import { MelConfigError } from '../../../shared/errors';
import {
  HIFIGAN_MEL,
  TACOTRON2_MEL,
  resolveMelConfig,
  type MelConfigOptions,
} from '../../../shared/mel/config';

describe('resolveMelConfig', () => {
  it('defaults to the tacotron2 preset', () => {
    expect(resolveMelConfig()).toEqual(TACOTRON2_MEL);
    expect(resolveMelConfig({})).toEqual(TACOTRON2_MEL);
  });

  it('picks the hifigan preset by name', () => {
    expect(resolveMelConfig({ preset: 'hifigan' })).toEqual(HIFIGAN_MEL);
  });

  it('keeps the preset name when overrides equal the preset, becomes custom when any differs', () => {
    expect(resolveMelConfig({ hopLength: 256, nMels: 80, fMaxHz: undefined }).preset).toBe('tacotron2');
    const custom = resolveMelConfig({ preset: 'hifigan', fMaxHz: 11025 });
    expect(custom).toEqual({ ...HIFIGAN_MEL, preset: 'custom', fMaxHz: 11025 });
  });

  it('lets the window follow nFft when only nFft is given (the preset window fills its FFT)', () => {
    expect(resolveMelConfig({ nFft: 2048 })).toMatchObject({ nFft: 2048, winLength: 2048, preset: 'custom' });
    expect(resolveMelConfig({ nFft: 2048, winLength: 1024 })).toMatchObject({ nFft: 2048, winLength: 1024 });
  });

  it('returns a new object; the frozen presets are untouched', () => {
    const config = resolveMelConfig();
    config.nMels = 1;
    expect(TACOTRON2_MEL.nMels).toBe(80);
  });

  const failures: [string, MelConfigOptions, RegExp][] = [
    ['fMax above Nyquist', { fMaxHz: 12000 }, /fMaxHz 12000 Hz is above the Nyquist frequency 11025 Hz/],
    [
      'fMax above Nyquist after a rate change',
      { sampleRateHz: 8000 },
      /fMaxHz 8000 Hz is above the Nyquist frequency 4000 Hz/,
    ],
    ['fMin ≥ fMax', { fMinHz: 8000 }, /fMinHz 8000 Hz must be below fMaxHz 8000 Hz/],
    ['winLength > nFft', { winLength: 2048 }, /winLength 2048 is longer than nFft 1024/],
    ['nFft not a power of two', { nFft: 1000, winLength: 1000 }, /nFft must be a power of two .* got 1000/],
    [
      'too many mel bands → empty filters',
      { nMels: 400 },
      /mel band \d+ of 400 covers no FFT bin .* use fewer mel bands or a larger nFft/,
    ],
    ['hop 0', { hopLength: 0 }, /hopLength must be an integer ≥ 1, got 0/],
    ['fractional nMels', { nMels: 80.5 }, /nMels must be an integer ≥ 1, got 80\.5/],
    ['negative fMin', { fMinHz: -1 }, /fMinHz must be a number ≥ 0, got -1/],
    ['NaN fMax', { fMaxHz: NaN }, /fMaxHz must be a number > 0, got NaN/],
    ['zero log floor', { logFloor: 0 }, /logFloor must be a number > 0/],
    ['hifigan padding with hop > nFft', { preset: 'hifigan', hopLength: 2048 }, /hopLength ≤ nFft/],
  ];
  it.each(failures)('fails clearly: %s', (_, options, message) => {
    expect(() => resolveMelConfig(options)).toThrow(MelConfigError);
    expect(() => resolveMelConfig(options)).toThrow(message);
  });

  it('fails clearly on an unknown preset name', () => {
    const options = { preset: 'waveglow' } as unknown as MelConfigOptions;
    expect(() => resolveMelConfig(options)).toThrow(
      /unknown mel preset 'waveglow' \(expected one of: tacotron2, hifigan\)/,
    );
  });
});
