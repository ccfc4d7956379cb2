/**
 * The words and numbers that explain one Conv1d layer: PyTorch's repr, the filter and weight
 * shapes, and the output length for the current input. Pure; the layer card only lays them out.
 */
import type { LayerSummary } from '../../../shared/api/contract';

/** `Conv1d(80, 512, kernel_size=(5,), stride=(1,), padding=(2,))`, as `print(model)` shows it. */
export function conv1dRepr(layer: LayerSummary): string {
  const parts = [
    `${layer.inChannels}`,
    `${layer.outChannels}`,
    `kernel_size=(${layer.kernelSize},)`,
    `stride=(${layer.stride},)`,
  ];
  if (layer.padding !== 0) parts.push(`padding=(${layer.padding},)`);
  if (layer.dilation !== 1) parts.push(`dilation=(${layer.dilation},)`);
  if (layer.groups !== 1) parts.push(`groups=${layer.groups}`);
  return `Conv1d(${parts.join(', ')})`;
}

/** PyTorch's Conv1d output length: ⌊(T + 2·padding − dilation·(k − 1) − 1) / stride⌋ + 1. */
export function conv1dOutputLength(layer: LayerSummary, nFrames: number): number {
  const span = layer.dilation * (layer.kernelSize - 1) + 1;
  return Math.floor((nFrames + 2 * layer.padding - span) / layer.stride) + 1;
}

export interface ConvExplanation {
  repr: string;
  /** `[inChannels / groups, kernelSize]`: what one filter spans. */
  filterShape: readonly number[];
  /** `[outChannels, inChannels / groups, kernelSize]`. */
  weightShape: readonly number[];
  weightCount: number;
  biasCount: number;
  inputShape: readonly number[];
  outputShape: readonly number[];
  /** `out[o, t] = bias[o] + Σ_c Σ_k w[o, c, k] · x[c, t + k − 2]` with this layer's numbers. */
  formula: string;
  after: string;
}

export function explainConv1d(layer: LayerSummary, nFrames: number): ConvExplanation {
  const inPerGroup = layer.inChannels / layer.groups;
  const weightShape = [layer.outChannels, inPerGroup, layer.kernelSize];
  const shift = layer.padding === 0 ? '' : ` − ${layer.padding}`;
  const tap = layer.dilation === 1 ? 'k' : `${layer.dilation}·k`;
  const time = layer.stride === 1 ? 't' : `${layer.stride}·t`;
  const after = [layer.batchNorm ? `BatchNorm1d(${layer.outChannels})` : null, layer.activation]
    .filter((part): part is string => part !== null && part !== 'identity')
    .join(' → ');
  return {
    repr: conv1dRepr(layer),
    filterShape: [inPerGroup, layer.kernelSize],
    weightShape,
    weightCount: weightShape[0]! * weightShape[1]! * weightShape[2]!,
    biasCount: layer.outChannels,
    inputShape: [1, layer.inChannels, nFrames],
    outputShape: [1, layer.outChannels, conv1dOutputLength(layer, nFrames)],
    formula: `out[o, t] = bias[o] + Σ_c Σ_k w[o, c, k] · x[c, ${time} + ${tap}${shift}]`,
    after: after === '' ? 'linear (no activation)' : after,
  };
}

/** `204,800` */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}
