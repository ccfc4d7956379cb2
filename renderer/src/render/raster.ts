/**
 * The spectrogram → pixels step: maps the visible frame range × all bands (or a layer's channels)
 * to a `[rowsPx, widthPx]` block of packed RGBA pixels (top row = highest band).
 * Pure: no DOM; the pane puts the result into ImageData and scales it to the plot's height.
 *
 * Decimation: device-pixel column x covers frame coordinates [a, b) with
 * a = startFrame + x·f, b = a + f, f = framesPerPixel / pixelRatio. Every frame t with a ≤ t < b
 * belongs to that column, so columns partition the frames and no frame is skipped. When several
 * frames fall into a column the column shows their maximum (`max`, like Sonic Visualiser's peak
 * bins: short loud events stay visible however far out you zoom) or, for the diverging residual,
 * the value of largest magnitude with its sign (`absmax`). When a column holds no frame start
 * (zoomed in) it shows the frame under its centre.
 */
import type { TimeView } from './view';
import type { ValueRange } from './value-range';

export type Decimation = 'max' | 'absmax';

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
  /** Output rows (≤ nRows); default nRows, one row per band or channel. */
  rowsPx?: number;
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
 * Rasterises into `out` (length widthPx · rowsPx) or a new array, and returns it. When rows are
 * squeezed (a 512-channel activation in a 130 px pane), a pixel row shows the same decimation over
 * its rows as a column does over its frames: the maximum, or the largest magnitude with its sign.
 */
export function rasterize(request: RasterRequest, out?: Uint32Array): Uint32Array {
  const { data, nRows, nFrames, widthPx, range, lut, decimation, background } = request;
  const rowsPx = request.rowsPx ?? nRows;
  if (data.length !== nRows * nFrames) {
    throw new RangeError(
      `rasterize: data holds ${data.length} values, [${nRows}, ${nFrames}] needs ${nRows * nFrames}`,
    );
  }
  if (!Number.isInteger(rowsPx) || rowsPx < 1 || rowsPx > nRows) {
    throw new RangeError(
      `rasterize: rowsPx must be an integer in 1…${nRows} (the data's rows), got ${rowsPx}`,
    );
  }
  const pixels = out ?? new Uint32Array(widthPx * rowsPx);
  if (pixels.length !== widthPx * rowsPx) {
    throw new RangeError(`rasterize: out holds ${pixels.length} pixels, needs ${widthPx} × ${rowsPx}`);
  }
  const { start, end } = columnFrames(request.view, widthPx, request.pixelRatio, nFrames);
  const lo = range.lo;
  const scale = lut.length / (range.hi - range.lo);
  const top = lut.length - 1;
  const absmax = decimation === 'absmax';
  const columns = new Float32Array(widthPx);
  for (let row = 0; row < rowsPx; row++) {
    const rowBase = row * widthPx;
    const { first, end: last } = rowSpan(row, rowsPx, nRows);
    for (let fromTop = first; fromTop < last; fromTop++) {
      const dataBase = (nRows - 1 - fromTop) * nFrames;
      const firstDataRow = fromTop === first;
      for (let x = 0; x < widthPx; x++) {
        const t0 = start[x]!;
        if (t0 < 0) continue;
        const t1 = end[x]!;
        let value = data[dataBase + t0]!;
        if (!absmax) {
          for (let t = t0 + 1; t < t1; t++) {
            const v = data[dataBase + t]!;
            if (v > value) value = v;
          }
          if (firstDataRow || value > columns[x]!) columns[x] = value;
        } else {
          let magnitude = Math.abs(value);
          for (let t = t0 + 1; t < t1; t++) {
            const v = data[dataBase + t]!;
            const m = Math.abs(v);
            if (m > magnitude) {
              magnitude = m;
              value = v;
            }
          }
          if (firstDataRow || magnitude > Math.abs(columns[x]!)) columns[x] = value;
        }
      }
    }
    for (let x = 0; x < widthPx; x++) {
      if (start[x]! < 0) {
        pixels[rowBase + x] = background;
        continue;
      }
      const position = (columns[x]! - lo) * scale; // NaN falls through to entry 0
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
