/**
 * Frequency zoom: which rows (mel bands) a plot shows, as a window `[first, first + count)` of
 * data rows counted from 0 at the bottom. Pure functions; the mel panes share one window (a
 * layer output's channels are always shown whole). Counts are whole rows, so pixel rows keep
 * partitioning the rows shown (raster.ts).
 */

export interface RowWindow {
  /** Lowest row shown (0 = the bottom band). */
  first: number;
  /** Rows shown, ≥ 1. */
  count: number;
}

/** Zoomed in as far as this many rows (or the data's rows when it has fewer). */
export const MIN_ROWS_SHOWN = 4;

export function allRows(nRows: number): RowWindow {
  return { first: 0, count: Math.max(1, nRows) };
}

export function isAllRows(window: RowWindow, nRows: number): boolean {
  return window.first === 0 && window.count >= nRows;
}

/** Whole rows, at least MIN_ROWS_SHOWN (or all), inside `[0, nRows)`. */
export function clampRows(window: RowWindow, nRows: number): RowWindow {
  const least = Math.min(MIN_ROWS_SHOWN, nRows);
  const count = Math.min(nRows, Math.max(least, Math.round(window.count)));
  const first = Math.min(nRows - count, Math.max(0, Math.round(window.first)));
  return first === window.first && count === window.count ? window : { first, count };
}

/**
 * Zooms by `factor` (> 1 shows fewer rows) keeping the row under `anchorFraction` (0 = the plot's
 * top, 1 its bottom) where it is. Every step changes the count by at least one row.
 */
export function zoomRowsAt(
  window: RowWindow,
  factor: number,
  anchorFraction: number,
  nRows: number,
): RowWindow {
  const wanted = window.count / factor;
  const count =
    factor > 1
      ? Math.min(window.count - 1, Math.round(wanted))
      : Math.max(window.count + 1, Math.round(wanted));
  const fromBottom = 1 - Math.min(1, Math.max(0, anchorFraction));
  const anchorRow = window.first + fromBottom * window.count;
  return clampRows({ first: anchorRow - fromBottom * count, count }, nRows);
}

/** Moves the window by `rows` (positive shows higher bands). */
export function panRows(window: RowWindow, rows: number, nRows: number): RowWindow {
  return clampRows({ first: window.first + rows, count: window.count }, nRows);
}

/** The row at a height given as a fraction of the plot from its top (0 ≤ yFraction < 1). */
export function rowAtFractionIn(yFraction: number, window: RowWindow): number {
  const fromTop = Math.min(window.count - 1, Math.max(0, Math.floor(yFraction * window.count)));
  return window.first + window.count - 1 - fromTop;
}

/** The height (fraction of the plot from its top) of a row's centre. */
export function fractionAtRow(row: number, window: RowWindow): number {
  return (window.first + window.count - 1 - row + 0.5) / window.count;
}

/** The window a plot of `nRows` rows uses: the shared one for mel bands, all rows otherwise. */
export function windowFor(rowAxis: 'mel' | 'channel', nRows: number, bands: RowWindow | null): RowWindow {
  return rowAxis === 'mel' && bands ? clampRows(bands, nRows) : allRows(nRows);
}
