import { describe, expect, it } from 'vitest';
import { medianOf } from './median';

describe('medianOf', () => {
  it('is the middle value, the upper one of an even count, whatever the order', () => {
    expect(medianOf([5, 1, 3])).toBe(3);
    expect(medianOf([4, 1, 3, 2])).toBe(3);
    expect(medianOf([7])).toBe(7);
  });

  it('fails clearly when there are no values', () => {
    expect(() => medianOf([])).toThrow('medianOf: no values');
  });
});
