import { describe, expect, it } from 'vitest';
import { float16ToNumber, numberToFloat16 } from '../../../shared/formats/float16';

describe('float16', () => {
  it.each([
    [0x0000, 0],
    [0x3c00, 1],
    [0xc000, -2],
    [0x7bff, 65504],
    [0x0400, 2 ** -14],
    [0x0001, 2 ** -24],
    [0x3555, 0.333251953125],
    [0x7c00, Infinity],
    [0xfc00, -Infinity],
  ])('bits %i decode to %d and encode back', (bits, value) => {
    expect(float16ToNumber(bits)).toBe(value);
    expect(numberToFloat16(value)).toBe(bits);
  });

  it('decodes NaN and -0', () => {
    expect(float16ToNumber(0x7e00)).toBeNaN();
    expect(Object.is(float16ToNumber(0x8000), -0)).toBe(true);
  });

  it('rounds half to even like numpy (1 + 2^-11 → 1, 1 + 3·2^-11 → 1 + 2^-9)', () => {
    expect(numberToFloat16(1 + 2 ** -11)).toBe(0x3c00);
    expect(numberToFloat16(1 + 3 * 2 ** -11)).toBe(0x3c02);
    expect(numberToFloat16(65520)).toBe(0x7c00); // overflows to infinity
    expect(numberToFloat16(65519)).toBe(0x7bff);
  });

  it('round-trips every finite bit pattern', () => {
    for (let bits = 0; bits < 0x10000; bits++) {
      if ((bits & 0x7c00) === 0x7c00) continue; // inf / NaN
      expect(numberToFloat16(float16ToNumber(bits))).toBe(bits);
    }
  });
});
