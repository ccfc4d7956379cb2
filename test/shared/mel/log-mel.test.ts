import { describe, expect, it } from 'vitest';
import { AudioTooShortError, CancelledError, MelConfigError } from '../../../shared/errors';
import { HIFIGAN_MEL, TACOTRON2_MEL, resolveMelConfig, type MelConfig } from '../../../shared/mel/config';
import { minSamples } from '../../../shared/mel/frames';
import { logMel } from '../../../shared/mel/log-mel';
import { expectClose } from '../../helpers/close';

const SILENCE = Math.log(1e-5);

function sine440(nSamples = 22050): Float32Array {
  return Float32Array.from({ length: nSamples }, (_, n) => 0.5 * Math.sin((2 * Math.PI * 440 * n) / 22050));
}

function column(data: Float32Array, nMels: number, nFrames: number, t: number): Float32Array {
  return Float32Array.from({ length: nMels }, (_, m) => data[m * nFrames + t]!);
}

describe('logMel, tacotron2 preset (TACOTRON2.md test values)', () => {
  it('0.5·sin(2π·440·n/22050), 1 s → [80, 87]; frame 43 peaks at band 11 = 1.442796, mean −9.425709', () => {
    const { data, nMels, nFrames } = logMel(sine440(), TACOTRON2_MEL);
    expect([nMels, nFrames]).toEqual([80, 87]);
    const frame = column(data, nMels, nFrames, 43);
    const peak = frame.indexOf(Math.max(...frame));
    expect(peak).toBe(11);
    expectClose(frame[11]!, 1.442796, { atol: 1e-5 });
    expectClose(frame.reduce((a, b) => a + b, 0) / nMels, -9.425709, { atol: 1e-5 });
  });

  it('zeros → every value ln(1e-5) = −11.512925', () => {
    const { data } = logMel(new Float32Array(5000), TACOTRON2_MEL);
    expectClose(data, new Float32Array(data.length).fill(SILENCE), { atol: 1e-6 });
    expectClose(SILENCE, -11.512925, { atol: 1e-6 });
  });

  it('T = N // hop + 1, frame t centred on sample hop·t', () => {
    for (const n of [513, 1000, 22050, 22051, 256 * 40]) {
      expect(logMel(new Float32Array(n), TACOTRON2_MEL).nFrames, `N=${n}`).toBe(Math.floor(n / 256) + 1);
    }
    // An impulse at sample 256·10 is seen most strongly by frame 10.
    const x = new Float32Array(256 * 20);
    x[256 * 10] = 1;
    const { data, nFrames } = logMel(x, TACOTRON2_MEL);
    const band40 = Array.from({ length: nFrames }, (_, t) => data[40 * nFrames + t]!);
    expect(band40.indexOf(Math.max(...band40))).toBe(10);
  });

  it('the log floor is applied before the log: a tiny signal reaches exactly ln(1e-5) in empty bands', () => {
    const x = Float32Array.from({ length: 4096 }, (_, n) => 1e-9 * Math.sin(n));
    const { data } = logMel(x, TACOTRON2_MEL);
    expect(Math.min(...data)).toBeCloseTo(SILENCE, 6);
  });
});

describe('logMel, hifigan preset', () => {
  it('T = N // hop; the same sine gives [80, 86]', () => {
    expect(logMel(sine440(), HIFIGAN_MEL).nFrames).toBe(86);
    expect(logMel(new Float32Array(256 * 7 + 5), HIFIGAN_MEL).nFrames).toBe(7);
  });

  it('frames sit half a hop later than tacotron2 frames: hifigan frame t ≈ tacotron2 frames t, t+1', () => {
    const x = sine440();
    const taco = logMel(x, TACOTRON2_MEL);
    const hifi = logMel(x, HIFIGAN_MEL);
    // A steady sine: the spectra agree to the window's edge effects; silence stays at the floor.
    const t = 40;
    expectClose(
      column(hifi.data, 80, hifi.nFrames, t).subarray(5, 20),
      column(taco.data, 80, taco.nFrames, t).subarray(5, 20),
      {
        atol: 0.05,
      },
    );
  });

  it('silence is ln(sqrt(1e-9)·Σw) clamped at ln(1e-5): the 1e-9 epsilon is inside the sqrt', () => {
    const { data } = logMel(new Float32Array(2048), HIFIGAN_MEL);
    expectClose(Math.min(...data), SILENCE, { atol: 1e-6 });
  });
});

describe('logMel, custom configs', () => {
  it('winLength < nFft centres the window in the frame, as torch.stft: (nFft − win) / 2 zeros each side', () => {
    const short = resolveMelConfig({ winLength: 512 });
    expect(short.preset).toBe('custom');
    // Frame t sees samples 256·t − 256 … 256·t + 255; an impulse at 256·11 + 44 is seen by frames 11, 12 only.
    const x = new Float32Array(256 * 20);
    x[256 * 11 + 44] = 1;
    const { data, nFrames } = logMel(x, short);
    const loudest = (t: number) => Math.max(...column(data, 80, nFrames, t));
    expect([10, 11, 12, 13].map((t) => loudest(t) > SILENCE + 1)).toEqual([false, true, true, false]);
  });

  it('other sizes work: 16 kHz, nFft 512, hop 160, 40 mels to 7600 Hz', () => {
    const config = resolveMelConfig({
      sampleRateHz: 16000,
      nFft: 512,
      hopLength: 160,
      nMels: 40,
      fMaxHz: 7600,
    });
    const r = logMel(new Float32Array(16000), config);
    expect([r.nMels, r.nFrames]).toEqual([40, 101]);
  });
});

describe('logMel fails clearly', () => {
  it.each([
    ['tacotron2', TACOTRON2_MEL, 513],
    ['hifigan', HIFIGAN_MEL, 385],
  ] as const)('fails clearly when audio is too short for %s: says samples vs minimum', (_, config, min) => {
    expect(minSamples(config)).toBe(min);
    expect(logMel(new Float32Array(min), config).nFrames).toBeGreaterThanOrEqual(1);
    expect(() => logMel(new Float32Array(min - 1), config)).toThrow(AudioTooShortError);
    expect(() => logMel(new Float32Array(min - 1), config)).toThrow(
      new RegExp(`${min - 1} samples at 22050 Hz, the ${config.preset} mel config needs at least ${min}`),
    );
  });

  it('fails clearly when handed an invalid config directly', () => {
    const bad: MelConfig = { ...TACOTRON2_MEL, fMaxHz: 20000 };
    expect(() => logMel(sine440(), bad)).toThrow(MelConfigError);
  });

  it('stops with CancelledError when the signal fires, and reports progress to 1 otherwise', () => {
    expect(() => logMel(sine440(), TACOTRON2_MEL, { signal: { aborted: true } })).toThrow(CancelledError);
    const seen: number[] = [];
    logMel(new Float32Array(22050 * 15), TACOTRON2_MEL, { onProgress: (f) => seen.push(f) }); // 1292 frames: 2 blocks
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.at(-1)).toBe(1);
  });
});
