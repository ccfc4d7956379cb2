import { describe, expect, it } from 'vitest';
import { decimalsFor, niceStep, niceTicks } from '../../../renderer/src/render/ticks';

describe('nice ticks', () => {
  it('niceStep rounds up to 1, 2 or 5 × 10^k', () => {
    expect(niceStep(0.13)).toBeCloseTo(0.2, 12);
    expect(niceStep(3)).toBe(5);
    expect(niceStep(7)).toBe(10);
    expect(niceStep(1)).toBe(1);
    expect(niceStep(0.001)).toBeCloseTo(0.001, 15);
  });

  it('ticks cover [lo, hi] at the step and print with the step’s decimals', () => {
    const ticks = niceTicks(0.3, 2.1, 0.4);
    expect(ticks.map((t) => t.label)).toEqual(['0.5', '1.0', '1.5', '2.0']);
    expect(niceTicks(-11.5, 2, 3).map((t) => t.label)).toEqual(['-10', '-5', '0']);
  });

  it('decimalsFor counts the digits a step needs', () => {
    expect(decimalsFor(0.25)).toBe(2);
    expect(decimalsFor(5)).toBe(0);
    expect(decimalsFor(0.1)).toBe(1);
  });

  it('fails clearly when the step is not positive', () => {
    expect(() => niceStep(0)).toThrow(/step must be > 0/);
    expect(() => niceStep(Number.NaN)).toThrow(/step must be > 0/);
  });

  it('returns no ticks for an empty range', () => {
    expect(niceTicks(1, 1, 0.1)).toEqual([]);
  });
});
