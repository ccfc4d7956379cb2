import { describe, expect, it } from 'vitest';
import { ShapeMismatchError } from '../../../shared/errors';
import { parseNpz } from '../../../shared/formats/npz';
import { gaussianFilter2d, gaussianKernelHalf } from '../../../shared/demo/gaussian-filter';
import { toFloat32, type Tensor } from '../../../shared/tensor';
import { expectClose } from '../../helpers/close';
import { readFixture } from '../../helpers/fixtures';

const fixture = parseNpz(readFixture('smoothing', 'gaussian.npz'), 'gaussian.npz');
const get = (key: string): { data: Float32Array; rows: number; cols: number } => {
  const tensor = fixture.get(key) as Tensor;
  return { data: toFloat32(tensor), rows: tensor.shape[0]!, cols: tensor.shape[1]! };
};

describe('gaussianFilter2d matches scipy.ndimage.gaussian_filter(mode="nearest")', () => {
  const speech = get('speech_in');
  const cases: [string, string, [number, number], number | undefined][] = [
    ['speech [80,123] sigma (1, 2): the demo smoothing', 'speech_s1_2', [1, 2], undefined],
    ['speech sigma (0, 0.7): axis 0 skipped', 'speech_s0_07', [0, 0.7], undefined],
    ['speech sigma (1.5, 1) truncate 2', 'speech_s15_t2', [1.5, 1], 2],
  ];
  for (const [name, key, sigma, truncate] of cases) {
    it(name, () => {
      const actual = gaussianFilter2d(speech.data, speech.rows, speech.cols, sigma, { truncate });
      // float32 results of the same float64 sums: within one float32 rounding step.
      expectClose(actual, get(key).data, {
        atol: 2e-6,
        rtol: 2e-7,
        shape: [speech.rows, speech.cols],
        label: key,
      });
    });
  }

  it('a [5, 3] array shorter than the kernel radius on both axes (edges repeated)', () => {
    const small = get('small_in');
    const actual = gaussianFilter2d(small.data, 5, 3, [2, 3]);
    expectClose(actual, get('small_s2_3').data, { atol: 1e-6, rtol: 1e-6, shape: [5, 3] });
  });
});

describe('gaussianKernelHalf', () => {
  it('sigma 2 has radius floor(4·2 + 0.5) = 8 and sums to 1 over both sides', () => {
    const half = gaussianKernelHalf(2);
    expect(half.length).toBe(9);
    let sum = half[0]!;
    for (let j = 1; j < half.length; j++) sum += 2 * half[j]!;
    expect(Math.abs(sum - 1)).toBeLessThan(1e-12);
  });

  it('a constant array stays constant', () => {
    const out = gaussianFilter2d(new Float32Array(12).fill(-4.25), 3, 4, [1, 2]);
    expectClose(out, new Float32Array(12).fill(-4.25), { atol: 1e-6 });
  });
});

describe('gaussianFilter2d fails clearly', () => {
  it('when the data does not have nRows × nCols values', () => {
    expect(() => gaussianFilter2d(new Float32Array(10), 3, 4, [1, 2])).toThrow(ShapeMismatchError);
    expect(() => gaussianFilter2d(new Float32Array(10), 3, 4, [1, 2])).toThrow(
      /10 values, expected nRows 3 × nCols 4 = 12/,
    );
  });

  it('when a sigma is negative or not finite', () => {
    expect(() => gaussianFilter2d(new Float32Array(4), 2, 2, [-1, 2])).toThrow(/sigma must be ≥ 0, got -1/);
    expect(() => gaussianFilter2d(new Float32Array(4), 2, 2, [1, NaN])).toThrow(/sigma must be ≥ 0, got NaN/);
  });
});
