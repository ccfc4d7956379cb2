/**
 * A layer's output as the window shows it: its expression, its shape for the current input, how
 * many bytes it takes, and whether the window will hold it. Pure, so the numbers are unit-tested.
 */
import type { LayerSummary } from '../../../shared/api/contract';
import { conv1dOutFrames } from '../../../shared/model/geometry';

/**
 * The largest layer output the window fetches: 128 MB of float32 = 512 channels × 62,500 frames
 * (12 min at hop 256 / 22.05 kHz). Ten minutes (51,680 frames) is 106 MB and fits; longer inputs
 * say so in the pane instead of growing the page past what a renderer comfortably holds.
 */
export const MAX_LAYER_OUTPUT_BYTES = 128e6;

/** `conv 2`: layers are counted from 0, as in the layer list and the state_dict keys. */
export function layerLabel(layer: number): string {
  return `conv ${layer}`;
}

/** `tanh(BN(Conv1d(512, 512, k=5)))`: what the layer computes, innermost first. */
export function layerExpression(layer: LayerSummary): string {
  const args = [`${layer.inChannels}`, `${layer.outChannels}`, `k=${layer.kernelSize}`];
  if (layer.stride !== 1) args.push(`stride=${layer.stride}`);
  if (layer.dilation !== 1) args.push(`dilation=${layer.dilation}`);
  if (layer.groups !== 1) args.push(`groups=${layer.groups}`);
  let expression = `Conv1d(${args.join(', ')})`;
  if (layer.batchNorm) expression = `BN(${expression})`;
  if (layer.activation !== 'identity') expression = `${layer.activation}(${expression})`;
  return expression;
}

/** Frames out of layer `layer` for an input of `nFrames` frames (≤ 0 when the input is too short). */
export function layerOutputFrames(layers: readonly LayerSummary[], layer: number, nFrames: number): number {
  let frames = nFrames;
  for (let i = 0; i <= layer && i < layers.length; i++) frames = conv1dOutFrames(layers[i]!, frames);
  return frames;
}

export interface LayerOutputSize {
  /** `[outChannels, frames]`. */
  shape: readonly [number, number];
  bytes: number;
  /** False when the output is over MAX_LAYER_OUTPUT_BYTES (the window will not fetch it). */
  fits: boolean;
}

export function layerOutputSize(
  layers: readonly LayerSummary[],
  layer: number,
  nFrames: number,
): LayerOutputSize {
  const summary = layers[layer];
  if (!summary)
    throw new RangeError(`layer ${layer} does not exist: the weights have ${layers.length} layers`);
  const frames = Math.max(0, layerOutputFrames(layers, layer, nFrames));
  const bytes = summary.outChannels * frames * 4;
  return { shape: [summary.outChannels, frames], bytes, fits: bytes <= MAX_LAYER_OUTPUT_BYTES };
}

/** `106 MB` (decimal megabytes, like file managers). */
export function formatMegabytes(bytes: number): string {
  const mb = bytes / 1e6;
  return mb >= 10 ? `${Math.round(mb)} MB` : `${mb.toFixed(1)} MB`;
}
