/**
 * A small matrix as pixels: the microscope's `[rows, columns]` heatmaps (the window, the filter,
 * the products, the row sums, a filter of the gallery). One pixel per column, one per row, or
 * fewer rows when they are squeezed into fewer pixels (512 channels in 256 px), each pixel row
 * then showing its rows' value of largest magnitude with its sign (`absmax`) or their maximum
 * (`max`), as the panes do. Row 0 is at the bottom, as in the panes. Pure: packed RGBA out, the
 * component scales it to its size with smoothing off.
 */
import { rowSpan, type Decimation } from './raster';
import type { ValueRange } from './value-range';

export interface HeatmapRequest {
  /** `[nRows, nCols]` row-major (row r = channel r). */
  values: ArrayLike<number>;
  nRows: number;
  nCols: number;
  range: ValueRange;
  /** 256 packed RGBA colours (colormapPacked). */
  lut: Uint32Array;
  decimation: Decimation;
  /** Pixel rows (≤ nRows); default nRows. */
  rowsPx?: number;
}

/** Pixel rows for `nRows` rows in a box `heightPx` device pixels high. */
export function heatmapRows(nRows: number, heightPx: number): number {
  return Math.max(1, Math.min(nRows, Math.round(heightPx)));
}

/** Packed RGBA, `[rowsPx, nCols]` row-major, top row first (the highest channel). */
export function rasterHeatmap(request: HeatmapRequest): Uint32Array {
  const { values, nRows, nCols, range, lut, decimation } = request;
  const rowsPx = request.rowsPx ?? nRows;
  if (values.length !== nRows * nCols) {
    throw new RangeError(
      `rasterHeatmap: ${values.length} values, [${nRows}, ${nCols}] needs ${nRows * nCols}`,
    );
  }
  if (!Number.isInteger(rowsPx) || rowsPx < 1 || rowsPx > nRows) {
    throw new RangeError(`rasterHeatmap: rowsPx must be an integer in 1…${nRows}, got ${rowsPx}`);
  }
  const pixels = new Uint32Array(rowsPx * nCols);
  const scale = lut.length / (range.hi - range.lo || 1);
  const top = lut.length - 1;
  for (let row = 0; row < rowsPx; row++) {
    const { first, end } = rowSpan(row, rowsPx, nRows);
    for (let col = 0; col < nCols; col++) {
      let value = values[(nRows - 1 - first) * nCols + col]!;
      for (let fromTop = first + 1; fromTop < end; fromTop++) {
        const v = values[(nRows - 1 - fromTop) * nCols + col]!;
        if (decimation === 'max' ? v > value : Math.abs(v) > Math.abs(value)) value = v;
      }
      const position = (value - range.lo) * scale;
      pixels[row * nCols + col] = lut[position <= 0 ? 0 : position >= top ? top : position | 0]!;
    }
  }
  return pixels;
}

/** The cell under a point of a heatmap drawn `width` × `height`: its row (0 at the bottom) and column. */
export function heatmapCellAt(
  x: number,
  y: number,
  width: number,
  height: number,
  nRows: number,
  nCols: number,
): { row: number; col: number } | null {
  if (x < 0 || y < 0 || x >= width || y >= height) return null;
  const col = Math.min(nCols - 1, Math.floor((x / width) * nCols));
  const fromTop = Math.min(nRows - 1, Math.floor((y / height) * nRows));
  return { row: nRows - 1 - fromTop, col };
}

/** A symmetric range ±max|v| (at least ±1e-12), for a diverging map centred on zero. */
export function symmetricHeatmapRange(values: ArrayLike<number>): ValueRange {
  let max = 0;
  for (let i = 0; i < values.length; i++) {
    const m = Math.abs(values[i]!);
    if (m > max) max = m;
  }
  const half = max > 0 ? max : 1e-12;
  return { lo: -half, hi: half };
}
