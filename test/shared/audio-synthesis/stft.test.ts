import { describe, expect, it } from 'vitest';
import { ShapeMismatchError } from '../../../shared/errors';
import { HIFIGAN_MEL, TACOTRON2_MEL, resolveMelConfig } from '../../../shared/mel/config';
import { frameCount } from '../../../shared/mel/frames';
import {
  istft,
  signalLength,
  stft,
  stftGeometry,
  type StftConfig,
} from '../../../shared/audio-synthesis/stft';
import { expectClose } from '../../helpers/close';
import { floatsOf, readNpzFixture } from '../backend/fixtures';

const reference = readNpzFixture('griffin-lim', 'reference.npz');
const signal = floatsOf(reference, 'signal');
const CUSTOM = resolveMelConfig({
  nFft: 512,
  winLength: 400,
  hopLength: 160,
  sampleRateHz: 16000,
  fMaxHz: 8000,
});

const cases: [string, StftConfig, string][] = [
  ['tacotron2 (1024, hop 256, center)', TACOTRON2_MEL, 'stft_tacotron2'],
  ['hifigan (reflect 384, center=False)', HIFIGAN_MEL, 'stft_hifigan'],
  ['custom (512, win 400 centred, hop 160)', CUSTOM, 'stft_custom'],
];

describe('stft matches torch.stft', () => {
  for (const [name, config, key] of cases) {
    it(name, () => {
      const geometry = stftGeometry(config);
      const nFrames = frameCount(config, signal.length);
      const expected = floatsOf(reference, key);
      expect(expected.length).toBe(2 * nFrames * geometry.nBins);
      // float64 transforms of float32 samples; the fixture is rounded to float32 (|X| ≲ 20).
      expectClose(stft(signal, geometry, nFrames), expected, {
        atol: 1e-5,
        rtol: 1e-6,
        shape: [nFrames, geometry.nBins, 2],
        label: key,
      });
    });
  }
});

describe('istft(stft(x)) ≈ x', () => {
  for (const [name, config] of cases) {
    it(name, () => {
      const geometry = stftGeometry(config);
      // The longest signal the frames describe exactly: the iSTFT gives signalLength samples.
      const nFrames = frameCount(config, signal.length);
      const n = signalLength(geometry, nFrames);
      const x = signal.subarray(0, n);
      expect(frameCount(config, n)).toBe(nFrames);
      const y = istft(stft(x, geometry, nFrames), geometry, nFrames);
      expect(y.length).toBe(n);
      expectClose(y, x, { atol: 1e-6, label: `istft(stft(x)) ${name}` });
    });
  }

  it('an odd frame count (the last frame has no pair) round-trips too', () => {
    const geometry = stftGeometry(TACOTRON2_MEL);
    const n = signalLength(geometry, 5);
    const x = signal.subarray(0, n);
    expectClose(istft(stft(x, geometry, 5), geometry, 5), x, { atol: 1e-6 });
  });
});

describe('istft fails clearly', () => {
  it('when the spectra are not 2 × nFrames × nBins long', () => {
    const geometry = stftGeometry(TACOTRON2_MEL);
    expect(() => istft(new Float64Array(100), geometry, 4)).toThrow(ShapeMismatchError);
    expect(() => istft(new Float64Array(100), geometry, 4)).toThrow(
      /spectra hold 100 values, expected 2 × nFrames 4 × nBins 513/,
    );
  });
});
