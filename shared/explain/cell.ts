/**
 * The Conv1d microscope's core: one output cell (layer ℓ, output channel o, frame t) of a stack
 * made explicit with the real numbers — the input window `[in/groups, k]` it reads, the filter
 * `W[o]`, their element-wise products with row (per channel) and column (per tap) sums,
 * Σ products + bias, eval-mode BatchNorm, the activation — equal to the full run's value there.
 * Only the receptive field of the window is computed (span-values.ts), never the whole input.
 */
import { referenceBackend } from '../backend/reference/reference-backend';
import { planStack } from '../backend/driver';
import type { Activations, Backend } from '../backend/types';
import type { Activation, Conv1dLayer, Conv1dStack } from '../model/types';
import { cellArithmetic } from './cell-arithmetic';
import { CellIndexError } from './errors';
import {
  frameSteps,
  inputSpanOf,
  traceReceptiveField,
  type FrameSpan,
  type ReceptiveFieldTrace,
} from './receptive-field';
import { framesAt, spanValues, type SpanContext } from './span-values';

export interface CellIndex {
  layer: number;
  /** Output channel o of that layer. */
  channel: number;
  /** Output frame t of that layer (a character position for the encoder). */
  frame: number;
}

/** The sizes of the arithmetic at one layer, as PyTorch would state them. */
export interface LayerArithmetic {
  /** `[1, inChannels, inFrames]` → `[1, outChannels, outFrames]`. */
  inputShape: [number, number, number];
  outputShape: [number, number, number];
  /** outChannels filters of `[inChannels / groups, kernelSize]`. */
  filterCount: number;
  filterShape: [number, number];
  /** outChannels · inChannels / groups · kernelSize, and outChannels (0 without a bias). */
  weightCount: number;
  biasCount: number;
}

export interface CellWindow {
  /** `[inChannels / groups, kernelSize]`. */
  shape: [number, number];
  /** Input channels the rows are: firstChannel … firstChannel + rows − 1 (its group's). */
  firstChannel: number;
  /** The input frame of each tap: first + k·dilation; outside 0…T−1 they are padding. */
  frames: number[];
  padding: boolean[];
  /** Row-major `[channel, tap]`, padding as zeros. */
  values: Float32Array;
}

export interface CellBatchNorm {
  weight: number;
  bias: number;
  runningMean: number;
  runningVar: number;
  eps: number;
  /** (sum − runningMean) / √(runningVar + eps): before γ and β. */
  normalized: number;
  /** γ · normalized + β, rounded to float32 as the run stores it. */
  value: number;
}

export interface CellExplanation extends CellIndex {
  layerName: string;
  arithmetic: LayerArithmetic;
  window: CellWindow;
  /** W[o], `[inChannels / groups, kernelSize]` row-major. */
  filter: Float32Array;
  /** W[o] ⊙ window in float64 (exact: float32 × float32), its row sums and column sums. */
  products: Float64Array;
  channelSums: Float64Array;
  tapSums: Float64Array;
  /** Σ products, float64. */
  productSum: number;
  bias: number | null;
  /** Σ products + bias, rounded to float32: the conv's output, the pre-activation without BatchNorm. */
  sum: number;
  batchNorm: CellBatchNorm | null;
  activation: Activation;
  /** The cell's value in the layer's output. */
  value: number;
  /** Input frames the cell depends on, and the span on every layer's output (unclipped). */
  trace: ReceptiveFieldTrace;
}

export interface ExplainOptions {
  /** Runs the layers before ℓ over the window's receptive field (default: the reference loops). */
  backend?: Backend;
  /** What the frame index is called in messages (`char` for the encoder over text). */
  frameName?: string;
}

/** Explains one cell of `stack` run over `input` `[inChannels, T]`; throws CellIndexError for a bad index. */
export async function explainCell(
  stack: Conv1dStack,
  input: Activations,
  index: CellIndex,
  options: ExplainOptions = {},
): Promise<CellExplanation> {
  const plan = planStack(stack, input);
  const context: SpanContext = {
    stack,
    input,
    plan,
    steps: frameSteps(stack),
    backend: options.backend ?? referenceBackend,
  };
  checkIndex(context, index, options.frameName ?? 'frame');
  const { layer, channel, frame } = index;
  const conv = stack.layers[layer]!;
  const geometry = plan[layer]!;
  const span = inputSpanOf(context.steps[layer]!, { first: frame, last: frame });
  const inputSpan = await spanValues(context, layer - 1, span);
  const window = cellWindow(conv, channel, span, inputSpan, framesAt(context, layer - 1));
  const filter = conv.weight.subarray(
    channel * geometry.inPerGroup * conv.kernelSize,
    (channel + 1) * geometry.inPerGroup * conv.kernelSize,
  );
  const arithmetic: LayerArithmetic = {
    inputShape: [1, conv.inChannels, geometry.inFrames],
    outputShape: [1, conv.outChannels, geometry.outFrames],
    filterCount: conv.outChannels,
    filterShape: [geometry.inPerGroup, conv.kernelSize],
    weightCount: conv.weight.length,
    biasCount: conv.bias ? conv.outChannels : 0,
  };
  return {
    ...index,
    layerName: conv.name,
    arithmetic,
    window,
    filter: Float32Array.from(filter),
    ...cellArithmetic(conv, channel, window.values, filter),
    trace: traceReceptiveField(context.steps, layer, frame),
  };
}

function checkIndex(context: SpanContext, index: CellIndex, frameName: string): void {
  const { stack } = context;
  const count = stack.layers.length;
  const range = (n: number): string => (n === 1 ? '0' : `0…${n - 1}`);
  const { layer, channel, frame } = index;
  if (!Number.isInteger(layer) || layer < 0 || layer >= count) {
    throw new CellIndexError(
      'layer',
      layer,
      count,
      `layer ${layer} does not exist: the ${stack.kind} has ${count} layer${count === 1 ? '' : 's'} (${range(count)})`,
    );
  }
  const conv = stack.layers[layer]!;
  if (!Number.isInteger(channel) || channel < 0 || channel >= conv.outChannels) {
    throw new CellIndexError(
      'channel',
      channel,
      conv.outChannels,
      `channel ${channel} is out of range: layer ${layer} (${conv.name}) has ${conv.outChannels} output channels (${range(conv.outChannels)})`,
    );
  }
  const frames = framesAt(context, layer);
  if (!Number.isInteger(frame) || frame < 0 || frame >= frames) {
    const what = frameName === 'frame' ? 'frames' : `${frameName}s`;
    throw new CellIndexError(
      frameName,
      frame,
      frames,
      `${frameName} ${frame} is out of range: layer ${layer}'s output has ${frames} ${what} (${range(frames)})`,
    );
  }
}

/** The `[in/groups, k]` window of output channel `channel`: its group's input channels at the taps. */
function cellWindow(
  conv: Conv1dLayer,
  channel: number,
  span: FrameSpan,
  inputSpan: Activations & { first: number },
  inFrames: number,
): CellWindow {
  const inPerGroup = conv.inChannels / conv.groups;
  const outPerGroup = conv.outChannels / conv.groups;
  const firstChannel = Math.floor(channel / outPerGroup) * inPerGroup;
  const k = conv.kernelSize;
  const frames = Array.from({ length: k }, (_, tap) => span.first + tap * conv.dilation);
  const values = new Float32Array(inPerGroup * k);
  for (let c = 0; c < inPerGroup; c++) {
    const row = (firstChannel + c) * inputSpan.nFrames;
    for (let tap = 0; tap < k; tap++)
      values[c * k + tap] = inputSpan.data[row + frames[tap]! - inputSpan.first]!;
  }
  return {
    shape: [inPerGroup, k],
    firstChannel,
    frames,
    padding: frames.map((frame) => frame < 0 || frame >= inFrames),
    values,
  };
}
