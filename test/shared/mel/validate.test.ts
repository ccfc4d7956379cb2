import { describe, expect, it } from 'vitest';
import { MelConfigError } from '../../../shared/errors';
import { resolveMelConfig, TACOTRON2_MEL } from '../../../shared/mel/config';
import { melFilterbank } from '../../../shared/mel/filterbank';
import { MAX_N_FFT, MAX_N_MELS, MAX_SAMPLE_RATE_HZ } from '../../../shared/mel/limits';
import { firstEmptyBand } from '../../../shared/mel/validate';

type BankConfig = Parameters<typeof firstEmptyBand>[0];

/** The rule as the filterbank itself applies it: the first row with no non-zero weight, or −1. */
function firstEmptyRow(config: BankConfig): number {
  const bank = melFilterbank(config);
  for (let m = 0; m < bank.nMels; m++) if (bank.endBin[m]! <= bank.firstBin[m]!) return m;
  return -1;
}

/** Small deterministic generator (mulberry32) so a failing config can be reproduced. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('firstEmptyBand (band edges only, no filterbank)', () => {
  it('agrees with the built filterbank on 1,500 random configs, empty and not', () => {
    const next = random(20260);
    const rates = [8000, 16000, 22050, 24000, 44100, 48000, 11025, 12800, 6400, 22051];
    let empties = 0;
    for (let i = 0; i < 1500; i++) {
      const sampleRateHz = rates[Math.floor(next() * rates.length)]!;
      const nFft = 2 ** (2 + Math.floor(next() * 10));
      const nyquist = sampleRateHz / 2;
      const fMinHz = next() < 0.5 ? 0 : Math.round(next() * nyquist * 0.5);
      const fMaxHz = next() < 0.3 ? nyquist : fMinHz + 1 + Math.round(next() * (nyquist - fMinHz - 1));
      const nMels = 1 + Math.floor(next() * Math.min(400, nFft));
      const config = { sampleRateHz, nFft, nMels, fMinHz, fMaxHz };
      const expected = firstEmptyRow(config);
      if (expected >= 0) empties++;
      expect(firstEmptyBand(config), JSON.stringify(config)).toBe(expected);
    }
    expect(empties).toBeGreaterThan(100);
    expect(empties).toBeLessThan(1400);
  });

  it('a bin exactly on a lower band edge has weight 0 (Slaney triangles): band 0 of 0–1000 Hz at 500 Hz bins', () => {
    // 9 bands over 0–1000 Hz: band 0 spans 0–200 Hz and holds only bin 0, on its lower edge.
    const config = { sampleRateHz: 16000, nFft: 32, nMels: 9, fMinHz: 0, fMaxHz: 1000 };
    expect(melFilterbank(config).weights[0]).toBe(0);
    expect(firstEmptyRow(config)).toBe(0);
    expect(firstEmptyBand(config)).toBe(0);
  });

  it('a bin exactly on an upper band edge has weight 0: band 2 of 250–1000 Hz ends on the 1000 Hz bin', () => {
    // Edges 250, 437.5, 625, 812.5, 1000 Hz; bins 0, 500, 1000, … Hz: bands 0 and 1 hold 500 Hz.
    const config = { sampleRateHz: 4000, nFft: 8, nMels: 3, fMinHz: 250, fMaxHz: 1000 };
    const bank = melFilterbank(config);
    expect(bank.edgesHz[4]).toBe(1000);
    expect(bank.weights[2 * bank.nBins + 2]).toBe(0);
    expect(firstEmptyRow(config)).toBe(2);
    expect(firstEmptyBand(config)).toBe(2);
  });

  it('the presets have no empty band', () => {
    expect(firstEmptyBand(TACOTRON2_MEL)).toBe(-1);
  });

  it('fails clearly when bands outnumber the bins: tacotron2 with 400 bands has an empty band', () => {
    expect(firstEmptyBand({ ...TACOTRON2_MEL, nMels: 400 })).toBeGreaterThanOrEqual(0);
  });
});

describe('mel settings limits (shared/mel/limits.ts)', () => {
  it('accepts every limit itself', () => {
    expect(resolveMelConfig({ nFft: MAX_N_FFT }).nFft).toBe(MAX_N_FFT);
    expect(resolveMelConfig({ nFft: MAX_N_FFT, nMels: MAX_N_MELS, sampleRateHz: 96000 }).nMels).toBe(
      MAX_N_MELS,
    );
    expect(resolveMelConfig({ sampleRateHz: MAX_SAMPLE_RATE_HZ, nFft: MAX_N_FFT }).sampleRateHz).toBe(
      MAX_SAMPLE_RATE_HZ,
    );
  });

  it('fails fast (< 50 ms) and clearly on nMels 100000 with the largest FFT', () => {
    const start = performance.now();
    expect(() => resolveMelConfig({ nFft: 65536, nMels: 100000 })).toThrow(MelConfigError);
    const elapsedMs = performance.now() - start;
    expect(() => resolveMelConfig({ nFft: 65536, nMels: 100000 })).toThrow(
      `nMels must be at most ${MAX_N_MELS}, got 100000`,
    );
    expect(elapsedMs).toBeLessThan(50);
  });

  it('checks emptiness of the largest allowed bank fast (< 50 ms), without building it', () => {
    const start = performance.now();
    expect(() => resolveMelConfig({ nFft: 512, nMels: MAX_N_MELS })).toThrow(/covers no FFT bin/);
    expect(resolveMelConfig({ nFft: MAX_N_FFT, nMels: 2000 }).nMels).toBe(2000);
    expect(performance.now() - start).toBeLessThan(50);
  });

  const failures: [string, Parameters<typeof resolveMelConfig>[0], string][] = [
    [
      'nFft above the limit',
      { nFft: 2 * MAX_N_FFT },
      `nFft must be at most ${MAX_N_FFT}, got ${2 * MAX_N_FFT}`,
    ],
    ['nFft far above the limit', { nFft: 3 * 2 ** 32 }, `nFft must be at most ${MAX_N_FFT}`],
    ['nMels above the limit', { nMels: MAX_N_MELS + 1 }, `nMels must be at most ${MAX_N_MELS}, got 4097`],
    [
      'sample rate above the limit',
      { sampleRateHz: MAX_SAMPLE_RATE_HZ + 1 },
      `sampleRateHz must be at most ${MAX_SAMPLE_RATE_HZ}, got 1000001`,
    ],
  ];
  it.each(failures)('fails clearly: %s', (_, options, message) => {
    expect(() => resolveMelConfig(options)).toThrow(MelConfigError);
    expect(() => resolveMelConfig(options)).toThrow(message);
  });
});
