/**
 * What each pane shows, derived from the workspace state: data, header text, row axis, colour
 * map and value range. Input, output and residual always; the selected layer's output when the
 * user asked for it. Pure, so headers and ranges are unit-tested without a DOM.
 */
import type {
  InputDocument,
  LayerActivations,
  LayerSummary,
  ProcessResult,
  WeightsSummary,
} from '../../../shared/api/contract';
import { formatShape } from '../../../shared/errors';
import { IDENTITY_FRAME_MAP, type FrameMap, type PlotColours, type PlotPane } from '../render/plot';
import { drawableRange, percentileRange, symmetricRange } from '../render/value-range';
import type { ValueRange } from '../render/value-range';
import type { DisplaySettings } from '../state/workspace';
import { layerFrameMap } from './frame-map';
import { runsOverMel } from './weights-view';
import {
  formatMegabytes,
  layerExpression,
  layerLabel,
  layerOutputSize,
  MAX_LAYER_OUTPUT_BYTES,
} from './layer-output';
import { RevisionMemo } from './memo';
import { layersThrough } from './receptive-field';

/** `window`: the previous layer's output under a pinned cell of layer ≥ 1 (the microscope's window is drawn on it). */
export type PaneKind = 'input' | 'output' | 'residual' | 'layer' | 'window';

/** The input frames one frame of a layer's output depends on, shaded in the input pane. */
export interface ReceptiveShading {
  /** Layers 0 … L: the shaded span is their receptive field. */
  layers: readonly LayerSummary[];
  /** Hovered input frame → frame of layer L's output. */
  map: FrameMap;
  /** `output` (the whole post-net) or `conv 2 output`. */
  label: string;
}

/**
 * One pane: what drawing takes (render/plot.ts: its data `[nRows, nFrames]` or null while there
 * is nothing to show, frames placed by `frameMap`, colours, header, row axis) and what the window
 * adds around it.
 */
export interface PaneSpec extends PlotPane {
  kind: PaneKind;
  /** Shown instead of the plot while `data` is null. */
  placeholder: string;
  /** For the input pane: the receptive field to shade around the hovered frame; null elsewhere. */
  receptive: ReceptiveShading | null;
  /** How the readout names this pane's value: `input`, `conv 2`… */
  readoutLabel: string;
  /** For the layer pane: which layer; null for the others. */
  layer: number | null;
}

export interface DisplayRanges {
  /** One range for input and output, so equal colours mean equal values. */
  shared: ValueRange;
  /** Symmetric around zero, for the diverging residual map. */
  residual: ValueRange;
}

/**
 * Auto: 1st–99th percentile over input and output together, ±99th percentile of |residual|,
 * computed once per input revision and weights (so a colour-map change or a switch back from fixed
 * does not re-read ten minutes of frames). Fixed: the user's numbers.
 */
export function displayRanges(
  input: InputDocument | null,
  result: ProcessResult | null,
  display: DisplaySettings,
): DisplayRanges {
  const half = display.fixedResidualHalf > 0 ? display.fixedResidualHalf : 1;
  if (display.rangeMode === 'fixed') {
    return { shared: drawableRange(display.fixedRange), residual: { lo: -half, hi: half } };
  }
  const output = result && (!input || result.inputRevision === input.revision) ? result : null;
  return {
    shared: sharedAutoRange(input, output),
    residual: result ? residualAutoRange(result) : { lo: -half, hi: half },
  };
}

/** What a result's arrays are: its input revision and weights (the same pair gives the same numbers). */
const resultKey = (result: ProcessResult) => `${result.inputRevision}/${result.weightsId}`;

/** A few of each: the window shows one input; going back to the previous one stays instant. */
const sharedRanges = new RevisionMemo<ValueRange>(8);
const residualRanges = new RevisionMemo<ValueRange>(8);
const layerQuantiles = new RevisionMemo<number>(16);

function sharedAutoRange(input: InputDocument | null, result: ProcessResult | null): ValueRange {
  const key = `${input?.revision ?? '-'}:${result ? resultKey(result) : '-'}`;
  return sharedRanges.get(key, () => {
    const arrays = [input?.mel.data ?? null, result?.output ?? null].filter(
      (a): a is Float32Array => a !== null,
    );
    return drawableRange(percentileRange(arrays, 0.01, 0.99));
  });
}

function residualAutoRange(result: ProcessResult): ValueRange {
  return residualRanges.get(resultKey(result), () => drawableRange(symmetricRange([result.residual], 0.99)));
}

/** A layer's output data and what identifies it (`revision/weightsId/layer`), for its colour range. */
export interface LayerData {
  key: string;
  data: Float32Array;
}

/**
 * Colours of a layer's output: tanh is bounded, so ±1 exactly on the diverging map; a linear
 * (identity) layer is signed and unbounded: diverging over ±99th percentile of |x| (± the fixed
 * residual range in fixed mode); ReLU is ≥ 0: the sequential map over 0 … 99th percentile.
 */
export function layerColours(
  layer: LayerSummary,
  data: LayerData | null,
  display: DisplaySettings,
): PlotColours {
  const diverging = { colormap: display.residualColormap, decimation: 'absmax' as const };
  switch (layer.activation) {
    case 'tanh':
      return { ...diverging, range: { lo: -1, hi: 1 } };
    case 'identity': {
      const half = display.fixedResidualHalf > 0 ? display.fixedResidualHalf : 1;
      const auto = data && display.rangeMode === 'auto' ? magnitudeQuantile(data) : null;
      return { ...diverging, range: auto ? drawableRange({ lo: -auto, hi: auto }) : { lo: -half, hi: half } };
    }
    case 'relu': {
      const hi = data ? magnitudeQuantile(data) : 1;
      return { colormap: display.colormap, decimation: 'max', range: { lo: 0, hi: hi > 0 ? hi : 1 } };
    }
  }
}

/** 99th percentile of |x|, once per layer output (a long one is tens of millions of values). */
function magnitudeQuantile({ key, data }: LayerData): number {
  return layerQuantiles.get(key, () => symmetricRange([data], 0.99)?.hi ?? 1);
}

/** The pane's accessible name: `input pane`, `output pane`, `residual pane`, `conv 2 output pane`. */
export function paneName(spec: Pick<PaneSpec, 'kind' | 'readoutLabel'>): string {
  return spec.kind === 'layer' || spec.kind === 'window'
    ? `${spec.readoutLabel} output pane`
    : `${spec.readoutLabel} pane`;
}

/** `10.0 s`, or `0.52 s` under ten seconds… */
export function formatSeconds(seconds: number): string {
  return seconds >= 10 ? `${seconds.toFixed(1)} s` : `${seconds.toFixed(2)} s`;
}

export function inputDurationS(input: InputDocument): number {
  const { mel } = input;
  return input.audio ? input.audio.durationS : (mel.nFrames * mel.config.hopLength) / mel.config.sampleRateHz;
}

/** The layer whose output the user asked to see, and what is known of it. */
export interface LayerPaneState {
  layer: number;
  /** Its output for the current input and weights, or null until fetched. */
  activations: LayerActivations | null;
  /** A job is fetching it now. */
  computing: boolean;
}

/**
 * The input, output and residual panes. `shownLayer` (the layer pane's layer, or null) only
 * decides which receptive field the input pane shades. Apart from the layer pane, so the window
 * keeps these three specs (and their drawings) when only the layer pane changes.
 */
export function melPaneSpecs(
  input: InputDocument | null,
  weights: WeightsSummary | null,
  result: ProcessResult | null,
  display: DisplaySettings,
  ranges: DisplayRanges,
  shownLayer: number | null,
): PaneSpec[] {
  const nMels = input?.mel.nMels ?? 80;
  const nFrames = input?.mel.nFrames ?? 0;
  const shape = formatShape([nMels, nFrames]);
  const melName = input ? `${input.mel.config.preset} mel` : '';
  const weightsName = weights?.name ?? 'no weights';
  const usable = result && input && result.nFrames === nFrames && result.nMels === nMels ? result : null;
  const waiting = !input
    ? 'nothing open'
    : runsOverMel(weights)
      ? 'not processed yet'
      : 'the encoder convolutions run over characters, not over this mel: choose the post-net in the weights panel';
  const layer = shownLayer !== null && weights?.layers[shownLayer] ? shownLayer : null;
  const mel = { nRows: nMels, nFrames, rowAxis: 'mel' as const, frameMap: IDENTITY_FRAME_MAP, layer: null };
  return [
    {
      ...mel,
      kind: 'input',
      header: input
        ? `input · ${shape} · ${formatSeconds(inputDurationS(input))} · ${melName} · ${input.name}`
        : 'input',
      data: input?.mel.data ?? null,
      placeholder: waiting,
      colormap: display.colormap,
      range: ranges.shared,
      decimation: 'max',
      receptive: usable && weights ? receptiveShading(weights.layers, layer) : null,
      readoutLabel: 'input',
    },
    {
      ...mel,
      kind: 'output',
      header: usable ? `output = input + residual · ${shape} · ${weightsName}` : 'output',
      data: usable?.output ?? null,
      placeholder: waiting,
      colormap: display.colormap,
      range: ranges.shared,
      decimation: 'max',
      receptive: null,
      readoutLabel: 'output',
    },
    {
      ...mel,
      kind: 'residual',
      header: usable
        ? `residual = postnet(input) · ${shape} · colours ±${ranges.residual.hi.toPrecision(3)} · ran in ${usable.elapsedMs.toFixed(0)} ms`
        : 'residual',
      data: usable?.residual ?? null,
      placeholder: waiting,
      colormap: display.residualColormap,
      range: ranges.residual,
      decimation: 'absmax',
      receptive: null,
      readoutLabel: 'residual',
    },
  ];
}

/** The layer pane's spec, or null when none is shown (or the weights lack that layer). */
export function shownLayerPaneSpec(
  input: InputDocument | null,
  weights: WeightsSummary | null,
  display: DisplaySettings,
  layerPane: LayerPaneState | null,
): PaneSpec | null {
  if (!layerPane || !weights?.layers[layerPane.layer]) return null;
  return layerPaneSpec(weights, layerPane, input, display);
}

function receptiveShading(layers: readonly LayerSummary[], layer: number | null): ReceptiveShading {
  const through = layer === null ? layers : layersThrough(layers, layer);
  return {
    layers: through,
    map: layerFrameMap(through),
    label: layer === null ? 'output' : `${layerLabel(layer)} output`,
  };
}

/** The layer-output pane: `conv 2 output · tanh(BN(Conv1d(512, 512, k=5))) · [512, 862]`. */
export function layerPaneSpec(
  weights: Pick<WeightsSummary, 'id' | 'layers'>,
  pane: LayerPaneState,
  input: InputDocument | null,
  display: DisplaySettings,
): PaneSpec {
  const { layers } = weights;
  const summary = layers[pane.layer]!;
  const label = layerLabel(pane.layer);
  const size = layerOutputSize(layers, pane.layer, input?.mel.nFrames ?? 0);
  const [nRows, nFrames] = size.shape;
  const data =
    pane.activations && pane.activations.nChannels === nRows && pane.activations.nFrames === nFrames
      ? pane.activations.data
      : null;
  let placeholder = `not computed: select ${label} in the layer list`;
  if (!input) placeholder = 'nothing open';
  else if (!size.fits)
    placeholder =
      `${label} output would be ${formatShape(size.shape)} = ${formatMegabytes(size.bytes)}, over the ` +
      `${formatMegabytes(MAX_LAYER_OUTPUT_BYTES)} the window holds: open a shorter file`;
  else if (pane.computing) placeholder = `computing ${label} output…`;
  return {
    kind: 'layer',
    header: `${label} output · ${layerExpression(summary)} · ${formatShape(size.shape)}`,
    data,
    placeholder,
    nRows,
    nFrames,
    rowAxis: 'channel',
    frameMap: layerFrameMap(layersThrough(layers, pane.layer)),
    ...layerColours(
      summary,
      data && input ? { key: `${input.revision}/${weights.id}/${pane.layer}`, data } : null,
      display,
    ),
    receptive: null,
    readoutLabel: label,
    layer: pane.layer,
  };
}
