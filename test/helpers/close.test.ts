import { describe, expect, it } from 'vitest';
import { compareArrays, expectClose, formatIndex } from './close';

describe('expectClose', () => {
  it('passes within atol + rtol·|expected| and returns the measured errors', () => {
    const c = expectClose([1, 2.00001, -3], [1, 2, -3.00002], { atol: 1e-5, rtol: 1e-5 });
    expect(c.nFailed).toBe(0);
    expect(c.maxAbsIndex).toBe(2);
    expect(c.maxAbsError).toBeGreaterThan(1.9e-5);
  });

  it('treats NaN as equal to NaN and Infinity as equal to the same Infinity', () => {
    expectClose([NaN, Infinity, -Infinity], [NaN, Infinity, -Infinity], { atol: 0 });
  });

  it('fails clearly: the message has the worst index (as [row, col]), both values and max abs/rel errors', () => {
    const expected = new Float32Array(6).fill(1);
    const actual = expected.slice();
    actual[4] = 1.5;
    actual[1] = 1.00002;
    expect(() => expectClose(actual, expected, { atol: 1e-5, shape: [2, 3], label: 'mel' })).toThrow(
      /mel: 2 of 6 compared values differ beyond atol 0\.00001, rtol 0\n {2}worst at 4 \[1, 1\]: actual 1\.5, expected 1\n {2}max \|Δ\| 0\.5 at 4 \[1, 1\].*\n {2}max rel 0\.5 at 4/,
    );
  });

  it('fails clearly on a length mismatch, on NaN against a number, and when `where` leaves nothing', () => {
    expect(() => expectClose([1, 2], [1, 2, 3])).toThrow(/length 2 differs from expected length 3/);
    expect(() => expectClose([NaN], [0])).toThrow(/worst at 0: actual NaN, expected 0/);
    expect(() => expectClose([1], [1], { where: () => false })).toThrow(/nothing compared/);
  });

  it('compares only where `where` holds', () => {
    const c = compareArrays([0, 100], [0, -20], { where: (e) => e > -9 });
    expect(c).toMatchObject({ nCompared: 1, nFailed: 0 });
    expect(formatIndex(257, [80, 80])).toBe('257 [3, 17]');
  });
});
