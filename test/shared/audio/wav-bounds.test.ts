/**
 * WAV headers that once multiplied a small file into billions of samples (issue 9's fuzz
 * findings): a 1–10 Hz rate is refused, and no resampling makes more than MAX_AUDIO_SAMPLES.
 */
import { describe, expect, it } from 'vitest';
import { MAX_AUDIO_SAMPLES } from '../../../shared/audio/limits';
import { resample } from '../../../shared/audio/resample';
import { AudioTooLongError, WavFormatError } from '../../../shared/errors';
import { resolveMelConfig } from '../../../shared/mel/config';
import { analyzeWav } from '../../../shared/pipeline/analyze';
import { lowRateWav } from '../../helpers/crafted';

describe('a WAV header that says 1–10 Hz', () => {
  it.each([1, 2, 10, 999])('%i Hz (100 KB of samples) is refused at once, naming the rate', (rate) => {
    const bytes = lowRateWav(rate, 50_000);
    expect(() => analyzeWav(bytes, 'slow.wav', resolveMelConfig({}))).toThrow(WavFormatError);
    expect(() => analyzeWav(bytes, 'slow.wav', resolveMelConfig({}))).toThrow(
      `slow.wav: unsupported WAV sample rate: the fmt chunk says ${rate} Hz; rates from 1000 to 1000000 Hz are read (telephone audio is 8000 Hz)`,
    );
  });

  it('1000 Hz, the lowest rate read, analyses', () => {
    const { mel } = analyzeWav(lowRateWav(1000, 2000), 'low.wav', resolveMelConfig({}));
    expect(mel.nFrames).toBe(Math.floor((2000 * 22050) / 1000 / 256) + 1);
  });
});

describe('resample bounds its output before allocating it', () => {
  it('refuses an output longer than MAX_AUDIO_SAMPLES with AudioTooLongError', () => {
    const input = new Float32Array(1 << 20);
    expect(() => resample(input, 1000, 1_000_000)).toThrow(AudioTooLongError);
    expect(() => resample(input, 1000, 1_000_000)).toThrow(
      `resampling 1048576 samples from 1000 to 1000000 Hz gives 1048576000 samples (17 min); at most ${MAX_AUDIO_SAMPLES} are held`,
    );
  });
});

describe('resampling a short file at an odd rate (found by the fuzz soak: seconds for a few hundred samples)', () => {
  it('computes only the phases it uses, and the same numbers as the full kernel set', () => {
    const long = Float32Array.from({ length: 30_000 }, (_, i) => Math.sin(i / 7) * Math.cos(i / 1300));
    const short = resample(long.subarray(0, 500), 22063, 22050); // 500 outputs: 500 phases built, lazily
    const full = resample(long, 22063, 22050); // 29,982 outputs ≥ 22,050 phases: every kernel built
    expect(Array.from(short.subarray(0, 300))).toEqual(Array.from(full.subarray(0, 300)));
  });
});
