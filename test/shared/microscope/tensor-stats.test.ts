import { describe, expect, it } from 'vitest';
import { histogramOf, tensorStats } from '../../../shared/explain/tensor-stats';
import { makeTensor, type Tensor } from '../../../shared/tensor';
import { expectClose } from '../../helpers/close';
import { readFixture } from '../../helpers/fixtures';

interface NumpyCase {
  dtype: string;
  values: (number | null)[];
  nonfinite_codes: string[];
  min: number;
  max: number;
  mean: number;
  std: number;
  nonFinite: number;
  histogram: { lo: number; hi: number; counts: number[] };
}

const cases = JSON.parse(new TextDecoder().decode(readFixture('microscope', 'tensor_stats.json'))) as Record<
  string,
  NumpyCase
>;

function tensorOf(c: NumpyCase): Tensor {
  const codes = [...c.nonfinite_codes];
  const values = c.values.map((v) => {
    if (v !== null) return v;
    const code = codes.shift();
    return code === 'nan' ? NaN : code === 'inf' ? Infinity : -Infinity;
  });
  return c.dtype === 'int64'
    ? makeTensor('int64', [values.length], Float64Array.from(values))
    : makeTensor('float32', [values.length], Float32Array.from(values));
}

describe('tensor statistics (the tensors panel)', () => {
  it.each(Object.keys(cases))(
    '%s: min, max, mean, std (ddof 0) and the 32-bin histogram equal numpy',
    (name) => {
      const c = cases[name]!;
      const stats = tensorStats(name, tensorOf(c), true);
      expect([stats.min, stats.max]).toEqual([c.min, c.max]);
      expectClose(stats.mean!, c.mean, { rtol: 1e-12, atol: 1e-15, label: 'mean' });
      expectClose(stats.std!, c.std, { rtol: 1e-12, atol: 1e-15, label: 'std' });
      expect(stats.nonFinite).toBe(c.nonFinite);
      expect(stats.histogram!.counts).toEqual(c.histogram.counts);
      expectClose(stats.histogram!.lo, c.histogram.lo, { atol: 1e-12, label: 'first edge' });
      expectClose(stats.histogram!.hi, c.histogram.hi, { atol: 1e-12, label: 'last edge' });
      expect(stats).toMatchObject({
        key: name,
        shape: [c.values.length],
        numel: c.values.length,
        used: true,
      });
    },
  );

  it('a tensor without finite values has no statistics, and says how many values it holds', () => {
    const stats = tensorStats(
      'x',
      makeTensor('float32', [3], Float32Array.from([NaN, Infinity, NaN])),
      false,
    );
    expect(stats).toEqual({
      key: 'x',
      dtype: 'float32',
      shape: [3],
      numel: 3,
      used: false,
      min: null,
      max: null,
      mean: null,
      std: null,
      nonFinite: 3,
      histogram: null,
    });
  });

  it('a 0-d tensor (num_batches_tracked) is one value in one bin', () => {
    const stats = tensorStats('n', makeTensor('int64', [], Float64Array.of(42)), false);
    expect([stats.min, stats.max, stats.mean, stats.std, stats.numel]).toEqual([42, 42, 42, 0, 1]);
    expect(stats.histogram!.counts.reduce((a, b) => a + b, 0)).toBe(1);
  });

  it('every finite value lands in exactly one bin, the maximum in the last', () => {
    const data = Float32Array.from({ length: 999 }, (_, i) => Math.sin(i) * 3);
    const histogram = histogramOf(data, -3, 3, 7);
    expect(histogram.counts.reduce((a, b) => a + b, 0)).toBe(999);
    expect(histogramOf(Float32Array.of(0, 1, 1), 0, 1, 4).counts).toEqual([1, 0, 0, 2]);
  });
});
