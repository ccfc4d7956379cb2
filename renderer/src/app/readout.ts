/** The numbers under the crosshair, per pane: pure, so the readout's arithmetic is unit-tested. */
import { rowAtFraction } from '../render/pane-layout';
import { columnOfFrame } from '../render/plot';
import { valueAt } from '../render/raster';
import type { Hover } from '../state/navigation';
import { layerFrameAt } from './frame-map';
import type { PaneSpec } from './panes';
import { rowAtFractionIn, type RowWindow } from '../render/row-window';

/** `+0.5287`, `−8.9831`: a fixed width with a real minus sign. */
export function formatValue(value: number | null): string {
  if (value === null) return '—';
  return (value < 0 ? '−' : value > 0 ? '+' : ' ') + Math.abs(value).toFixed(4);
}

/**
 * What a pane holds under the crosshair: its own frame (a layer output's frames may be mapped),
 * its own row (band or channel at the crosshair's height) and the value there (null outside).
 */
export function paneCell(
  pane: Pick<PaneSpec, 'frameMap' | 'nRows' | 'nFrames' | 'data' | 'window'>,
  hover: Pick<Hover, 'frame' | 'yFraction'>,
  /** The rows the pane shows (frequency zoom); all by default. */
  rows?: RowWindow,
): { frame: number; row: number; value: number | null } {
  const frame = layerFrameAt(pane.frameMap, hover.frame);
  const row = rows ? rowAtFractionIn(hover.yFraction, rows) : rowAtFraction(hover.yFraction, pane.nRows);
  const column = columnOfFrame(pane.window, frame);
  const value = pane.data ? valueAt(pane.data, pane.nRows, pane.nFrames, column, row) : null;
  return { frame, row, value };
}
