/**
 * One pane's reduced column values (render/raster.ts reduces the frames of each pixel column,
 * then colours them), kept between its draws: while a result fills in, a redraw
 * reduces again only the columns that held a frame not computed yet (NaN), not the whole file
 * (10 minutes are 4.1 M values a pane). Valid because a shown array changes in one way only: a
 * result's frames go from NaN to their values (result-fill.ts), once; any other change is a new
 * array. Reused when the array and everything that decides which frames and rows a pixel covers
 * are the same; the colour range and map are applied after, so they may change.
 */
export interface ReducedColumns {
  data: Float32Array | null;
  key: string;
  /** `[rowsPx, widthPx]`: each pixel's reduced value, before the colour map. */
  values: Float32Array;
  /** Per column: 1 when it must be reduced (again) at the next draw. */
  open: Uint8Array;
  /**
   * At most this many values are read in one draw (at least one column is always reduced): the
   * columns past it are left open and drawn as pending, and the caller draws again in the next
   * frame, so the first draw of an hour (25 M values) is a few short frames, not one long one.
   */
  budgetValues: number;
  /** Set by each draw: how many columns it left for the next because of the budget (0: complete). */
  deferred: number;
}

/**
 * Reduced columns for one pane: `budgetValues` values read per draw at most (the default, none);
 * the screen's panes pass DRAW_BUDGET_VALUES.
 */
export function createReducedColumns(budgetValues = Infinity): ReducedColumns {
  return {
    data: null,
    key: '',
    values: new Float32Array(0),
    open: new Uint8Array(0),
    budgetValues,
    deferred: 0,
  };
}

/**
 * The values one screen draw reads at most: 2 M, about 3–10 ms on these machines once the code
 * is optimised (≈ 25 ms the first time, or when the page shares its cores with the workers).
 */
export const DRAW_BUDGET_VALUES = 2_000_000;

/**
 * `kept` when it was reduced from `data` with the same `geometry` (everything that decides which
 * frames and rows a pixel covers), else it (or a new one) reset for `[rowsPx, widthPx]` with every
 * column open.
 */
export function reducedFor(
  kept: ReducedColumns | undefined,
  data: Float32Array,
  geometry: readonly (number | string)[],
  rowsPx: number,
  widthPx: number,
): ReducedColumns {
  const key = geometry.join(' ');
  const reduced = kept ?? createReducedColumns();
  if (reduced.data === data && reduced.key === key) return reduced;
  reduced.data = data;
  reduced.key = key;
  if (reduced.values.length !== rowsPx * widthPx) reduced.values = new Float32Array(rowsPx * widthPx);
  if (reduced.open.length !== widthPx) reduced.open = new Uint8Array(widthPx);
  reduced.open.fill(1);
  return reduced;
}
