/**
 * What the microscope draws on each pane for the pinned cell, derived from the layers alone (so a
 * step moves the marks at once, before its explanation arrives): the cell on the pane of its
 * layer, the window on the pane of the layer before it (the input for layer 0), the receptive
 * field on every pane of a layer it depends on, and while playing a cover over the frames after it.
 * Pure.
 */
import type { LayerSummary } from '../../../../shared/api/contract';
import { inputSpanOf, traceReceptiveField } from '../../../../shared/explain/receptive-field';
import type { PaneMark } from '../../render/marks';
import type { PinnedCell } from './state';

/** A pane as the marks see it: its key and the layer whose output it shows (−1: the input). */
export interface MarkedPane {
  key: string;
  layer: number;
}

export type MarksByPane = Readonly<Record<string, readonly PaneMark[]>>;

/** The window's frames and input channels for a cell of `layers[cell.layer]`. */
export function windowOf(layers: readonly LayerSummary[], cell: PinnedCell) {
  const layer = layers[cell.layer]!;
  const span = inputSpanOf(layer, { first: cell.frame, last: cell.frame });
  const inPerGroup = layer.inChannels / layer.groups;
  const outPerGroup = layer.outChannels / layer.groups;
  const firstRow = Math.floor(cell.channel / outPerGroup) * inPerGroup;
  return { ...span, firstRow, lastRow: firstRow + inPerGroup - 1 };
}

export function cellMarks(
  layers: readonly LayerSummary[],
  cell: PinnedCell | null,
  panes: readonly MarkedPane[],
  playing: boolean,
): MarksByPane {
  const marks: Record<string, PaneMark[]> = {};
  if (!cell || !layers[cell.layer]) return marks;
  const trace = traceReceptiveField(layers, cell.layer, cell.frame);
  const window = windowOf(layers, cell);
  for (const pane of panes) {
    const list: PaneMark[] = [];
    if (pane.layer === -1) list.push({ kind: 'field', ...trace.input });
    else if (pane.layer < cell.layer - 1) list.push({ kind: 'field', ...trace.layers[pane.layer]! });
    if (pane.layer === cell.layer - 1) list.push({ kind: 'window', ...window });
    if (pane.layer === cell.layer) {
      if (playing) list.push({ kind: 'cover', from: cell.frame + 1 });
      list.push({ kind: 'cell', frame: cell.frame, row: cell.channel });
    }
    if (list.length > 0) marks[pane.key] = list;
  }
  return marks;
}
