/**
 * What the microscope shows for one explained cell, as data: the four heatmaps (window, filter,
 * products, per-channel sums) with their colours, the per-tap sums, the chain Σ + bias → BatchNorm
 * → activation = the pane's value, the layer's shapes and the receptive field layer by layer. Every
 * number is explainCell's, passed through (the tests check it); the components only lay it out.
 */
import type { LayerSummary } from '../../../../shared/api/contract';
import type { ExplainResult } from '../../../../shared/api/microscope';
import { clipSpan, type FrameSpan } from '../../../../shared/explain/receptive-field';
import { formatShape } from '../../../../shared/errors';
import { groupThousands } from '../../../../shared/model/print';
import type { ColormapName, DivergingMap } from '../../render/colormaps';
import { symmetricHeatmapRange } from '../../render/heatmap';
import type { Decimation } from '../../render/raster';
import type { ValueRange } from '../../render/value-range';
import { layerLabel } from '../layer-output';
import { formatNumber, tapOffsetLabel, type CellSource } from './words';

export interface HeatmapModel {
  /** `[nRows, nCols]` row-major, row r = channel firstChannel + r. */
  values: Float32Array | Float64Array;
  nRows: number;
  nCols: number;
  colormap: ColormapName;
  range: ValueRange;
  decimation: Decimation;
}

export interface ChainStep {
  id: 'sum' | 'bias' | 'normalize' | 'affine' | 'activation' | 'pane' | 'output';
  /** The left column: `Σ products`, `+ bias`, `BatchNorm`… */
  label: string;
  /** The arithmetic with its numbers. */
  text: string;
  value: number;
}

export interface FieldRow {
  /** `input mel`, `conv 0`… */
  label: string;
  span: FrameSpan;
  width: number;
  /** Frames of it outside the data (padding). */
  padding: number;
}

export interface MicroscopeView {
  title: string;
  /** `[1, 80, 562] → [1, 512, 562]`, the filters, the weight count. */
  shapes: string[];
  /** Labels of the taps (`t−2` … `t+2`) and whether each reads padding. */
  taps: { label: string; frame: number; padding: boolean }[];
  window: HeatmapModel;
  filter: HeatmapModel;
  products: HeatmapModel;
  channelSums: HeatmapModel;
  /** Σ over channels of each tap's products. */
  tapSums: number[];
  steps: ChainStep[];
  value: number;
  /** The pane's value at the cell (the full run's), and whether the microscope's equals it. */
  paneValue: number | null;
  agrees: boolean | null;
  field: FieldRow[];
}

export interface ViewContext {
  source: CellSource;
  layers: readonly LayerSummary[];
  /** Colours of the pane the window lives in, so the window looks as it does there. */
  windowColours: { colormap: ColormapName; range: ValueRange; decimation: Decimation };
  diverging: DivergingMap;
  /** The layer output's value at the cell from the full run, when the window has it. */
  paneValue: number | null;
  /** Frames of every layer's input (index 0: the input's), to count padding in the field. */
  framesIn: readonly number[];
  /** For the last layer of a residual stack: input[o, t], so output = input + residual is shown. */
  residualInput: number | null;
}

/** How close the microscope's value must be to the pane's (the pane ran the fast backend). */
export function valuesAgree(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-5 * Math.max(1, Math.abs(b));
}

function diverging(
  values: Float32Array | Float64Array,
  nRows: number,
  nCols: number,
  map: DivergingMap,
): HeatmapModel {
  return { values, nRows, nCols, colormap: map, range: symmetricHeatmapRange(values), decimation: 'absmax' };
}

function activationText(activation: LayerSummary['activation'], pre: number): string {
  switch (activation) {
    case 'tanh':
      return `tanh(${formatNumber(pre)})`;
    case 'relu':
      return `ReLU(${formatNumber(pre)}) = max(0, ${formatNumber(pre)})`;
    case 'identity':
      return `identity (linear): ${formatNumber(pre)}`;
  }
}

function chain(cell: ExplainResult, context: ViewContext, layer: LayerSummary): ChainStep[] {
  const o = cell.channel;
  const first = cell.window.frames[0]!;
  const taps = `${first < 0 ? `${first}`.replace('-', '−') : first} + ${layer.dilation === 1 ? 'k' : `${layer.dilation}k`}`;
  const steps: ChainStep[] = [
    {
      id: 'sum',
      label: 'Σ products',
      text: `Σ_c Σ_k W[${o}, c, k] · x[c, ${taps}]`,
      value: cell.productSum,
    },
    {
      id: 'bias',
      label: cell.bias === null ? 'no bias' : '+ bias',
      text:
        cell.bias === null
          ? 'bias=False: the sum is the conv’s output'
          : `${formatNumber(cell.productSum)} + bias[${o}] ${formatNumber(cell.bias)} = pre-activation`,
      value: cell.sum,
    },
  ];
  const bn = cell.batchNorm;
  if (bn) {
    steps.push(
      {
        id: 'normalize',
        label: 'BatchNorm x̂',
        text: `(${formatNumber(cell.sum)} − mean ${formatNumber(bn.runningMean)}) / √(var ${formatNumber(bn.runningVar)} + eps ${formatNumber(bn.eps, 3)})`,
        value: bn.normalized,
      },
      {
        id: 'affine',
        label: 'γ·x̂ + β',
        text: `γ ${formatNumber(bn.weight)} × ${formatNumber(bn.normalized)} + β ${formatNumber(bn.bias)}`,
        value: bn.value,
      },
    );
  }
  const pre = bn ? bn.value : cell.sum;
  steps.push({
    id: 'activation',
    label: cell.activation,
    text: activationText(cell.activation, pre),
    value: cell.value,
  });
  if (context.paneValue !== null) {
    const where = `${layerLabel(cell.layer)} output [${o}, ${cell.frame}]`;
    steps.push({
      id: 'pane',
      label: '= the pane',
      text: `${where}, the full run’s value`,
      value: context.paneValue,
    });
  }
  if (context.residualInput !== null) {
    const output = context.residualInput + cell.value;
    steps.push({
      id: 'output',
      label: 'output',
      text: `input ${formatNumber(context.residualInput)} + residual ${formatNumber(cell.value)}`,
      value: output,
    });
  }
  return steps;
}

function shapes(cell: ExplainResult): string[] {
  const a = cell.arithmetic;
  const [inPerGroup, k] = a.filterShape;
  const bias = a.biasCount > 0 ? ` + ${groupThousands(a.biasCount)} biases` : ' (no bias)';
  return [
    `input ${formatShape(a.inputShape)} → output ${formatShape(a.outputShape)}`,
    `${groupThousands(a.filterCount)} filters of ${formatShape(a.filterShape)}, one per output channel`,
    `${a.filterCount}·${inPerGroup}·${k} = ${groupThousands(a.weightCount)} weights${bias}`,
  ];
}

function field(cell: ExplainResult, context: ViewContext): FieldRow[] {
  const inputLabel = context.source.kind === 'text' ? 'characters' : 'input mel';
  const row = (label: string, span: FrameSpan, frames: number): FieldRow => {
    const width = span.last - span.first + 1;
    const inside = clipSpan(span, frames);
    return { label, span, width, padding: width - (inside ? inside.last - inside.first + 1 : 0) };
  };
  const rows = [row(inputLabel, cell.trace.input, context.framesIn[0] ?? 0)];
  cell.trace.layers.forEach((span, j) => rows.push(row(layerLabel(j), span, context.framesIn[j + 1] ?? 0)));
  return rows;
}

function titleOf(cell: ExplainResult, source: CellSource): string {
  const unit = source.kind === 'text' ? 'char' : 'frame';
  const symbol = source.kind === 'text' ? source.symbols?.[cell.frame] : undefined;
  const quoted = symbol === undefined ? '' : ` ‘${symbol === ' ' ? '␣' : symbol.replace(/^@/, '')}’`;
  const stack = source.kind === 'text' ? 'encoder ' : '';
  return `${stack}${layerLabel(cell.layer)} · channel ${cell.channel} · ${unit} ${cell.frame}${quoted}`;
}

export function microscopeView(cell: ExplainResult, context: ViewContext): MicroscopeView {
  const layer = context.layers[cell.layer]!;
  const [nRows, k] = cell.window.shape;
  const taps = cell.window.frames.map((frame, tap) => ({
    label: tapOffsetLabel(cell, tap, layer.stride),
    frame,
    padding: cell.window.padding[tap]!,
  }));
  return {
    title: titleOf(cell, context.source),
    shapes: shapes(cell),
    taps,
    window: { values: cell.window.values, nRows, nCols: k, ...context.windowColours },
    filter: diverging(cell.filter, nRows, k, context.diverging),
    products: diverging(cell.products, nRows, k, context.diverging),
    channelSums: diverging(cell.channelSums, nRows, 1, context.diverging),
    tapSums: Array.from(cell.tapSums),
    steps: chain(cell, context, layer),
    value: cell.value,
    paneValue: context.paneValue,
    agrees: context.paneValue === null ? null : valuesAgree(cell.value, context.paneValue),
    field: field(cell, context),
  };
}
