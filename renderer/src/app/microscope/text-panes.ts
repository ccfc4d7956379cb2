/**
 * The microscope over characters: a text run's panes (the embedded characters `[dim, nChars]`,
 * then each encoder convolution's output) as heatmaps, their marks for the pinned cell, and what
 * the view-model needs for a cell over text. Pure.
 */
import type { LayerActivations } from '../../../../shared/api/contract';
import type { TextRunResult } from '../../../../shared/api/microscope';
import { formatShape } from '../../../../shared/errors';
import type { DisplaySettings } from '../../state/workspace';
import { symmetricHeatmapRange } from '../../render/heatmap';
import { layerExpression, layerLabel } from '../layer-output';
import { layerColours } from '../panes';
import type { MarksByPane } from './marks';
import { cellMarks } from './marks';
import type { PinnedCell } from './state';
import type { HeatmapModel, ViewContext } from './view-model';

export interface TextPane {
  /** `embedding`, `conv 0`…: the marks' key. */
  key: string;
  /** −1 for the embedding (the first convolution's input). */
  layer: number;
  header: string;
  heatmap: HeatmapModel;
}

function heatmapOf(output: LayerActivations, colours: Omit<HeatmapModel, 'values' | 'nRows' | 'nCols'>) {
  return { values: output.data, nRows: output.nChannels, nCols: output.nFrames, ...colours };
}

/** The embedding, then one pane per encoder convolution, coloured as the layer panes are. */
export function textPanes(run: TextRunResult, display: DisplaySettings): TextPane[] {
  const { input, outputs, embedding, encoder } = run;
  const n = input.nFrames;
  const untrained = (trained: boolean, name: string) =>
    trained || name.includes('untrained') ? '' : ' · untrained (seeded default)';
  const encoderNote = encoder.trained ? '' : ` · ${encoder.name}${untrained(false, encoder.name)}`;
  const panes: TextPane[] = [
    {
      key: 'embedding',
      layer: -1,
      header: `embedding · ${formatShape([input.nChannels, n])} · ${embedding.name}${untrained(embedding.trained, embedding.name)}`,
      heatmap: heatmapOf(input, {
        colormap: display.residualColormap,
        range: symmetricHeatmapRange(input.data),
        decimation: 'absmax',
      }),
    },
  ];
  outputs.forEach((output, layer) => {
    const summary = encoder.layers[layer]!;
    const key = `text/${run.text}/${run.cleaners}/${encoder.name}/${layer}`;
    const colours = layerColours(summary, { key, data: output.data }, display);
    panes.push({
      key: layerLabel(layer),
      layer,
      header: `encoder ${layerLabel(layer)} output · ${layerExpression(summary)} · ${formatShape([output.nChannels, output.nFrames])}${encoderNote}`,
      heatmap: heatmapOf(output, colours),
    });
  });
  return panes;
}

export function textMarks(
  run: TextRunResult,
  panes: readonly TextPane[],
  cell: PinnedCell | null,
  playing: boolean,
): MarksByPane {
  if (cell?.source !== 'text') return {};
  const marked = panes.map((pane) => ({ key: pane.key, layer: pane.layer }));
  return cellMarks(run.encoder.layers, cell, marked, playing);
}

export function textViewContext(
  cell: PinnedCell,
  run: TextRunResult,
  panes: readonly TextPane[],
  display: DisplaySettings,
): ViewContext {
  const below = panes.find((pane) => pane.layer === cell.layer - 1)!.heatmap;
  const output = run.outputs[cell.layer];
  const n = run.input.nFrames;
  return {
    source: { kind: 'text', bandCentresHz: null, symbols: run.symbols },
    layers: run.encoder.layers,
    windowColours: { colormap: below.colormap, range: below.range, decimation: below.decimation },
    diverging: display.residualColormap,
    paneValue: output ? (output.data[cell.channel * output.nFrames + cell.frame] ?? null) : null,
    framesIn: [n, ...run.outputs.map((o) => o.nFrames)],
    residualInput: null,
  };
}
