/**
 * How the microscope meets the panes: which cell a click on a pane pins, which layer each pane
 * shows (for the marks), the extra pane of the previous layer's output the window is drawn on,
 * and what the view-model needs from the panes (the window's colours, the full run's value at the
 * cell). Pure.
 */
import type { InputDocument, ProcessResult, WeightsSummary } from '../../../../shared/api/contract';
import type { DisplaySettings } from '../../state/workspace';
import { layerOutputFrames } from '../layer-output';
import { layerPaneSpec } from '../panes';
import type { PaneSpec } from '../panes';
import type { MarkedPane } from './marks';
import type { PinnedCell, WindowPane } from './state';
import type { ViewContext } from './view-model';
import type { CellSource } from './words';

/** The layer whose output a pane shows: −1 for the input; output and residual are the last layer's. */
export function paneLayer(spec: PaneSpec, layerCount: number): number | null {
  switch (spec.kind) {
    case 'clean': // the demo's clean mel: no layer reads it (the post-net reads the smoothed input)
      return null;
    case 'input':
      return -1;
    case 'output':
    case 'residual':
      return layerCount > 0 ? layerCount - 1 : null;
    case 'layer':
    case 'window':
      return spec.layer;
  }
}

/** The cell a click on `spec` at (frame, row) pins, or null (the input pane has no filter behind it). */
export function pickedCell(
  spec: PaneSpec,
  at: { frame: number; row: number },
  weights: WeightsSummary | null,
): PinnedCell | null {
  const count = weights?.layers.length ?? 0;
  const layer = paneLayer(spec, count);
  if (layer === null || layer < 0 || !spec.data) return null;
  return { source: 'audio', layer, channel: at.row, frame: at.frame };
}

export function markedPanes(panes: readonly PaneSpec[], layerCount: number): MarkedPane[] {
  const marked: MarkedPane[] = [];
  for (const spec of panes) {
    const layer = paneLayer(spec, layerCount);
    if (layer !== null) marked.push({ key: spec.kind, layer });
  }
  return marked;
}

/**
 * The previous layer's output under a pinned cell of layer ≥ 1, as a pane (`kind: 'window'`);
 * null when there is none or the layer pane already shows that layer.
 */
export function windowPaneSpec(
  input: InputDocument | null,
  weights: WeightsSummary | null,
  display: DisplaySettings,
  windowPane: WindowPane | null,
  shownLayer: number | null,
): PaneSpec | null {
  if (!windowPane || !weights?.layers[windowPane.layer] || windowPane.layer === shownLayer) return null;
  if (!input || windowPane.inputId !== input.id || windowPane.weightsId !== weights.id) return null;
  const computing = windowPane.activations === null && windowPane.error === null;
  const spec = layerPaneSpec(
    weights,
    { layer: windowPane.layer, activations: windowPane.activations, computing },
    input,
    display,
  );
  const placeholder = windowPane.error ?? spec.placeholder;
  return { ...spec, kind: 'window', placeholder, header: `${spec.header} · the window’s input` };
}

/** The pane the window lives in: the input for layer 0, else the pane showing layer − 1. */
export function windowHostPane(panes: readonly PaneSpec[], layer: number, layerCount: number) {
  return panes.find((spec) => paneLayer(spec, layerCount) === layer - 1) ?? null;
}

/** The full run's value at (row, frame) of a pane, when it has data. */
function valueAt(spec: PaneSpec | null, row: number, frame: number): number | null {
  if (!spec?.data || row >= spec.nRows || frame >= spec.nFrames) return null;
  return spec.data[row * spec.nFrames + frame] ?? null;
}

/** What microscopeView needs beyond the explanation, from the panes and the workspace. */
export function audioViewContext(
  cell: PinnedCell,
  panes: readonly PaneSpec[],
  weights: WeightsSummary,
  input: InputDocument,
  result: ProcessResult | null,
  display: DisplaySettings,
  bandCentresHz: Float64Array,
): ViewContext {
  const { layers } = weights;
  const last = layers.length - 1;
  const host = windowHostPane(panes, cell.layer, layers.length);
  const cellPane =
    panes.find((spec) => (spec.kind === 'layer' || spec.kind === 'window') && spec.layer === cell.layer) ??
    (cell.layer === last ? (panes.find((spec) => spec.kind === 'residual') ?? null) : null);
  const inputPane = panes.find((spec) => spec.kind === 'input') ?? null;
  const residual = weights.residual && cell.layer === last && result !== null;
  const source: CellSource = { kind: 'audio', bandCentresHz, symbols: null };
  const nFrames = input.mel.nFrames;
  return {
    source,
    layers,
    windowColours: host
      ? { colormap: host.colormap, range: host.range, decimation: host.decimation }
      : { colormap: display.colormap, range: { lo: -1, hi: 1 }, decimation: 'max' },
    diverging: display.residualColormap,
    paneValue: valueAt(cellPane, cell.channel, cell.frame),
    framesIn: [nFrames, ...layers.map((_, j) => layerOutputFrames(layers, j, nFrames))],
    residualInput: residual ? valueAt(inputPane, cell.channel, cell.frame) : null,
  };
}
