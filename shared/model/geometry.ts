/**
 * Sizes derived once per layer and input length, PyTorch's conv1d arithmetic:
 * outFrames = ⌊(inFrames + padLeft + padRight − dilation·(kernelSize − 1) − 1) / stride⌋ + 1.
 */
import { ShapeMismatchError } from '../errors';
import type { Conv1dHyperparams, Conv1dPadding } from './types';

/** What a layer's geometry depends on: its hyperparameters, and its name for messages. */
export type LayerShape = Conv1dHyperparams & { name: string };

export interface Conv1dGeometry {
  inChannels: number;
  outChannels: number;
  kernelSize: number;
  stride: number;
  dilation: number;
  groups: number;
  /** Input channels each filter sees, and output channels per group. */
  inPerGroup: number;
  outPerGroup: number;
  /** Zeros before frame 0 and after the last frame. */
  padLeft: number;
  padRight: number;
  inFrames: number;
  outFrames: number;
}

/** What fixes a layer's output length: kernel, stride, dilation and the zeros on each side. */
export interface FrameArithmetic {
  kernelSize: number;
  stride: number;
  dilation: number;
  padLeft: number;
  padRight: number;
}

/**
 * PyTorch's Conv1d output length for `inFrames` input frames; ≤ 0 when the padded input is
 * shorter than the kernel's span (conv1dGeometry refuses that case with a message).
 */
export function conv1dOutFrames(layer: FrameArithmetic, inFrames: number): number {
  const span = layer.dilation * (layer.kernelSize - 1) + 1;
  return Math.floor((inFrames + layer.padLeft + layer.padRight - span) / layer.stride) + 1;
}

/** Left and right zero padding; `'same'` puts the odd frame on the right, as PyTorch does. */
export function resolvePadding(
  padding: Conv1dPadding,
  kernelSize: number,
  dilation: number,
): { padLeft: number; padRight: number } {
  if (padding !== 'same') return { padLeft: padding, padRight: padding };
  const total = dilation * (kernelSize - 1);
  const padLeft = Math.floor(total / 2);
  return { padLeft, padRight: total - padLeft };
}

/** The geometry of `layer` over `inFrames` frames; throws when the input is too short. */
export function conv1dGeometry(layer: LayerShape, inFrames: number): Conv1dGeometry {
  const { kernelSize, stride, dilation, groups } = layer;
  const { padLeft, padRight } = resolvePadding(layer.padding, kernelSize, dilation);
  const span = dilation * (kernelSize - 1) + 1;
  const padded = inFrames + padLeft + padRight;
  if (padded < span) {
    throw new ShapeMismatchError(
      `${layer.name}: an input of ${inFrames} frames (${padded} with padding) is shorter than the kernel's ` +
        `span of ${span} frames (kernel ${kernelSize}, dilation ${dilation}); it needs at least ` +
        `${span - padLeft - padRight} frames`,
    );
  }
  return {
    inChannels: layer.inChannels,
    outChannels: layer.outChannels,
    kernelSize,
    stride,
    dilation,
    groups,
    inPerGroup: layer.inChannels / groups,
    outPerGroup: layer.outChannels / groups,
    padLeft,
    padRight,
    inFrames,
    outFrames: conv1dOutFrames({ kernelSize, stride, dilation, padLeft, padRight }, inFrames),
  };
}

/** Multiply-accumulates one layer does over `outFrames` output frames (FLOPs are twice this). */
export function layerMacs(layer: Conv1dHyperparams, outFrames: number): number {
  return layer.outChannels * (layer.inChannels / layer.groups) * layer.kernelSize * outFrames;
}
