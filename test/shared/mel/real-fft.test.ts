import { describe, expect, it } from 'vitest';
import { RealFftPlan } from '../../../shared/mel/real-fft';
import { expectClose } from '../../helpers/close';

/** X[k] = Σ x[n]·e^(−2πikn/N) by the definition, angles reduced mod N so they stay exact. */
function naiveDft(x: Float64Array): { re: Float64Array; im: Float64Array } {
  const n = x.length;
  const re = new Float64Array(n / 2 + 1);
  const im = new Float64Array(n / 2 + 1);
  for (let k = 0; k <= n / 2; k++) {
    for (let j = 0; j < n; j++) {
      const angle = (2 * Math.PI * ((k * j) % n)) / n;
      re[k] = re[k]! + x[j]! * Math.cos(angle);
      im[k] = im[k]! - x[j]! * Math.sin(angle);
    }
  }
  return { re, im };
}

describe('RealFftPlan (complex FFT of size/2 and a split pass)', () => {
  it('equals the DFT definition for every power of two from 2 to 4096', () => {
    for (let size = 2; size <= 4096; size *= 2) {
      const x = Float64Array.from({ length: size }, (_, i) => Math.sin(i * 1.3) + ((i * 7) % 5) / 5 - 0.4);
      const plan = new RealFftPlan(size);
      const re = new Float64Array(plan.nBins);
      const im = new Float64Array(plan.nBins);
      plan.forward(x, re, im);
      const expected = naiveDft(x);
      const atol = 1e-12 * size;
      expectClose(re, expected.re, { atol, label: `re, size ${size}` });
      expectClose(im, expected.im, { atol, label: `im, size ${size}` });
    }
  });

  it('windowed packing from float32 samples at an offset equals windowing first', () => {
    const samples = Float32Array.from({ length: 2000 }, (_, i) => Math.cos(i * 0.05) * 0.7);
    const window = Float64Array.from(
      { length: 1024 },
      (_, i) => 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / 1024),
    );
    const plan = new RealFftPlan(1024);
    const a = { re: new Float64Array(513), im: new Float64Array(513) };
    const b = { re: new Float64Array(513), im: new Float64Array(513) };
    plan.forwardWindowed(samples, 333, window, a.re, a.im);
    plan.forward(
      Float64Array.from(window, (w, i) => samples[333 + i]! * w),
      b.re,
      b.im,
    );
    expect(Array.from(a.re)).toEqual(Array.from(b.re));
    expect(Array.from(a.im)).toEqual(Array.from(b.im));
  });

  it('asking for fewer bins computes those bins alone, the same numbers', () => {
    const x = Float64Array.from({ length: 256 }, (_, i) => Math.sin(i * i * 0.001));
    const plan = new RealFftPlan(256);
    const all = { re: new Float64Array(129), im: new Float64Array(129) };
    const few = { re: new Float64Array(129).fill(7), im: new Float64Array(129).fill(7) };
    plan.forward(x, all.re, all.im);
    plan.forward(x, few.re, few.im, 40);
    expect(Array.from(few.re.subarray(0, 40))).toEqual(Array.from(all.re.subarray(0, 40)));
    expect(few.re[40]).toBe(7);
  });

  it('refuses a size that is not a power of two ≥ 2', () => {
    for (const size of [0, 1, 3, 1000, 2.5]) expect(() => new RealFftPlan(size)).toThrow(RangeError);
  });
});
