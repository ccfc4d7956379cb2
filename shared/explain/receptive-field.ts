/**
 * Which input frames one output frame of a Conv1d stack depends on: the interval is carried back
 * through the layers, last to first. For layer (kernel k, stride s, left padding p, dilation d),
 * output frames [a, b] read input frames [a·s − p, b·s − p + d·(k − 1)] (padding zeros outside 0…T−1).
 * Tacotron 2's post-net: five k=5, p=2 layers → 5, 9, 13, 17, 21 frames centred on the output frame.
 */
import { resolvePadding } from '../model/geometry';
import type { Conv1dStack } from '../model/types';

/** What moves a frame interval back through one layer (a LayerSummary has these fields too). */
export interface FrameStep {
  kernelSize: number;
  stride: number;
  dilation: number;
  /** Zeros before frame 0 (resolved: `'same'` already turned into a number). */
  padLeft: number;
}

export interface FrameSpan {
  /** First and last input frame, inclusive; may reach outside the data (the padding). */
  first: number;
  last: number;
}

/** The layers' frame steps with padding resolved (`'same'` → its left zeros). */
export function frameSteps(stack: Conv1dStack): FrameStep[] {
  return stack.layers.map((layer) => ({
    kernelSize: layer.kernelSize,
    stride: layer.stride,
    dilation: layer.dilation,
    padLeft: resolvePadding(layer.padding, layer.kernelSize, layer.dilation).padLeft,
  }));
}

/** The input frames output frames [first, last] of one layer read (unclipped). */
export function inputSpanOf(step: FrameStep, span: FrameSpan): FrameSpan {
  return {
    first: span.first * step.stride - step.padLeft,
    last: span.last * step.stride - step.padLeft + step.dilation * (step.kernelSize - 1),
  };
}

export function receptiveField(layers: readonly FrameStep[], frame: number): FrameSpan {
  let span = { first: frame, last: frame };
  for (let i = layers.length - 1; i >= 0; i--) span = inputSpanOf(layers[i]!, span);
  return span;
}

/** One cell traced back: the frames it touches on the input and on every layer's output up to it. */
export interface ReceptiveFieldTrace {
  /** Input frames (the mel, or the embedded characters), unclipped. */
  input: FrameSpan;
  /** `layers[j]`: frames of layer j's output the cell depends on, j = 0 … layer (the last is the cell). */
  layers: FrameSpan[];
}

/**
 * Frame `frame` of layer `layer`'s output traced back to the input, with the span on each layer's
 * output on the way (for drawing on each pane). Unclipped: clip with clipSpan for the data.
 */
export function traceReceptiveField(
  layers: readonly FrameStep[],
  layer: number,
  frame: number,
): ReceptiveFieldTrace {
  const spans: FrameSpan[] = [];
  let span = { first: frame, last: frame };
  for (let j = layer; j >= 0; j--) {
    spans[j] = span;
    span = inputSpanOf(layers[j]!, span);
  }
  return { input: span, layers: spans };
}

/** Layers 0 … `layer` inclusive: what the output of `layer` was computed by. */
export function layersThrough<T>(layers: readonly T[], layer: number): readonly T[] {
  return layers.slice(0, layer + 1);
}

/** The span clipped to the data, or null when it lies wholly outside. */
export function clipSpan(span: FrameSpan, nFrames: number): FrameSpan | null {
  const first = Math.max(0, span.first);
  const last = Math.min(nFrames - 1, span.last);
  return last >= first ? { first, last } : null;
}

/**
 * The readout's note on a field: `21 frames, 0.244 s`, and near the ends of the data, how many of
 * them are padding (`21 frames, 0.244 s, 9 of them padding`), so that `input frames 0–11` beside
 * "21 frames" adds up.
 */
export function receptiveFieldNote(span: FrameSpan, nFrames: number, secondsPerFrame: number): string {
  const width = span.last - span.first + 1;
  const inside = clipSpan(span, nFrames);
  const padding = width - (inside ? inside.last - inside.first + 1 : 0);
  const note = `${width} frames, ${(width * secondsPerFrame).toFixed(3)} s`;
  return padding > 0 ? `${note}, ${padding} of them padding` : note;
}
