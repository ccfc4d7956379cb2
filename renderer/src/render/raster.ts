/**
 * The spectrogram → pixels step: maps the visible frame range × all bands (or a layer's channels)
 * to a `[rowsPx, widthPx]` block of packed RGBA pixels (top row = highest band).
 * Pure: no DOM; the pane puts the result into ImageData and scales it to the plot's height.
 *
 * Decimation: device-pixel column x covers frame coordinates [a, b) with
 * a = startFrame + x·f, b = a + f, f = framesPerPixel / pixelRatio. Every frame t with a ≤ t < b
 * belongs to that column, so columns partition the frames and no frame is skipped. When several
 * frames fall into a column the column shows their reduction (`Decimation`): the mean (the
 * default: a short pause stays visible at fit), the maximum (Sonic Visualiser's peak bins: a
 * one-frame event survives any zoom) or the minimum; for signed data (the residual, a layer's
 * output) the value of largest or smallest magnitude with its sign (`absmax`, `absmin`). When a
 * column holds no frame start (zoomed in) it shows the frame under its centre.
 */
import { reducedFor, type ReducedColumns } from './reduced-columns';
import type { TimeView } from './view';
import type { ValueRange } from './value-range';

export type Decimation = 'mean' | 'max' | 'min' | 'absmax' | 'absmin';

export const DECIMATIONS: readonly Decimation[] = ['mean', 'max', 'min', 'absmax', 'absmin'];

export interface RasterRequest {
  /** `[nRows, nFrames]` row-major: mel bands or a layer's channels × frames. */
  data: Float32Array;
  nRows: number;
  nFrames: number;
  view: TimeView;
  /** Output width in device pixels. */
  widthPx: number;
  /** Device pixels per CSS pixel (the view is in CSS pixels). */
  pixelRatio: number;
  range: ValueRange;
  /** 256 packed RGBA colours (see colormapPacked). */
  lut: Uint32Array;
  decimation: Decimation;
  /** Packed RGBA for columns beyond the data. */
  background: number;
  /** Packed RGBA for columns not computed yet (NaN); default `background`. */
  pending?: number;
  /** Output rows (≤ the rows shown); default one per row shown. */
  rowsPx?: number;
  /** The data rows shown, `[rowFirst, rowFirst + rowCount)` counted from 0 at the bottom (frequency zoom); default all. */
  rowFirst?: number;
  rowCount?: number;
}

/** Frame span `[start[x], end[x])` of each device-pixel column; start = −1 outside the data. */
export interface ColumnFrames {
  start: Int32Array;
  end: Int32Array;
}

export function columnFrames(
  view: TimeView,
  widthPx: number,
  pixelRatio: number,
  nFrames: number,
): ColumnFrames {
  const start = new Int32Array(widthPx);
  const end = new Int32Array(widthPx);
  const framesPerDevicePx = view.framesPerPixel / pixelRatio;
  for (let x = 0; x < widthPx; x++) {
    const a = view.startFrame + x * framesPerDevicePx;
    const b = view.startFrame + (x + 1) * framesPerDevicePx; // the next column's a, exactly
    let t0 = Math.ceil(a);
    let t1 = Math.ceil(b);
    if (t1 <= t0) {
      t0 = Math.floor((a + b) / 2);
      t1 = t0 + 1;
    }
    t0 = Math.max(t0, 0);
    t1 = Math.min(t1, nFrames);
    if (t1 <= t0) {
      start[x] = -1;
      end[x] = -1;
    } else {
      start[x] = t0;
      end[x] = t1;
    }
  }
  return { start, end };
}

/**
 * Which rows (bands or channels, 0 at the bottom) output pixel row `row` of `rowsPx` covers when
 * `nRows` rows are squeezed into fewer pixels: `[first, end)`, counted from the top, so the
 * pixel rows partition the data rows. With rowsPx = nRows, pixel row r shows data row nRows−1−r.
 */
export function rowSpan(row: number, rowsPx: number, nRows: number): { first: number; end: number } {
  return { first: Math.floor((row * nRows) / rowsPx), end: Math.floor(((row + 1) * nRows) / rowsPx) };
}

/**
 * Reduces `data[base + t]` for t in [t0, t1) (t1 > t0) as `decimation` says; NaN when any of
 * those frames is NaN (not computed yet), so a column shows as pending until all of it is in.
 */
function reduceFrames(
  data: Float32Array,
  base: number,
  t0: number,
  t1: number,
  decimation: Decimation,
): number {
  let value = data[base + t0]!;
  if (value !== value) return value; // a column not computed yet starts so: no need to read it all
  switch (decimation) {
    case 'mean': {
      let sum = value;
      for (let t = t0 + 1; t < t1; t++) sum += data[base + t]!;
      return sum / (t1 - t0); // NaN propagates through the sum
    }
    case 'max':
      for (let t = t0 + 1; t < t1; t++) {
        const v = data[base + t]!;
        if (v > value) value = v;
        else if (v !== v) return v;
      }
      return value;
    case 'min':
      for (let t = t0 + 1; t < t1; t++) {
        const v = data[base + t]!;
        if (v < value) value = v;
        else if (v !== v) return v;
      }
      return value;
    case 'absmax':
    case 'absmin': {
      let magnitude = Math.abs(value);
      const larger = decimation === 'absmax';
      for (let t = t0 + 1; t < t1; t++) {
        const v = data[base + t]!;
        const m = Math.abs(v);
        if (larger ? m > magnitude : m < magnitude) {
          magnitude = m;
          value = v;
        } else if (v !== v) return v;
      }
      return value;
    }
  }
}

/** Folds one more row's column value into a pixel row's (the mean is summed, then divided); NaN stays NaN. */
function combineRows(kept: number, next: number, decimation: Decimation): number {
  if (next !== next) return next;
  switch (decimation) {
    case 'mean':
      return kept + next;
    case 'max':
      return next > kept ? next : kept;
    case 'min':
      return next < kept ? next : kept;
    case 'absmax':
      return Math.abs(next) > Math.abs(kept) ? next : kept;
    case 'absmin':
      return Math.abs(next) < Math.abs(kept) ? next : kept;
  }
}

/** The rows shown, checked: `[first, first + count)` inside `[0, nRows)`. */
function shownRows(request: RasterRequest): { first: number; count: number } {
  const { nRows } = request;
  const first = request.rowFirst ?? 0;
  const count = request.rowCount ?? nRows - first;
  if (
    !Number.isInteger(first) ||
    !Number.isInteger(count) ||
    first < 0 ||
    count < 1 ||
    first + count > nRows
  ) {
    throw new RangeError(
      `rasterize: rows shown [${first}, ${first + count}) must be integers inside the data's ${nRows} rows`,
    );
  }
  return { first, count };
}

/**
 * Rasterises into `out` (length widthPx · rowsPx) or a new array, and returns it. When rows are
 * squeezed (a 512-channel activation in a 130 px pane), a pixel row shows the same decimation over
 * its rows as a column does over its frames (the mean of the rows' means, the maximum…). With
 * `kept`, the reduced values of the previous draw are reused where they still hold (see
 * ReducedColumns): the pixels are the same as without it, once `kept.deferred` is 0 (columns
 * past its budget are drawn pending until a later draw reduces them).
 */
export function rasterize(request: RasterRequest, out?: Uint32Array, kept?: ReducedColumns): Uint32Array {
  const { data, nRows, nFrames, widthPx, range, lut, decimation, background } = request;
  if (data.length !== nRows * nFrames) {
    throw new RangeError(
      `rasterize: data holds ${data.length} values, [${nRows}, ${nFrames}] needs ${nRows * nFrames}`,
    );
  }
  const shown = shownRows(request);
  const rowsPx = request.rowsPx ?? shown.count;
  if (!Number.isInteger(rowsPx) || rowsPx < 1 || rowsPx > shown.count) {
    throw new RangeError(
      `rasterize: rowsPx must be an integer in 1…${shown.count} (the rows shown), got ${rowsPx}`,
    );
  }
  const pixels = out ?? new Uint32Array(widthPx * rowsPx);
  if (pixels.length !== widthPx * rowsPx) {
    throw new RangeError(`rasterize: out holds ${pixels.length} pixels, needs ${widthPx} × ${rowsPx}`);
  }
  const { start, end } = columnFrames(request.view, widthPx, request.pixelRatio, nFrames);
  const reduced = reducedFor(
    kept,
    request.data,
    [
      nRows,
      nFrames,
      request.view.startFrame,
      request.view.framesPerPixel,
      widthPx,
      request.pixelRatio,
      decimation,
      rowsPx,
      shown.first,
      shown.count,
    ],
    rowsPx,
    widthPx,
  );
  const { values, open } = reduced;
  // The columns to reduce: all of them, or those that held a pending frame last time, as many
  // as the budget allows (the rest wait for the next draw, drawn pending meanwhile).
  const todo: number[] = [];
  const waiting: number[] = [];
  const budget = reduced.budgetValues;
  let planned = 0;
  for (let x = 0; x < widthPx; x++) {
    if (!open[x] || start[x]! < 0) continue;
    const cost = (end[x]! - start[x]!) * shown.count;
    if (todo.length > 0 && planned + cost > budget) waiting.push(x);
    else {
      todo.push(x);
      planned += cost;
    }
  }
  reduced.deferred = waiting.length;
  for (const x of waiting) for (let row = 0; row < rowsPx; row++) values[row * widthPx + x] = Number.NaN;
  const topRow = shown.first + shown.count - 1;
  for (let row = 0; row < rowsPx; row++) {
    const rowBase = row * widthPx;
    const { first, end: last } = rowSpan(row, rowsPx, shown.count);
    for (let fromTop = first; fromTop < last; fromTop++) {
      const dataBase = (topRow - fromTop) * nFrames;
      const firstDataRow = fromTop === first;
      for (const x of todo) {
        const value = reduceFrames(data, dataBase, start[x]!, end[x]!, decimation);
        values[rowBase + x] = firstDataRow ? value : combineRows(values[rowBase + x]!, value, decimation);
      }
    }
  }
  for (const x of todo) {
    let pending = 0;
    for (let row = 0; row < rowsPx && !pending; row++)
      if (values[row * widthPx + x] !== values[row * widthPx + x]) pending = 1;
    open[x] = pending;
  }
  const lo = range.lo;
  const scale = lut.length / (range.hi - range.lo);
  const top = lut.length - 1;
  const pendingColour = request.pending ?? background;
  for (let row = 0; row < rowsPx; row++) {
    const rowBase = row * widthPx;
    const { first, end: last } = rowSpan(row, rowsPx, shown.count);
    const rowsInPixel = decimation === 'mean' ? last - first : 1;
    for (let x = 0; x < widthPx; x++) {
      if (start[x]! < 0) {
        pixels[rowBase + x] = background;
        continue;
      }
      const value = values[rowBase + x]!;
      if (value !== value) {
        pixels[rowBase + x] = pendingColour; // NaN: not computed yet
        continue;
      }
      const position = (value / rowsInPixel - lo) * scale;
      pixels[rowBase + x] = lut[position <= 0 ? 0 : position >= top ? top : position | 0]!;
    }
  }
  return pixels;
}

/** The value at integer frame and row (band or channel), or null outside the data. */
export function valueAt(
  data: Float32Array,
  nRows: number,
  nFrames: number,
  frame: number,
  row: number,
): number | null {
  if (frame < 0 || frame >= nFrames || row < 0 || row >= nRows) return null;
  return data[row * nFrames + frame]!;
}
