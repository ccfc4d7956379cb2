/**
 * One layer's output over a span of its frames, computed from the input over that span's
 * receptive field only (the halo rule): each layer on the way runs as a valid conv (padding 0)
 * over its input span with the true zero padding written in explicitly where the span reaches
 * outside the data, so every frame computed equals the full run's, whatever the backend.
 */
import type { Activations, Backend } from '../backend/types';
import type { Conv1dGeometry } from '../model/geometry';
import type { Conv1dLayer, Conv1dStack } from '../model/types';
import { clipSpan, inputSpanOf, type FrameSpan, type FrameStep } from './receptive-field';

/** `[nChannels, nFrames]` row-major values of frames first … first + nFrames − 1. */
export interface SpanValues extends Activations {
  first: number;
}

export interface SpanContext {
  stack: Conv1dStack;
  input: Activations;
  /** planStack's geometry of every layer for this input (its frame counts). */
  plan: readonly Conv1dGeometry[];
  steps: readonly FrameStep[];
  backend: Backend;
}

/** Frames of layer `layer`'s output (−1: the input itself) in this run. */
export function framesAt(context: SpanContext, layer: number): number {
  return layer < 0 ? context.input.nFrames : context.plan[layer]!.outFrames;
}

/** Channels of layer `layer`'s output (−1: the input). */
function channelsAt(context: SpanContext, layer: number): number {
  return layer < 0 ? context.input.nChannels : context.stack.layers[layer]!.outChannels;
}

/**
 * The values of layer `layer`'s output (−1: the input) over `span`, which may reach outside
 * 0…T−1: frames there are the next layer's zero padding and come back as zeros.
 */
export async function spanValues(context: SpanContext, layer: number, span: FrameSpan): Promise<SpanValues> {
  const nChannels = channelsAt(context, layer);
  const nFrames = span.last - span.first + 1;
  const values: SpanValues = {
    first: span.first,
    nChannels,
    nFrames,
    data: new Float32Array(nChannels * nFrames),
  };
  const inside = clipSpan(span, framesAt(context, layer));
  if (!inside) return values;
  const computed = layer < 0 ? inputSlice(context.input, inside) : await computeSpan(context, layer, inside);
  const offset = inside.first - span.first;
  for (let c = 0; c < nChannels; c++) {
    const from = computed.data.subarray(c * computed.nFrames, (c + 1) * computed.nFrames);
    values.data.set(from, c * nFrames + offset);
  }
  return values;
}

function inputSlice(input: Activations, span: FrameSpan): SpanValues {
  const nFrames = span.last - span.first + 1;
  const data = new Float32Array(input.nChannels * nFrames);
  for (let c = 0; c < input.nChannels; c++) {
    const start = c * input.nFrames + span.first;
    data.set(input.data.subarray(start, start + nFrames), c * nFrames);
  }
  return { first: span.first, nChannels: input.nChannels, nFrames, data };
}

/** Each layer as a valid conv, made once per layer so a backend's per-layer caches (folded weights) hold. */
const validLayers = new WeakMap<Conv1dLayer, Conv1dLayer>();

function validLayer(conv: Conv1dLayer): Conv1dLayer {
  let valid = validLayers.get(conv);
  if (!valid) {
    valid = { ...conv, padding: 0 };
    validLayers.set(conv, valid);
  }
  return valid;
}

/** Layer `layer`'s output over `span` (inside 0…T−1), as a valid conv over the padded input span. */
async function computeSpan(context: SpanContext, layer: number, span: FrameSpan): Promise<SpanValues> {
  const conv = context.stack.layers[layer]!;
  const padded = await spanValues(context, layer - 1, inputSpanOf(context.steps[layer]!, span));
  const valid: Conv1dStack = {
    kind: `${context.stack.kind}, ${conv.name} over frames ${span.first}…${span.last}`,
    layout: 'sequential',
    layers: [validLayer(conv)],
    residual: false,
  };
  const { residual } = await context.backend.run(valid, padded);
  return { ...residual, first: span.first };
}
