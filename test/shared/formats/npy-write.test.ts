import { describe, expect, it } from 'vitest';
import { encodeNpy, encodeNpyFloat32, parseNpy } from '../../../shared/formats/npy';
import { readFixture } from '../../helpers/fixtures';

describe('encodeNpyFloat32', () => {
  it('writes [2, 3] float32 byte for byte as numpy.save does', () => {
    const data = Float32Array.from([0, 1, 2, 3, 4, 5], (x) => x / 4);
    expect(encodeNpyFloat32(data, [2, 3])).toEqual(readFixture('npy', 'f4_2x3.npy'));
  });

  it('writes a 0-d scalar as numpy.save does', () => {
    expect(encodeNpyFloat32(Float32Array.of(1.5), [])).toEqual(readFixture('npy', 'f4_scalar.npy'));
  });

  it('writes [80, 7] as numpy.save does (64-byte aligned header)', () => {
    const data = Float32Array.from({ length: 560 }, (_, i) => (i - 280) / 7);
    expect(encodeNpyFloat32(data, [80, 7])).toEqual(readFixture('npy', 'f4_80x7.npy'));
  });

  it('writes a window into a larger buffer from its own offset (float32 and float64)', () => {
    const whole = Float32Array.of(9, 9, 1, 2, 3, 4, 5, 6, 9);
    expect(encodeNpyFloat32(whole.subarray(2, 8), [2, 3])).toEqual(
      encodeNpyFloat32(Float32Array.of(1, 2, 3, 4, 5, 6), [2, 3]),
    );
    const wide = Float64Array.of(7, 0.1, 0.2, 7);
    const window = parseNpy(encodeNpy({ dtype: 'float64', shape: [2], data: wide.subarray(1, 3) }));
    expect(Array.from(window.data)).toEqual([0.1, 0.2]);
  });

  it('fails clearly when the shape does not match the data length', () => {
    expect(() => encodeNpyFloat32(new Float32Array(5), [2, 3])).toThrow(
      /shape \[2, 3\] holds 6 values, data has 5/,
    );
  });
});
