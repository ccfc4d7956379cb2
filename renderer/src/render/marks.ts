/**
 * What the microscope draws on a pane, over its plot: the pinned cell, the window it reads, its
 * receptive field, and while playing a cover over the frames not yet reached. Marks are in the
 * pane's own data frames and rows; `markBox` places one in CSS pixels of the plot for the current
 * time view (through the pane's FrameMap). Pure.
 */
import type { FrameMap } from './plot';
import type { TimeView } from './view';
import { pxAtFrame } from './view';
import type { RowWindow } from './row-window';

export type PaneMark =
  /** The window `[first, last]` of frames (may reach into the padding) over rows `[firstRow, lastRow]`. */
  | { kind: 'window'; first: number; last: number; firstRow: number; lastRow: number }
  /** The pinned cell: one frame, one row. */
  | { kind: 'cell'; frame: number; row: number }
  /** Frames the pinned cell depends on, over every row. */
  | { kind: 'field'; first: number; last: number }
  /** Frames from `from` on, covered: the output not computed yet while playing. */
  | { kind: 'cover'; from: number };

export interface MarkBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface MarkGeometry {
  view: TimeView;
  frameMap: FrameMap;
  nRows: number;
  nFrames: number;
  /** The plot's size in CSS pixels. */
  width: number;
  height: number;
  /** The rows the plot shows (frequency zoom of a mel pane); all by default. */
  rows?: RowWindow;
}

/** A box at least 2 px wide so a one-frame mark stays visible zoomed out; null when off the plot. */
export function markBox(mark: PaneMark, geometry: MarkGeometry): MarkBox | null {
  const { view, frameMap, nRows, width, height } = geometry;
  const x = (frame: number) => pxAtFrame(view, frameMap.stride * frame + frameMap.offset);
  const rows = geometry.rows ?? { first: 0, count: nRows };
  const yTop = (row: number) => ((rows.first + rows.count - 1 - row) / rows.count) * height;
  let first: number;
  let end: number;
  let top = 0;
  let bottom = height;
  switch (mark.kind) {
    case 'window':
      first = mark.first;
      end = mark.last + 1;
      top = yTop(mark.lastRow);
      bottom = yTop(mark.firstRow - 1);
      break;
    case 'cell':
      first = mark.frame;
      end = mark.frame + 1;
      top = yTop(mark.row);
      bottom = yTop(mark.row - 1);
      break;
    case 'field':
      first = mark.first;
      end = mark.last + 1;
      break;
    case 'cover':
      first = mark.from;
      end = geometry.nFrames;
      break;
  }
  let left = x(first);
  let right = x(end);
  if (mark.kind === 'cover') right = Math.max(right, width);
  if (right - left < 2) {
    const centre = (left + right) / 2;
    left = centre - 1;
    right = centre + 1;
  }
  if (right <= 0 || left >= width) return null;
  const clippedLeft = Math.max(-2, left);
  const clippedRight = Math.min(width + 2, right);
  return { left: clippedLeft, top, width: clippedRight - clippedLeft, height: Math.max(2, bottom - top) };
}
