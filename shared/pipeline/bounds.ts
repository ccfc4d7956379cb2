/**
 * What a run of a stack may allocate, checked before it starts, and what it gave, checked before
 * anyone uses it: every layer's output fits the caps below, and no result holds NaN or ±Inf (a
 * BatchNorm with running_var + eps near 0, weights near float32's limit). Caps are documented in
 * docs/engine.md, "Limits".
 */
import type { Activations, Backend, RunOptions } from '../backend/types';
import { ModelBuildError, NonFiniteResultError } from '../errors';
import { conv1dOutFrames, resolvePadding } from '../model/geometry';
import type { Conv1dStack } from '../model/types';
import { firstNonFinite } from '../tensor';

/**
 * Most frames a stack may add to its input (through padding): real stacks keep T ('same' padding)
 * or add a few; the layer JSON's caps allow 8192 per layer, this bounds the sum.
 */
export const MAX_FRAME_GROWTH = 16_384;

/** Most values one layer's output may hold: 2^29 float32 is 2 GiB ([512, T] for 3.4 h of audio). */
export const MAX_ACTIVATION_VALUES = 2 ** 29;

/** Refuses a run whose layer outputs would exceed the caps, naming the first layer that would. */
export function checkRunSizes(
  stack: Conv1dStack,
  inFrames: number,
  lastLayer = stack.layers.length - 1,
): void {
  let frames = inFrames;
  for (let i = 0; i <= lastLayer; i++) {
    const layer = stack.layers[i]!;
    const { padLeft, padRight } = resolvePadding(layer.padding, layer.kernelSize, layer.dilation);
    const { kernelSize, stride, dilation } = layer;
    frames = conv1dOutFrames({ kernelSize, stride, dilation, padLeft, padRight }, frames);
    if (frames <= 0) return; // too short: the backend's geometry check says so, naming the layer
    if (frames > inFrames + MAX_FRAME_GROWTH) {
      throw new ModelBuildError(
        `${layer.name} (layer ${i}) would give ${frames} frames from ${inFrames} input frames; a stack may add ` +
          `at most ${MAX_FRAME_GROWTH} frames through its padding`,
      );
    }
    if (layer.outChannels * frames > MAX_ACTIVATION_VALUES) {
      throw new ModelBuildError(
        `${layer.name} (layer ${i}) would give [${layer.outChannels}, ${frames}] = ${layer.outChannels * frames} ` +
          `values; at most ${MAX_ACTIVATION_VALUES} are held per layer (process the audio in shorter files)`,
      );
    }
  }
}

/** `value at channel c, frame t` of the first non-finite value in `[nChannels, nFrames]` data, or null. */
function firstBadCell(a: Activations): { value: number; channel: number; frame: number } | null {
  const at = firstNonFinite(a.data);
  if (at < 0) return null;
  return { value: a.data[at]!, channel: Math.floor(at / a.nFrames), frame: at % a.nFrames };
}

/**
 * Throws NonFiniteResultError when `result` holds NaN or ±Inf, naming where it appears and the
 * first layer (up to `lastLayer`) that produced one. For a stack that keeps T (stride 1, padding
 * dilation·(k − 1) in all, as post-nets do) that layer is found by rerunning only the frames the
 * bad cell depends on; otherwise by rerunning the stack layer by layer.
 */
export async function checkFinite(
  what: string,
  result: Activations,
  stack: Conv1dStack,
  input: Activations,
  backend: Backend,
  options: RunOptions,
  lastLayer = stack.layers.length - 1,
): Promise<void> {
  const bad = firstBadCell(result);
  if (!bad) return;
  const found = `${what} would hold ${bad.value} at channel ${bad.channel}, frame ${bad.frame}`;
  const first = keepsFrames(stack, lastLayer)
    ? await firstBadLayerInCone(stack, input, bad.frame, backend, options, lastLayer)
    : await firstBadLayer(stack, input, backend, options, lastLayer);
  if (first) {
    const layer = stack.layers[first.layer]!;
    throw new NonFiniteResultError(
      `${found}: ${layer.name} (layer ${first.layer}) first gives ${first.value} at channel ${first.channel}, ` +
        `frame ${first.frame} (its weights or BatchNorm overflow float32)`,
    );
  }
  throw new NonFiniteResultError(`${found}: input + residual overflows float32`);
}

interface BadLayer {
  layer: number;
  value: number;
  channel: number;
  frame: number;
}

/** Zeros before and after each layer's input, for layers 0 … lastLayer. */
function pads(stack: Conv1dStack, lastLayer: number): { left: number; right: number }[] {
  return stack.layers.slice(0, lastLayer + 1).map((layer) => {
    const { padLeft, padRight } = resolvePadding(layer.padding, layer.kernelSize, layer.dilation);
    return { left: padLeft, right: padRight };
  });
}

/** Whether every layer up to `lastLayer` gives back the frames it takes at the same positions. */
function keepsFrames(stack: Conv1dStack, lastLayer: number): boolean {
  return pads(stack, lastLayer).every(
    ({ left, right }, i) =>
      stack.layers[i]!.stride === 1 &&
      left + right === stack.layers[i]!.dilation * (stack.layers[i]!.kernelSize - 1),
  );
}

/**
 * Runs the stack over the input frames that output frame `frame` depends on (a few dozen for a
 * post-net) and returns the first layer with a non-finite value among the frames of its output
 * that reach `frame`: those equal the full run's, since their own inputs all lie in the crop.
 */
async function firstBadLayerInCone(
  stack: Conv1dStack,
  input: Activations,
  frame: number,
  backend: Backend,
  options: RunOptions,
  lastLayer: number,
): Promise<BadLayer | null> {
  const p = pads(stack, lastLayer);
  // Frames of layer l's output that reach `frame`: [frame − before[l], frame + after[l]].
  const before: number[] = new Array<number>(lastLayer + 1).fill(0);
  const after: number[] = new Array<number>(lastLayer + 1).fill(0);
  for (let l = lastLayer - 1; l >= 0; l--) {
    before[l] = before[l + 1]! + p[l + 1]!.left;
    after[l] = after[l + 1]! + p[l + 1]!.right;
  }
  const start = Math.max(0, frame - before[0]! - p[0]!.left);
  const end = Math.min(input.nFrames, frame + after[0]! + p[0]!.right + 1);
  const width = end - start;
  const crop = new Float32Array(input.nChannels * width);
  for (let c = 0; c < input.nChannels; c++) {
    crop.set(input.data.subarray(c * input.nFrames + start, c * input.nFrames + end), c * width);
  }
  const keep = Array.from({ length: lastLayer + 1 }, (_, l) => l);
  const run = await backend.runUntil(
    stack,
    { nChannels: input.nChannels, nFrames: width, data: crop },
    { ...options, stopAfterLayer: lastLayer, keepActivations: keep },
  );
  for (let l = 0; l <= lastLayer; l++) {
    const a = run.activations.get(l)!;
    const lo = Math.max(start, frame - before[l]!);
    const hi = Math.min(end - 1, frame + after[l]!);
    for (let c = 0; c < a.nChannels; c++) {
      for (let f = lo; f <= hi; f++) {
        const value = a.data[c * a.nFrames + (f - start)]!;
        if (value - value !== 0) return { layer: l, value, channel: c, frame: f };
      }
    }
  }
  return null;
}

/** The first layer whose whole output holds a non-finite value, rerunning the stack up to each. */
async function firstBadLayer(
  stack: Conv1dStack,
  input: Activations,
  backend: Backend,
  options: RunOptions,
  lastLayer: number,
): Promise<BadLayer | null> {
  for (let i = 0; i <= lastLayer; i++) {
    const run = await backend.runUntil(stack, input, { ...options, stopAfterLayer: i });
    const cell = firstBadCell(run.activations.get(i)!);
    if (cell) return { layer: i, ...cell };
  }
  return null;
}
