import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../../shared/model/rng';

describe('SeededRandom (xoshiro128** seeded by SplitMix32)', () => {
  it('gives the same stream for the same seed and a different one for another seed', () => {
    const a = new SeededRandom(1234);
    const b = new SeededRandom(1234);
    const c = new SeededRandom(1235);
    const first = Array.from({ length: 5 }, () => a.nextUint32());
    expect(Array.from({ length: 5 }, () => b.nextUint32())).toEqual(first);
    expect(Array.from({ length: 5 }, () => c.nextUint32())).not.toEqual(first);
  });

  it('gives unsigned 32-bit integers and units in [0, 1) exact in float32', () => {
    const rng = new SeededRandom(7);
    for (let i = 0; i < 10_000; i++) {
      const u = rng.nextUnit();
      expect(u >= 0 && u < 1).toBe(true);
      expect(Math.fround(u)).toBe(u);
      const n = rng.nextUint32();
      expect(Number.isInteger(n) && n >= 0 && n <= 0xffffffff).toBe(true);
    }
  });

  it('is roughly uniform (mean 1/2, variance 1/12 over 100,000 draws)', () => {
    const rng = new SeededRandom(99);
    let sum = 0;
    let sumSq = 0;
    const n = 100_000;
    for (let i = 0; i < n; i++) {
      const u = rng.nextUnit();
      sum += u;
      sumSq += u * u;
    }
    const mean = sum / n;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.005);
    expect(Math.abs(sumSq / n - mean * mean - 1 / 12)).toBeLessThan(0.002);
  });

  it('takes any number as a seed, mod 2^32', () => {
    expect(new SeededRandom(-1).nextUint32()).toBe(new SeededRandom(0xffffffff).nextUint32());
  });
});
