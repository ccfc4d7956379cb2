import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../../shared/model/rng';
import { float32Number } from '../../../shared/explain/report';
import { num } from '../../../shared/explain/report-text';

describe('float32Number: the shortest decimal of a float32', () => {
  it('writes float32(0.1) as 0.1 and keeps exact values', () => {
    expect(float32Number(Math.fround(0.1))).toBe(0.1);
    expect(float32Number(0)).toBe(0);
    expect(float32Number(1.5)).toBe(1.5);
    expect(float32Number(Math.fround(-11.512925))).toBe(-11.512925);
  });

  it('reads back as the same float32, for 10,000 values across magnitudes', () => {
    const rng = new SeededRandom(5);
    for (let i = 0; i < 10_000; i++) {
      const x = Math.fround(rng.uniform(-1, 1) * 10 ** rng.uniform(-30, 30));
      const written = float32Number(x);
      expect(Math.fround(written)).toBe(x);
      const mantissa = written.toExponential().split('e')[0]!.replace(/[-.]/g, '');
      expect(mantissa.length).toBeLessThanOrEqual(9);
    }
  });

  it('leaves numbers that are no float32 as they are (eps 1e-5 is a float64)', () => {
    expect(float32Number(1e-5)).toBe(1e-5);
    expect(float32Number(Number.NaN)).toBeNaN();
  });
});

describe('num: six significant digits for the readable block', () => {
  it('plain for ordinary magnitudes, exponent for tiny and huge ones', () => {
    expect(num(0.123456789)).toBe('0.123457');
    expect(num(-2)).toBe('-2');
    expect(num(0)).toBe('0');
    expect(num(1e-5)).toBe('1e-5');
    expect(num(1.25e-7)).toBe('1.25e-7');
    expect(num(3.5e9)).toBe('3.5e+9');
  });
});
