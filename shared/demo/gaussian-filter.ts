/**
 * scipy.ndimage.gaussian_filter on a 2-D float32 array, ported exactly for mode='nearest'
 * (edges repeated), order 0 and any truncate (scipy's default 4.0):
 *   - per axis with sigma > 1e-15, in axis order (rows first, then columns): a kernel of
 *     radius = floor(truncate·sigma + 0.5), w[j] = exp(−j² / (2σ²)) normalised to sum 1;
 *   - each output value is computed in float64 as scipy's symmetric correlate1d sums it,
 *     x[i]·w[0] + Σ_{j=r…1} (x[i−j] + x[i+j])·w[j], and stored as float32 before the next axis
 *     runs (scipy writes each pass into the float32 output array).
 */
import { ShapeMismatchError } from '../errors';

export interface GaussianFilterOptions {
  /** scipy's `truncate`: the kernel reaches truncate·sigma samples either side. Default 4. */
  truncate?: number;
}

/** scipy `_gaussian_kernel1d(sigma, 0, radius)`'s centre and right half: `[w0, w1, …, w_radius]`. */
export function gaussianKernelHalf(sigma: number, truncate = 4): Float64Array {
  const radius = Math.floor(truncate * sigma + 0.5);
  const half = new Float64Array(radius + 1);
  for (let j = 0; j <= radius; j++) half[j] = Math.exp((-0.5 / (sigma * sigma)) * j * j);
  // Summed over arange(−r, r + 1) from the left, as numpy does for these short kernels.
  let sum = 0;
  for (let j = -radius; j <= radius; j++) sum += half[Math.abs(j)]!;
  for (let j = 0; j <= radius; j++) half[j] = half[j]! / sum;
  return half;
}

/**
 * The filtered copy of `data` `[nRows, nCols]` row-major, with `sigma` = [along rows' index
 * (axis 0), along columns' index (axis 1)], e.g. a mel `[nMels, nFrames]` with sigma [1, 2]
 * blurs 1 band across frequency and 2 frames across time.
 */
export function gaussianFilter2d(
  data: Float32Array,
  nRows: number,
  nCols: number,
  sigma: readonly [number, number],
  options: GaussianFilterOptions = {},
): Float32Array {
  if (data.length !== nRows * nCols) {
    throw new ShapeMismatchError(
      `gaussianFilter2d: data has ${data.length} values, expected nRows ${nRows} × nCols ${nCols} = ${nRows * nCols}`,
    );
  }
  for (const s of sigma) {
    if (!Number.isFinite(s) || s < 0) throw new RangeError(`gaussianFilter2d: sigma must be ≥ 0, got ${s}`);
  }
  const truncate = options.truncate ?? 4;
  let current: Float32Array = Float32Array.from(data);
  if (sigma[0] > 1e-15) {
    current = filterAxis(current, nCols, nRows, 1, nCols, gaussianKernelHalf(sigma[0], truncate));
  }
  if (sigma[1] > 1e-15) {
    current = filterAxis(current, nRows, nCols, nCols, 1, gaussianKernelHalf(sigma[1], truncate));
  }
  return current;
}

/**
 * Correlates every line of `input` with the symmetric kernel `half`: `nLines` lines of `length`
 * values, line l's value i at `l·lineStride + i·step`. Edges repeat the first and last value.
 */
function filterAxis(
  input: Float32Array,
  nLines: number,
  length: number,
  lineStride: number,
  step: number,
  half: Float64Array,
): Float32Array {
  const out = new Float32Array(input.length);
  const radius = half.length - 1;
  const line = new Float64Array(length + 2 * radius);
  for (let l = 0; l < nLines; l++) {
    const base = l * lineStride;
    for (let i = 0; i < line.length; i++) {
      const src = Math.min(length - 1, Math.max(0, i - radius));
      line[i] = input[base + src * step]!;
    }
    for (let i = 0; i < length; i++) {
      const c = i + radius;
      let sum = line[c]! * half[0]!;
      for (let j = radius; j >= 1; j--) sum += (line[c - j]! + line[c + j]!) * half[j]!;
      out[base + i * step] = sum;
    }
  }
  return out;
}
