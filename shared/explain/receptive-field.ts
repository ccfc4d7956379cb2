/**
 * Which input frames one output frame of a Conv1d stack depends on: the interval is carried back
 * through the layers, last to first. For layer (kernel k, stride s, left padding p, dilation d),
 * output frames [a, b] read input frames [a·s − p, b·s − p + d·(k − 1)] (padding zeros outside 0…T−1).
 * Tacotron 2's post-net: five k=5, p=2 layers → 21 frames centred on the output frame.
 */
import type { LayerSummary } from '../../../shared/api/contract';

export interface FrameSpan {
  /** First and last input frame, inclusive; may reach outside the data (the padding). */
  first: number;
  last: number;
}

export function receptiveField(layers: readonly LayerSummary[], frame: number): FrameSpan {
  let first = frame;
  let last = frame;
  for (let i = layers.length - 1; i >= 0; i--) {
    const { stride, padLeft, dilation, kernelSize } = layers[i]!;
    first = first * stride - padLeft;
    last = last * stride - padLeft + dilation * (kernelSize - 1);
  }
  return { first, last };
}

/** Layers 0 … `layer` inclusive: what the output of `layer` was computed by. */
export function layersThrough(layers: readonly LayerSummary[], layer: number): readonly LayerSummary[] {
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
