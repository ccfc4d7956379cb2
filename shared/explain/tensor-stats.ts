/**
 * One tensor summarised, as a reader of a state_dict wants it: min, max, mean, standard deviation
 * (population, ddof 0: numpy's `np.std`, not torch's default unbiased `Tensor.std`) and a histogram
 * of its finite values, NaN and ±Infinity counted apart. Sums in float64.
 */
import type { Histogram, TensorStats } from '../api/microscope';
import { numel, type Tensor } from '../tensor';

/** Bins of every histogram (the panel draws them 2 px wide). */
export const HISTOGRAM_BINS = 32;

/**
 * numpy.histogram's bins over [lo, hi]: equal widths, edges `lo + i · (hi − lo) / bins`, each bin
 * [left, right) but the last closed on the right. A constant tensor (lo = hi) puts everything in
 * one bin of [lo − 0.5, hi + 0.5] as numpy does.
 */
export function histogramOf(
  data: ArrayLike<number>,
  lo: number,
  hi: number,
  bins = HISTOGRAM_BINS,
): Histogram {
  const [left, right] = lo === hi ? [lo - 0.5, hi + 0.5] : [lo, hi];
  const counts = new Array<number>(bins).fill(0);
  const width = (right - left) / bins;
  for (let i = 0; i < data.length; i++) {
    const value = data[i]!;
    if (value - value !== 0) continue; // NaN or ±Infinity
    let bin = Math.floor((value - left) / width);
    if (bin >= bins) bin = bins - 1;
    // numpy compares against the edges themselves: a value that rounds below its edge moves up a bin
    if (bin + 1 < bins && value >= left + (bin + 1) * width) bin++;
    else if (bin > 0 && value < left + bin * width) bin--;
    counts[bin]!++;
  }
  return { lo: left, hi: right, counts };
}

/** The statistics of one tensor of a state_dict (`used`: whether the stack was built from it). */
export function tensorStats(key: string, tensor: Tensor, used: boolean, bins = HISTOGRAM_BINS): TensorStats {
  const { data } = tensor;
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let finite = 0;
  for (let i = 0; i < data.length; i++) {
    const value = data[i]!;
    if (value - value !== 0) continue;
    finite++;
    sum += value;
    if (value < min) min = value;
    if (value > max) max = value;
  }
  const about = { key, dtype: tensor.dtype, shape: [...tensor.shape], numel: numel(tensor.shape), used };
  const nonFinite = data.length - finite;
  if (finite === 0) {
    return { ...about, min: null, max: null, mean: null, std: null, nonFinite, histogram: null };
  }
  const mean = sum / finite;
  let squares = 0; // two passes: the mean first, so the variance does not cancel
  for (let i = 0; i < data.length; i++) {
    const value = data[i]!;
    if (value - value === 0) squares += (value - mean) * (value - mean);
  }
  return {
    ...about,
    min,
    max,
    mean,
    std: Math.sqrt(squares / finite),
    nonFinite,
    histogram: histogramOf(data, min, max, bins),
  };
}
