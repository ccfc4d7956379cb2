import { describe, expect, it } from 'vitest';
import { phaseKernels, resample } from '../../../shared/audio/resample';
import { KAISER_BEST, TORCHAUDIO_DEFAULT, besselI0, sincGeometry } from '../../../shared/audio/sinc-kernel';
import { CancelledError } from '../../../shared/errors';
import { expectClose } from '../../helpers/close';
import { measureResampler } from './resample-quality';

function sine(nSamples: number, hz: number, rateHz: number, amplitude = 0.5): Float32Array {
  return Float32Array.from(
    { length: nSamples },
    (_, n) => amplitude * Math.sin((2 * Math.PI * hz * n) / rateHz),
  );
}

/** Samples away from both ends, where the zero-padding outside the signal has no effect. */
function interior(x: Float32Array, margin: number): Float32Array {
  return x.subarray(margin, x.length - margin);
}

/** Amplitude of the `hz` component of x (least squares on sin and cos), over whole periods-ish. */
function amplitudeAt(x: Float32Array, hz: number, rateHz: number): number {
  let s = 0;
  let c = 0;
  for (let n = 0; n < x.length; n++) {
    const phase = (2 * Math.PI * hz * n) / rateHz;
    s += x[n]! * Math.sin(phase);
    c += x[n]! * Math.cos(phase);
  }
  return (2 * Math.hypot(s, c)) / x.length;
}

describe('resample', () => {
  it('returns the input unchanged when the rates are equal', () => {
    const x = sine(100, 440, 22050);
    expect(resample(x, 22050, 22050)).toBe(x);
  });

  it('output length is ceil(N · to / from), as torchaudio', () => {
    expect(resample(new Float32Array(1000), 16000, 22050)).toHaveLength(Math.ceil((1000 * 441) / 320));
    expect(resample(new Float32Array(1001), 44100, 22050)).toHaveLength(501);
    expect(resample(new Float32Array(7), 48000, 22050)).toHaveLength(4);
  });

  it.each([
    [16000, 22050, 1000],
    [44100, 22050, 3000],
    [48000, 22050, 7000],
    [8000, 22050, 3500],
    [22051, 22050, 2000],
    [44101, 22050, 5000],
  ])('a %i Hz → %i Hz sine at %i Hz comes out as the same sine', (fromHz, toHz, hz) => {
    const x = sine(fromHz / 4, hz, fromHz);
    const y = resample(x, fromHz, toHz);
    const expected = sine(y.length, hz, toHz);
    expectClose(interior(y, 300), interior(expected, 300), { atol: 2e-5, label: `${fromHz}→${toHz}` });
  });

  it('keeps DC: a constant stays constant away from the edges', () => {
    const y = resample(new Float32Array(4000).fill(0.25), 16000, 22050);
    expectClose(interior(y, 200), new Float32Array(y.length - 400).fill(0.25), { atol: 1e-6 });
  });

  it('removes what the new rate cannot hold: 15 kHz at 44.1 kHz → 22.05 kHz is below −100 dB', () => {
    const y = resample(sine(44100, 15000, 44100, 1), 44100, 22050);
    const aliasHz = 22050 - 15000;
    const level = amplitudeAt(interior(y, 500), aliasHz, 22050);
    expect(20 * Math.log10(level)).toBeLessThan(-100);
  });

  it('the torchaudio-default filter (Hann, 6 zero crossings) is available and band-limits too', () => {
    const x = sine(16000, 1000, 16000);
    const y = resample(x, 16000, 22050, { filter: TORCHAUDIO_DEFAULT });
    expectClose(interior(y, 100), interior(sine(y.length, 1000, 22050), 100), { atol: 2e-3 });
  });

  it.each([
    [16000, 22050],
    [44100, 22050],
  ])(
    'Kaiser best %i → %i Hz: passband within 0.03 dB to 0.9 Nyquist, stopband below −140 dB',
    (fromHz, toHz) => {
      const q = measureResampler(fromHz, toHz, { nTones: 8 });
      expect(q.passbandRippleDb).toBeLessThan(0.03);
      expect(q.worstStopbandDb).toBeLessThan(-140);
    },
  );

  it('the measurement fails clearly on a weaker filter: torchaudio-default Hann lets −10 dB images through', () => {
    const q = measureResampler(16000, 22050, { filter: TORCHAUDIO_DEFAULT, nTones: 8 });
    expect(q.passbandRippleDb).toBeGreaterThan(1);
    expect(q.worstStopbandDb).toBeGreaterThan(-60);
  });

  it('besselI0 matches torch.i0 (float64) at 0, 1, 5 and the Kaiser β', () => {
    const beta = KAISER_BEST.window.kind === 'kaiser' ? KAISER_BEST.window.beta : NaN;
    expectClose(
      [besselI0(0), besselI0(1), besselI0(5), besselI0(beta)],
      [1, 1.2660658777520082, 27.239871823604442, 271903.6406814566],
      { atol: 0, rtol: 1e-14 },
    );
  });

  it('shares kernels between rate pairs of the same ratio: 44100 → 22050 and 48000 → 24000 Hz', () => {
    const fromCd = phaseKernels(sincGeometry(44100, 22050, KAISER_BEST));
    expect(phaseKernels(sincGeometry(48000, 24000, KAISER_BEST))).toBe(fromCd);
    expect(phaseKernels(sincGeometry(2, 1, KAISER_BEST))).toBe(fromCd);
  });

  it('fails clearly when ratios or filters differ: they get their own kernels', () => {
    const twoToOne = phaseKernels(sincGeometry(44100, 22050, KAISER_BEST));
    expect(phaseKernels(sincGeometry(48000, 22050, KAISER_BEST))).not.toBe(twoToOne);
    expect(phaseKernels(sincGeometry(44100, 22050, TORCHAUDIO_DEFAULT))).not.toBe(twoToOne);
  });

  it('fails clearly when a rate is not a positive integer', () => {
    expect(() => resample(new Float32Array(4), 0, 22050)).toThrow(
      /fromHz must be a positive integer number of Hz, got 0/,
    );
    expect(() => resample(new Float32Array(4), 16000, 22050.5)).toThrow(/toHz .* got 22050\.5/);
  });

  it('fails with CancelledError when cancelled', () => {
    expect(() => resample(new Float32Array(1000), 16000, 22050, { signal: { aborted: true } })).toThrow(
      CancelledError,
    );
  });

  it('reports progress up to 1', () => {
    const seen: number[] = [];
    resample(new Float32Array(100_000), 16000, 22050, { onProgress: (f) => seen.push(f) });
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.at(-1)).toBe(1);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
  });
});
