/**
 * What every TypeScript backend shares: checking the input, running layer kernels chunk by chunk
 * over output frames (progress, cancellation, yielding between chunks), keeping activations and
 * adding the residual, or stopping after a layer. Backends differ only in their LayerKernel.
 */
import { throwIfCancelled } from '../cancel';
import { ShapeMismatchError, formatShape } from '../errors';
import { conv1dGeometry, layerMacs, type Conv1dGeometry } from '../model/geometry';
import type { Conv1dLayer, Conv1dStack } from '../model/types';
import { describeWeight, validateLayer } from '../model/validate';
import type { Activations, Backend, RunOptions } from './types';

/** One layer bound to one input: computes conv, batch norm and activation for a range of frames. */
export interface LayerKernel {
  /** `[outChannels, outFrames]`, filled range by range. */
  readonly output: Float32Array;
  /** Computes output frames [t0, t1) of every channel. */
  run(t0: number, t1: number): void;
}

export type KernelFactory = (layer: Conv1dLayer, input: Activations, geometry: Conv1dGeometry) => LayerKernel;

/**
 * About this many multiply-accumulates (≈ 20 ms of the TypeScript kernel) between cancellation
 * checks and progress reports, unless the backend sets its own `chunkMacs`.
 */
const CHUNK_MACS = 64_000_000;
/**
 * Chunks start on multiples of this many frames: the fast kernel's time block (4) and every
 * Winograd tile size (2, 3, 4, 6) divide it, so a frame's tile, and so its value, never depends
 * on where a chunk starts.
 */
export const FRAME_ALIGN = 24;

export interface KernelBackendOptions {
  /** Multiply-accumulates per chunk (default 64 M). */
  chunkMacs?: number;
}

/**
 * The geometry of layers 0 … `lastLayer` (default: every layer) for this input, checking each of
 * them, the chain and the input first, so a bad input fails before any work.
 */
export function planStack(
  stack: Conv1dStack,
  input: Activations,
  lastLayer = stack.layers.length - 1,
): Conv1dGeometry[] {
  const first = stack.layers[0];
  if (!first) throw new ShapeMismatchError(`${stack.kind} has no layers`);
  if (input.data.length !== input.nChannels * input.nFrames) {
    throw new ShapeMismatchError(
      `input data has ${input.data.length} values, its shape ${formatShape([input.nChannels, input.nFrames])} says ${input.nChannels * input.nFrames}`,
    );
  }
  if (input.nChannels !== first.inChannels) {
    throw new ShapeMismatchError(
      `${first.name} takes ${first.inChannels} channels (${describeWeight(first)}) but the input has ` +
        `${input.nChannels} (shape ${formatShape([input.nChannels, input.nFrames])})`,
    );
  }
  const plan: Conv1dGeometry[] = [];
  let frames = input.nFrames;
  let channels = input.nChannels;
  for (const layer of stack.layers.slice(0, lastLayer + 1)) {
    validateLayer(layer);
    if (layer.inChannels !== channels) {
      throw new ShapeMismatchError(
        `${layer.name} takes ${layer.inChannels} channels, it is given ${channels}`,
      );
    }
    const geometry = conv1dGeometry(layer, frames);
    plan.push(geometry);
    frames = geometry.outFrames;
    channels = layer.outChannels;
  }
  return plan;
}

/** Throws unless `layer` is an index into the stack and no kept layer lies after it (a caller's mistake). */
function checkStopLayer(stack: Conv1dStack, layer: number, keep: readonly number[]): void {
  const count = stack.layers.length;
  if (!Number.isInteger(layer) || layer < 0 || layer >= count) {
    throw new RangeError(
      `cannot stop after layer ${layer}: ${stack.kind} has ${count} layers (0…${count - 1})`,
    );
  }
  const late = keep.find((kept) => kept > layer);
  if (late !== undefined) {
    throw new RangeError(`cannot keep layer ${late}'s output in a run that stops after layer ${layer}`);
  }
}

/**
 * Runs layers 0 … `lastLayer` chunk by chunk: progress over those layers' multiply-accumulates
 * (so it reaches 1 at the last one), a cancellation check and a yield between chunks. Returns
 * the last layer's output and the kept ones; a layer's output is dropped once the next is done.
 */
async function runLayers(
  makeKernel: KernelFactory,
  stack: Conv1dStack,
  input: Activations,
  lastLayer: number,
  options: RunOptions,
  chunkMacs: number,
): Promise<{ last: Activations; activations: Map<number, Activations> }> {
  const plan = planStack(stack, input, lastLayer);
  const keep = new Set(options.keepActivations ?? []);
  const layers = stack.layers.slice(0, lastLayer + 1);
  const totalMacs = layers.reduce((sum, layer, i) => sum + layerMacs(layer, plan[i]!.outFrames), 0);
  const activations = new Map<number, Activations>();
  let doneMacs = 0;
  let current = input;
  for (let i = 0; i < layers.length; i++) {
    const layer = layers[i]!;
    const geometry = plan[i]!;
    throwIfCancelled(options.signal, 'the post-net run');
    const kernel = makeKernel(layer, current, geometry);
    const macsPerFrame = layerMacs(layer, 1);
    const chunk = Math.max(FRAME_ALIGN, Math.floor(chunkMacs / macsPerFrame / FRAME_ALIGN) * FRAME_ALIGN);
    for (let t0 = 0; t0 < geometry.outFrames; t0 += chunk) {
      const t1 = Math.min(geometry.outFrames, t0 + chunk);
      kernel.run(t0, t1);
      doneMacs += macsPerFrame * (t1 - t0);
      options.onProgress?.({
        layersDone: t1 === geometry.outFrames ? i + 1 : i,
        layerCount: layers.length,
        fraction: totalMacs > 0 ? doneMacs / totalMacs : 1,
      });
      await (options.yieldToHost ? options.yieldToHost() : Promise.resolve());
      throwIfCancelled(options.signal, 'the post-net run');
    }
    current = { nChannels: layer.outChannels, nFrames: geometry.outFrames, data: kernel.output };
    if (keep.has(i)) activations.set(i, current);
  }
  return { last: current, activations };
}

/** A Backend (`run` and `runUntil`) from one layer kernel: what every TypeScript backend is. */
export function backendFromKernel(
  name: string,
  makeKernel: KernelFactory,
  kernelOptions: KernelBackendOptions = {},
): Backend {
  const chunkMacs = kernelOptions.chunkMacs ?? CHUNK_MACS;
  return {
    name,
    async run(stack, input, options = {}) {
      const { last, activations } = await runLayers(
        makeKernel,
        stack,
        input,
        stack.layers.length - 1,
        options,
        chunkMacs,
      );
      return { residual: last, output: addResidual(stack, input, last), activations };
    },
    async runUntil(stack, input, options) {
      const { stopAfterLayer } = options;
      checkStopLayer(stack, stopAfterLayer, options.keepActivations ?? []);
      const { last, activations } = await runLayers(
        makeKernel,
        stack,
        input,
        stopAfterLayer,
        options,
        chunkMacs,
      );
      activations.set(stopAfterLayer, last);
      return { stoppedAfterLayer: stopAfterLayer, activations };
    },
  };
}

/** `input + residual` for a residual stack; the residual itself otherwise. */
function addResidual(stack: Conv1dStack, input: Activations, residual: Activations): Activations {
  if (!stack.residual) return residual;
  if (residual.nChannels !== input.nChannels || residual.nFrames !== input.nFrames) {
    throw new ShapeMismatchError(
      `${stack.kind} is residual but its output ${formatShape([residual.nChannels, residual.nFrames])} ` +
        `does not match its input ${formatShape([input.nChannels, input.nFrames])}, so they cannot be added`,
    );
  }
  const data = new Float32Array(input.data.length);
  for (let i = 0; i < data.length; i++) data[i] = input.data[i]! + residual.data[i]!;
  return { nChannels: input.nChannels, nFrames: input.nFrames, data };
}
