/**
 * The crosshair driven from the keyboard (the pane stack focused): ← → move one frame, ↑ ↓ one
 * band (Shift: ten), Home / End jump to the ends, and the view scrolls to keep the cursor in
 * sight. Pure; the pane stack turns the result into the shared hover and view.
 */
import type { Hover } from '../state/navigation';
import { clampView, frameAtPx } from '../render/view';
import type { TimeView, ViewBounds } from '../render/view';
import { clampRows, fractionAtRow, type RowWindow } from '../render/row-window';

/** An input frame and a row of the top pane (mel band 0 at the bottom). */
export interface CursorCell {
  frame: number;
  row: number;
}

export interface CursorLimits {
  nFrames: number;
  nRows: number;
}

const BIG_STEP = 10;

/** Where the cursor appears when the panes get focus: the middle of the view, the middle band. */
export function cursorStart(view: TimeView, bounds: ViewBounds, limits: CursorLimits): CursorCell {
  const frame = Math.floor(frameAtPx(view, bounds.widthPx / 2));
  return {
    frame: Math.min(limits.nFrames - 1, Math.max(0, frame)),
    row: Math.floor(limits.nRows / 2),
  };
}

/** The cell after `key`, or null when the key does not move the cursor. */
export function stepCursor(
  at: CursorCell,
  key: string,
  shift: boolean,
  limits: CursorLimits,
): CursorCell | null {
  const step = shift ? BIG_STEP : 1;
  const moves: Record<string, CursorCell> = {
    ArrowLeft: { frame: at.frame - step, row: at.row },
    ArrowRight: { frame: at.frame + step, row: at.row },
    ArrowUp: { frame: at.frame, row: at.row + step },
    ArrowDown: { frame: at.frame, row: at.row - step },
    Home: { frame: 0, row: at.row },
    End: { frame: limits.nFrames - 1, row: at.row },
  };
  const next = moves[key];
  if (!next) return null;
  return {
    frame: Math.min(limits.nFrames - 1, Math.max(0, next.frame)),
    row: Math.min(limits.nRows - 1, Math.max(0, next.row)),
  };
}

/** The shared hover for a cell: the row's centre as a fraction of the plot height from the top. */
export function cursorHover(cell: CursorCell, nRows: number, rows?: RowWindow): Hover {
  return {
    frame: cell.frame,
    yFraction: rows ? fractionAtRow(cell.row, rows) : (nRows - 1 - cell.row + 0.5) / nRows,
  };
}

/**
 * The band window that shows `row`: `window` itself when it does (or is null: every band shows),
 * else moved just enough (frequency zoom follows the keyboard crosshair).
 */
export function rowsShowing(window: RowWindow | null, row: number, nRows: number): RowWindow | null {
  if (!window || (row >= window.first && row < window.first + window.count)) return window;
  const first = row < window.first ? row : row + 1 - window.count;
  return clampRows({ first, count: window.count }, nRows);
}

/** `view` itself when frame is visible, else the view moved just enough to show it. */
export function viewShowing(view: TimeView, frame: number, bounds: ViewBounds): TimeView {
  const first = view.startFrame;
  const last = frameAtPx(view, bounds.widthPx);
  if (frame >= first && frame + 1 <= last) return view;
  const startFrame = frame < first ? frame : frame + 1 - (last - first);
  return clampView({ ...view, startFrame }, bounds);
}
