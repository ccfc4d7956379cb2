/**
 * The filter gallery and the tensor table as data: a layer's filters in the order asked for (by
 * index, or by L2 norm either way), each as a `[in/groups, k]` heatmap on one colour range shared
 * by the whole layer (so colours compare across filters), and a histogram as bar heights. Pure.
 */
import type { Histogram, LayerFilters } from '../../../../shared/api/microscope';
import { symmetricHeatmapRange } from '../../render/heatmap';
import type { ValueRange } from '../../render/value-range';

export type FilterOrder = 'index' | 'norm-desc' | 'norm-asc';

export const FILTER_ORDERS: readonly { order: FilterOrder; label: string }[] = [
  { order: 'index', label: 'by index' },
  { order: 'norm-desc', label: 'L2 norm, largest first' },
  { order: 'norm-asc', label: 'L2 norm, smallest first' },
];

/** The output channels in `order` (ties keep index order). */
export function sortedFilters(norms: Float64Array, order: FilterOrder): number[] {
  const indices = Array.from(norms, (_, o) => o);
  if (order === 'index') return indices;
  const sign = order === 'norm-desc' ? -1 : 1;
  return indices.sort((a, b) => sign * (norms[a]! - norms[b]!) || a - b);
}

/** Filter W[o] `[in/groups, k]`, a view into the layer's weight. */
export function filterValues(filters: LayerFilters, o: number): Float32Array {
  const [, inPerGroup, k] = filters.shape;
  const size = inPerGroup * k;
  return filters.weight.subarray(o * size, (o + 1) * size);
}

/** ±max|w| over the layer: one colour scale for every filter of the gallery. */
export function galleryRange(filters: LayerFilters): ValueRange {
  return symmetricHeatmapRange(filters.weight);
}

/** Bar heights in 0…1 (the fullest bin is 1), one per bin. */
export function histogramBars(histogram: Histogram): number[] {
  const most = histogram.counts.reduce((a, b) => Math.max(a, b), 0);
  return histogram.counts.map((count) => (most > 0 ? count / most : 0));
}
