/**
 * What each pane shows, derived from the workspace state: data, header text, row axis, colour
 * map and value range. Input, output and residual always; the selected layer's output when the
 * user asked for it. Pure, so headers and ranges are unit-tested without a DOM.
 */
import type {
  InputDocument,
  LayerActivations,
  LayerSummary,
  WeightsSummary,
} from '../../../shared/api/contract';
import { describeEngine } from '../../../shared/backend/engine-choice';
import { formatShape } from '../../../shared/errors';
import { IDENTITY_FRAME_MAP, type FrameMap, type PlotColours, type PlotPane } from '../render/plot';
import { drawableRange, percentileRange, symmetricRange } from '../render/value-range';
import type { ValueRange } from '../render/value-range';
import type { Decimation } from '../render/raster';
import type { DecimationChoice, DisplaySettings, ShownResult } from '../state/workspace';
import { demoBadges, type DemoErrors } from './demo';
import { DECODER_SMOOTHING_SIGMA } from '../../../shared/demo/smoothing';
import { layerFrameMap } from './frame-map';
import { runsOverMel } from './weights-view';
import { layerExpression, layerLabel, layerOutputSize } from './layer-output';
import { RevisionMemo } from './memo';
import { layersThrough } from './receptive-field';

/**
 * `clean` exists only in the demo, where `input` is the smoothed mel the post-net reads; `window`:
 * the previous layer's output under a pinned cell of layer ≥ 1 (the microscope's window is drawn on it).
 */
export type PaneKind = 'clean' | 'input' | 'output' | 'residual' | 'layer' | 'window';

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
  /** A figure printed at the header's right (the demo's error to the clean mel), or null. */
  badge: string | null;
}

/** Signed data (the residual, tanh and linear layers) is decimated by magnitude, keeping the sign. */
export function signedDecimation(choice: DecimationChoice): Decimation {
  switch (choice) {
    case 'mean':
      return 'mean';
    case 'max':
      return 'absmax';
    case 'min':
      return 'absmin';
  }
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
  result: ShownResult | null,
  display: DisplaySettings,
  clean: InputDocument | null = null,
): DisplayRanges {
  const half = display.fixedResidualHalf > 0 ? display.fixedResidualHalf : 1;
  if (display.rangeMode === 'fixed') {
    return { shared: drawableRange(display.fixedRange), residual: { lo: -half, hi: half } };
  }
  // While the output fills in, the shared range is the input's alone (it stays put as parts
  // arrive); the residual's follows what is in.
  const whole = result && !result.filling ? result : null;
  const output = whole && (!input || whole.inputRevision === input.revision) ? whole : null;
  return {
    shared: sharedAutoRange(input, output, clean),
    residual: result ? residualAutoRange(result) : { lo: -half, hi: half },
  };
}

/**
 * What a result's arrays are: its input revision, weights and whether they are whole. While they
 * fill in, the range is taken once from the first part in (not again at every part: each pass
 * reads every value) and once more when the result is whole.
 */
const resultKey = (result: ShownResult) =>
  `${result.inputRevision}/${result.weightsId}/${!result.filling ? 'all' : result.filling.frames > 0 ? 'partial' : 'none'}`;

/** A few of each: the window shows one input; going back to the previous one stays instant. */
const sharedRanges = new RevisionMemo<ValueRange>(8);
const residualRanges = new RevisionMemo<ValueRange>(8);
const layerQuantiles = new RevisionMemo<number>(16);

function sharedAutoRange(
  input: InputDocument | null,
  result: ShownResult | null,
  clean: InputDocument | null,
): ValueRange {
  const key = `${clean ? `${clean.revision}+` : ''}${input?.revision ?? '-'}:${result ? resultKey(result) : '-'}`;
  return sharedRanges.get(key, () => {
    const arrays = [clean?.mel.data ?? null, input?.mel.data ?? null, result?.output ?? null].filter(
      (a): a is Float32Array => a !== null,
    );
    return drawableRange(percentileRange(arrays, 0.01, 0.99));
  });
}

function residualAutoRange(result: ShownResult): ValueRange {
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
  const diverging = { colormap: display.residualColormap, decimation: signedDecimation(display.decimation) };
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
      return {
        colormap: display.colormap,
        decimation: display.decimation,
        range: { lo: 0, hi: hi > 0 ? hi : 1 },
      };
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

/** The demo's part of the panes: the clean input (null while the sample is being opened) and the errors. */
export interface DemoPanes {
  clean: InputDocument | null;
  errors: DemoErrors | null;
}

/** What else the mel panes show besides the documents. */
export interface MelPaneExtras {
  /** The demo's clean pane and error figures, or null outside the demo. */
  demo: DemoPanes | null;
  /** The first file is still being opened: the panes wait for it instead of saying nothing is open. */
  opening: boolean;
}

const SIGMA_TEXT = `Gaussian σ ${DECODER_SMOOTHING_SIGMA[0]} band × ${DECODER_SMOOTHING_SIGMA[1]} frames`;

/**
 * The input, output and residual panes, and in the demo the clean pane above them (the input
 * pane then shows the smoothed mel, the post-net's input), each with its error to the clean mel.
 * `shownLayer` (the layer pane's layer, or null) only decides which receptive field the input
 * pane shades. Apart from the layer pane, so the window keeps these specs (and their drawings)
 * when only the layer pane changes.
 */
export function melPaneSpecs(
  input: InputDocument | null,
  weights: WeightsSummary | null,
  result: ShownResult | null,
  display: DisplaySettings,
  ranges: DisplayRanges,
  shownLayer: number | null,
  extras: MelPaneExtras = { demo: null, opening: false },
): PaneSpec[] {
  const { demo } = extras;
  const nMels = input?.mel.nMels ?? 80;
  const nFrames = input?.mel.nFrames ?? 0;
  const shape = formatShape([nMels, nFrames]);
  const weightsName = weights?.name ?? 'no weights';
  const usable = result && input && result.nFrames === nFrames && result.nMels === nMels ? result : null;
  const waiting = !input
    ? extras.opening
      ? 'opening the bundled sample…'
      : 'nothing open'
    : runsOverMel(weights)
      ? 'not processed yet'
      : 'the encoder convolutions run over characters, not over this mel: choose the post-net in the weights panel';
  const state = usable ? resultState(usable) : '';
  const layer = shownLayer !== null && weights?.layers[shownLayer] ? shownLayer : null;
  const badges = demo ? demoBadges(demo.errors) : null;
  const mel = {
    nRows: nMels,
    nFrames,
    rowAxis: 'mel' as const,
    frameMap: IDENTITY_FRAME_MAP,
    layer: null,
    receptive: null,
  };
  const sequential = { colormap: display.colormap, range: ranges.shared, decimation: display.decimation };
  const source = (doc: InputDocument, what: string) =>
    `${what} · ${shape} · ${formatSeconds(inputDurationS(doc))} · ${doc.mel.config.preset} mel · ${doc.name}`;
  const inputPane: PaneSpec = {
    ...mel,
    ...sequential,
    kind: 'input',
    header: !input
      ? demo
        ? 'smoothed'
        : 'input'
      : demo
        ? `smoothed = the post-net's input · ${shape} · ${SIGMA_TEXT} · ${input.name}`
        : source(input, 'input'),
    data: input?.mel.data ?? null,
    placeholder: waiting,
    receptive: usable && weights ? receptiveShading(weights.layers, layer) : null,
    readoutLabel: demo ? 'smoothed' : 'input',
    badge: badges?.input ?? null,
  };
  const what = demo ? 'smoothed' : 'input';
  const panes: PaneSpec[] = [
    inputPane,
    {
      ...mel,
      ...sequential,
      kind: 'output',
      header: usable ? `output = ${what} + residual · ${shape} · ${weightsName}${state}` : 'output',
      data: usable?.output ?? null,
      placeholder: waiting,
      readoutLabel: 'output',
      badge: badges?.output ?? null,
    },
    {
      ...mel,
      kind: 'residual',
      header: usable
        ? `residual = postnet(${what}) · ${shape} · colours ±${ranges.residual.hi.toPrecision(3)}${usable.filling ? state : ` · ran in ${usable.elapsedMs.toFixed(0)} ms on ${describeEngine(usable.engine)}`}`
        : 'residual',
      data: usable?.residual ?? null,
      placeholder: waiting,
      colormap: display.residualColormap,
      range: ranges.residual,
      decimation: signedDecimation(display.decimation),
      readoutLabel: 'residual',
      badge: badges?.residual ?? null,
    },
  ];
  if (!demo) return panes;
  const clean = demo.clean && demo.clean.mel.nFrames === nFrames ? demo.clean : null;
  const cleanPane: PaneSpec = {
    ...mel,
    ...sequential,
    kind: 'clean',
    header: clean ? source(clean, 'clean') : 'clean',
    data: clean?.mel.data ?? null,
    placeholder: waiting,
    readoutLabel: 'clean',
    badge: badges?.clean ?? null,
  };
  return [cleanPane, ...panes];
}

/** ` · computing, 40 % in`, ` · cancelled at 40 %`, or nothing for a whole result. */
function resultState(result: ShownResult): string {
  const filling = result.filling;
  if (!filling) return '';
  const percent = Math.floor((100 * filling.frames) / Math.max(1, filling.totalFrames));
  return filling.stopped ? ` · stopped at ${percent} %` : ` · computing, ${percent} % in`;
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
  const [nRows, totalFrames] = size.shape;
  const held = pane.activations;
  const fits = held && held.nChannels === nRows && held.totalFrames === totalFrames;
  const data = fits ? held.data : null;
  let placeholder = `not computed: select ${label} in the layer list`;
  if (!input) placeholder = 'nothing open';
  else if (pane.computing) placeholder = `computing ${label} output…`;
  const columns = fits && held.step > 1 ? ` · ${held.step} frames a column` : '';
  return {
    kind: 'layer',
    header: `${label} output · ${layerExpression(summary)} · ${formatShape(size.shape)}${columns}`,
    data,
    placeholder,
    nRows,
    nFrames: fits ? held.nFrames : totalFrames,
    ...(fits ? { window: { first: held.firstFrame, step: held.step } } : {}),
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
    badge: null,
  };
}
