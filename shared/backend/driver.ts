/**
 * What every TypeScript backend shares: checking the input, running layer kernels chunk by chunk
 * over output frames (progress, cancellation, yielding between chunks), keeping activations and
 * adding the residual, or stopping after a layer. Backends differ only in their LayerKernel.
 */
import { throwIfCancelled } from '../cancel';
import { ShapeMismatchError, formatShape } from '../errors';
import { layerMacs, type Conv1dGeometry } from '../model/geometry';
import type { Conv1dLayer, Conv1dStack } from '../model/types';
import { localGeometry, planChunks, type ChunkPlan, type FrameRange, type StackChunk } from './chunks';
import { runChunkWith } from './chunk-run';
import { FRAME_ALIGN, planStack } from './plan';

/** Re-exported where it used to live (shared/explain imports it from here). */
export { planStack } from './plan';
import type { Activations, Backend, FrameWindow, RunOptions } from './types';

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
export interface KernelBackendOptions {
  /** Multiply-accumulates per chunk (default 64 M). */
  chunkMacs?: number;
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
 * Runs layers 0 … plan.lastLayer of one chunk, each in slices of output frames: progress over
 * the chunk's multiply-accumulates (so it reaches 1 at its last layer), a cancellation check and
 * a yield between slices. Layer i reads the window the layer before computed (the chunk's input
 * for layer 0) through a local geometry. Returns the last layer's window and the kept ones; a
 * layer's output is dropped once the next is done otherwise.
 */
export async function runChunkLayers(
  makeKernel: KernelFactory,
  stack: Conv1dStack,
  plan: ChunkPlan,
  chunk: StackChunk,
  input: FrameWindow,
  options: RunOptions,
  chunkMacs: number,
): Promise<{ last: FrameWindow; activations: Map<number, FrameWindow> }> {
  checkWindow(input, chunk.input, plan.nFrames);
  const keep = new Set(options.keepActivations ?? []);
  const layers = stack.layers.slice(0, plan.lastLayer + 1);
  const frames = (i: number) => chunk.layers[i]!.compute.end - chunk.layers[i]!.compute.start;
  const totalMacs = layers.reduce((sum, layer, i) => sum + layerMacs(layer, frames(i)), 0);
  const activations = new Map<number, FrameWindow>();
  let doneMacs = 0;
  let current = input;
  for (let i = 0; i < layers.length; i++) {
    const layer = layers[i]!;
    const { compute } = chunk.layers[i]!;
    const geometry = localGeometry(plan.geometry[i]!, current.firstFrame, current.nFrames, compute);
    throwIfCancelled(options.signal, 'the post-net run');
    const kernel = makeKernel(layer, current, geometry);
    const macsPerFrame = layerMacs(layer, 1);
    const slice = Math.max(FRAME_ALIGN, Math.floor(chunkMacs / macsPerFrame / FRAME_ALIGN) * FRAME_ALIGN);
    for (let t0 = 0; t0 < geometry.outFrames; t0 += slice) {
      const t1 = Math.min(geometry.outFrames, t0 + slice);
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
    current = {
      nChannels: layer.outChannels,
      nFrames: geometry.outFrames,
      data: kernel.output,
      firstFrame: compute.start,
    };
    if (keep.has(i)) activations.set(i, current);
  }
  return { last: current, activations };
}

/** Throws unless `input` holds the frames the chunk reads (a caller's mistake, named). */
function checkWindow(input: FrameWindow, needed: FrameRange, nFrames: number): void {
  if (input.data.length !== input.nChannels * input.nFrames) {
    throw new ShapeMismatchError(
      `input data has ${input.data.length} values, its shape ${formatShape([input.nChannels, input.nFrames])} says ${input.nChannels * input.nFrames}`,
    );
  }
  const end = input.firstFrame + input.nFrames;
  if (input.firstFrame > needed.start || end < needed.end || end > nFrames) {
    throw new RangeError(
      `the chunk reads input frames ${needed.start}…${needed.end - 1} of ${nFrames}, it was given ` +
        `${input.firstFrame}…${end - 1}`,
    );
  }
}

/** A whole input as the window starting at frame 0. */
const wholeWindow = (input: Activations): FrameWindow => ({ ...input, firstFrame: 0 });

/** Layers 0 … lastLayer over every frame: one chunk. */
async function runWhole(
  makeKernel: KernelFactory,
  stack: Conv1dStack,
  input: Activations,
  lastLayer: number,
  options: RunOptions,
  chunkMacs: number,
): Promise<{ last: Activations; activations: Map<number, Activations> }> {
  planStack(stack, input, lastLayer);
  const plan = planChunks(stack, input.nChannels, input.nFrames, {
    chunkFrames: Number.MAX_SAFE_INTEGER,
    lastLayer,
  });
  const { last, activations } = await runChunkLayers(
    makeKernel,
    stack,
    plan,
    plan.chunks[0]!,
    wholeWindow(input),
    options,
    chunkMacs,
  );
  return {
    last: withoutOffset(last),
    activations: new Map([...activations].map(([i, a]) => [i, withoutOffset(a)])),
  };
}

const withoutOffset = (w: FrameWindow): Activations => ({
  nChannels: w.nChannels,
  nFrames: w.nFrames,
  data: w.data,
});

/** A Backend (`run`, `runUntil`, `runChunk`) from one layer kernel: what every in-process backend is. */
export function backendFromKernel(
  name: string,
  makeKernel: KernelFactory,
  kernelOptions: KernelBackendOptions = {},
): Backend {
  const chunkMacs = kernelOptions.chunkMacs ?? CHUNK_MACS;
  return {
    name,
    async run(stack, input, options = {}) {
      const { last, activations } = await runWhole(
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
      const { last, activations } = await runWhole(
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
    runChunk: (stack, input, plan, index, options = {}) =>
      runChunkWith(
        (chunk, window, opts) => runChunkLayers(makeKernel, stack, plan, chunk, window, opts, chunkMacs),
        stack,
        input,
        plan,
        index,
        options,
      ),
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
