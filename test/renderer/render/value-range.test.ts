import { describe, expect, it } from 'vitest';
import {
  drawableRange,
  percentileRange,
  QUANTILE_SAMPLE_LIMIT,
  symmetricRange,
} from '../../../renderer/src/render/value-range';

function ramp(n: number, lo: number, hi: number): Float32Array {
  const values = new Float32Array(n);
  for (let i = 0; i < n; i++) values[i] = lo + ((hi - lo) * i) / (n - 1);
  return values;
}

describe('percentile ranges', () => {
  it('1st–99th percentile of a uniform ramp is within a histogram bin of 1 % and 99 %', () => {
    const range = percentileRange([ramp(100_001, -10, 10)], 0.01, 0.99)!;
    const bin = 20 / 4096;
    expect(Math.abs(range.lo - -9.8)).toBeLessThanOrEqual(2 * bin);
    expect(Math.abs(range.hi - 9.8)).toBeLessThanOrEqual(2 * bin);
  });

  it('pools several arrays (input and output share one range)', () => {
    const range = percentileRange([ramp(1000, 0, 1), ramp(1000, 9, 10)], 0, 1)!;
    expect(range.lo).toBe(0);
    expect(range.hi).toBe(10);
  });

  it('ignores NaN and infinities, and returns null when nothing is finite', () => {
    expect(percentileRange([new Float32Array([Number.NaN, 1, 2, Infinity])], 0, 1)).toEqual({ lo: 1, hi: 2 });
    expect(percentileRange([new Float32Array([Number.NaN])], 0.01, 0.99)).toBeNull();
  });

  it('symmetric range covers |values| and is centred on zero', () => {
    const range = symmetricRange([new Float32Array([-3, 1, 2, -0.5])], 1)!;
    expect(range.lo).toBe(-3);
    expect(range.hi).toBe(3);
  });

  it('fails clearly when the quantiles are out of order', () => {
    expect(() => percentileRange([ramp(10, 0, 1)], 0.9, 0.1)).toThrow(/0 ≤ pLo < pHi ≤ 1/);
  });

  it('drawableRange widens a flat range and replaces a missing one', () => {
    expect(drawableRange({ lo: 2, hi: 2 })).toEqual({ lo: 1.5, hi: 2.5 });
    expect(drawableRange(null)).toEqual({ lo: -11.5, hi: 2 });
  });

  describe('on more values than QUANTILE_SAMPLE_LIMIT (a sample of runs)', () => {
    it('an 8-million-value ramp still gives 1 % and 99 % within two bins', () => {
      const n = 8 * QUANTILE_SAMPLE_LIMIT + 7;
      const range = percentileRange([ramp(n, -10, 10)], 0.01, 0.99)!;
      const bin = 20 / 4096;
      expect(Math.abs(range.lo - -9.8)).toBeLessThanOrEqual(2 * bin);
      expect(Math.abs(range.hi - 9.8)).toBeLessThanOrEqual(2 * bin);
    });

    it('visits every row of a [80, T] spectrogram: a constant per band gives the bands of its quantiles', () => {
      const bands = 80;
      const frames = 60_000; // 4.8 M values: runs of 16 every 80
      const values = new Float32Array(bands * frames);
      for (let band = 0; band < bands; band++) values.fill(band, band * frames, (band + 1) * frames);
      const whole = percentileRange([values], 0, 1)!;
      expect(whole).toEqual({ lo: 0, hi: 79 });
      // Band 40 holds the median's mass; 2 % sits in band 1, 98 % in band 78.
      const range = percentileRange([values], 0.02, 0.98)!;
      const bin = 79 / 4096;
      expect(Math.abs(range.lo - 1)).toBeLessThanOrEqual(2 * bin);
      expect(Math.abs(range.hi - 78)).toBeLessThanOrEqual(2 * bin);
    });

    it('ignores the NaN of a part not yet computed, as on few values', () => {
      const n = 4 * QUANTILE_SAMPLE_LIMIT;
      const values = ramp(n, 0, 1);
      values.fill(Number.NaN, n / 2);
      values[1] = Infinity;
      const range = percentileRange([values], 0, 1)!;
      expect(range.lo).toBe(0);
      expect(range.hi).toBeGreaterThan(0.49);
      expect(range.hi).toBeLessThanOrEqual(0.5);
      expect(symmetricRange([values], 1)!.hi).toBeLessThanOrEqual(0.5);
    });
  });
});
