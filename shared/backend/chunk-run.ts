/**
 * Running a chunk plan (chunks.ts): one chunk's own frames from what its layers computed, and the
 * whole run put back together from every chunk's own frames (in any order they arrive).
 */
import { ShapeMismatchError, formatShape } from '../errors';
import type { Conv1dStack } from '../model/types';
import type { ChunkPlan, FrameRange, StackChunk } from './chunks';
import type { Activations, Backend, ChunkRunResult, FrameWindow, RunOptions, RunResult } from './types';

/** Frames `range` of a window that holds them, as a window of its own (a view when it is all of it). */
export function sliceWindow(window: FrameWindow, range: FrameRange): FrameWindow {
  const from = range.start - window.firstFrame;
  const frames = range.end - range.start;
  if (from < 0 || from + frames > window.nFrames) {
    throw new RangeError(
      `frames ${range.start}…${range.end - 1} are not all in the window ${window.firstFrame}…${window.firstFrame + window.nFrames - 1}`,
    );
  }
  if (from === 0 && frames === window.nFrames) return window;
  const data = new Float32Array(window.nChannels * frames);
  for (let c = 0; c < window.nChannels; c++) {
    const row = c * window.nFrames + from;
    data.set(window.data.subarray(row, row + frames), c * frames);
  }
  return { nChannels: window.nChannels, nFrames: frames, data, firstFrame: range.start };
}

/** Runs a chunk's layers (a backend's own way) and cuts out its own frames, adding the residual. */
export async function runChunkWith(
  runLayers: (
    chunk: StackChunk,
    input: FrameWindow,
    options: RunOptions,
  ) => Promise<{ last: FrameWindow; activations: ReadonlyMap<number, FrameWindow> }>,
  stack: Conv1dStack,
  input: FrameWindow,
  plan: ChunkPlan,
  index: number,
  options: RunOptions,
): Promise<ChunkRunResult> {
  const chunk = plan.chunks[index];
  if (!chunk) throw new RangeError(`chunk ${index} does not exist: the plan has ${plan.chunks.length}`);
  const { last, activations } = await runLayers(chunk, input, options);
  const own = chunk.layers[plan.lastLayer]!.own;
  const residual = sliceWindow(last, own);
  let output: Activations = residual;
  if (stack.residual && plan.lastLayer === stack.layers.length - 1) {
    if (residual.nChannels !== input.nChannels || plan.geometry[plan.lastLayer]!.outFrames !== plan.nFrames) {
      throw new ShapeMismatchError(
        `${stack.kind} is residual but its output does not match its input ${formatShape([input.nChannels, plan.nFrames])}`,
      );
    }
    const x = sliceWindow(input, own);
    const data = new Float32Array(residual.data.length);
    for (let i = 0; i < data.length; i++) data[i] = x.data[i]! + residual.data[i]!;
    output = { nChannels: residual.nChannels, nFrames: residual.nFrames, data };
  }
  const kept = new Map<number, FrameWindow>();
  for (const [layer, window] of activations) kept.set(layer, sliceWindow(window, chunk.layers[layer]!.own));
  return { index, own, residual: strip(residual), output: strip(output), activations: kept };
}

const strip = (a: Activations): Activations => ({ nChannels: a.nChannels, nFrames: a.nFrames, data: a.data });

/** One `[channels, frames]` array from chunks' own frames (which partition [0, frames)). */
function assemble(parts: readonly { own: FrameRange; part: Activations }[], frames: number): Activations {
  const nChannels = parts[0]!.part.nChannels;
  const data = new Float32Array(nChannels * frames);
  for (const { own, part } of parts) {
    for (let c = 0; c < nChannels; c++) {
      data.set(part.data.subarray(c * part.nFrames, (c + 1) * part.nFrames), c * frames + own.start);
    }
  }
  return { nChannels, nFrames: frames, data };
}

/** The whole run from every chunk's result: equal to `Backend.run` (and `runUntil`'s kept layers). */
export function assembleChunks(plan: ChunkPlan, results: readonly ChunkRunResult[]): RunResult {
  if (results.length !== plan.chunks.length) {
    throw new RangeError(`the plan has ${plan.chunks.length} chunks, ${results.length} results were given`);
  }
  const frames = plan.geometry[plan.lastLayer]!.outFrames;
  const residual = assemble(
    results.map((r) => ({ own: r.own, part: r.residual })),
    frames,
  );
  const output =
    results[0]!.output === results[0]!.residual
      ? residual
      : assemble(
          results.map((r) => ({ own: r.own, part: r.output })),
          frames,
        );
  const activations = new Map<number, Activations>();
  for (const layer of results[0]!.activations.keys()) {
    const parts = results.map((r) => {
      const part = r.activations.get(layer)!;
      return { own: { start: part.firstFrame, end: part.firstFrame + part.nFrames }, part };
    });
    activations.set(layer, assemble(parts, plan.geometry[layer]!.outFrames));
  }
  return { residual, output, activations };
}

/** Runs every chunk of `plan` in turn on one backend (what a pool of workers does at once). */
export async function runChunked(
  backend: Backend,
  stack: Conv1dStack,
  input: Activations,
  plan: ChunkPlan,
  options: RunOptions = {},
): Promise<RunResult> {
  const whole: FrameWindow = { ...input, firstFrame: 0 };
  const results: ChunkRunResult[] = [];
  for (const chunk of plan.chunks) {
    results.push(await backend.runChunk(stack, sliceWindow(whole, chunk.input), plan, chunk.index, options));
  }
  return assembleChunks(plan, results);
}
