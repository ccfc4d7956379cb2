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
 * first layer (up to `lastLayer`) that produced one. Finding that layer reruns the stack layer by
 * layer: the cost falls on a run that fails anyway.
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
  for (let i = 0; i <= lastLayer; i++) {
    const run = await backend.runUntil(stack, input, { ...options, stopAfterLayer: i });
    const first = firstBadCell(run.activations.get(i)!);
    if (first) {
      const layer = stack.layers[i]!;
      throw new NonFiniteResultError(
        `${found}: ${layer.name} (layer ${i}) first gives ${first.value} at channel ${first.channel}, ` +
          `frame ${first.frame} (its weights or BatchNorm overflow float32)`,
      );
    }
  }
  throw new NonFiniteResultError(`${found}: input + residual overflows float32`);
}
