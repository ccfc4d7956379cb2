/**
 * The native backend: the stack as an ONNX graph (onnx-graph.ts) run by a native runtime the host
 * supplies (onnxruntime-node in the CLI and the Electron worker). A run goes through the graph in
 * chunks of time (chunks.ts), so it reports progress and can be cancelled between chunks, and
 * each chunk's input carries the stack's halo, so the output is the whole-input run's; a stack
 * whose layers change the frame count runs in one piece. One session per (stack, last layer,
 * kept layers), created on first use and kept while the stack lives.
 */
import { throwIfCancelled } from '../../cancel';
import type { Conv1dStack } from '../../model/types';
import { assembleChunks, runChunkWith, sliceWindow } from '../chunk-run';
import { planChunks, stackHalo, type ChunkPlan, type StackChunk } from '../chunks';
import { planStack } from '../plan';
import type { Activations, Backend, ChunkRunResult, FrameWindow, RunOptions, RunResult } from '../types';
import { stackToOnnx } from './onnx-graph';
import type { OnnxRuntime, RuntimeSession } from './runtime';

export interface NativeBackendOptions {
  /** Threads the runtime computes on (intra-op). */
  threads: number;
  /** Output frames per chunk (progress and cancellation come between chunks). Default 8,192. */
  chunkFrames?: number;
}

export const NATIVE_CHUNK_FRAMES = 8192;

type SessionKey = string;
const sessionsByStack = new WeakMap<Conv1dStack, Map<SessionKey, Promise<RuntimeSession>>>();

function session(
  runtime: OnnxRuntime,
  stack: Conv1dStack,
  lastLayer: number,
  kept: readonly number[],
  threads: number,
): Promise<RuntimeSession> {
  let sessions = sessionsByStack.get(stack);
  if (!sessions) sessionsByStack.set(stack, (sessions = new Map()));
  const key = `${runtime.name}|${threads}|${lastLayer}|${kept.join(',')}`;
  let made = sessions.get(key);
  if (!made) {
    const model = stackToOnnx(stack, { lastLayer, layerOutputs: kept });
    made = runtime.createSession(model, { threads });
    sessions.set(key, made);
    made.catch(() => sessions.delete(key));
  }
  return made;
}

/** Runs the graph over one input window: the last layer's frames and the kept ones, all the window long. */
async function runWindow(
  s: RuntimeSession,
  stack: Conv1dStack,
  lastLayer: number,
  kept: readonly number[],
  window: FrameWindow,
): Promise<{ last: FrameWindow; activations: Map<number, FrameWindow> }> {
  const lastName =
    lastLayer === stack.layers.length - 1 ? (stack.residual ? 'residual' : 'output') : `layer${lastLayer}`;
  const names = [
    lastName,
    ...kept.filter((k) => k !== lastLayer || lastName !== `layer${k}`).map((k) => `layer${k}`),
  ];
  const result = await s.run({ input: { dims: [1, window.nChannels, window.nFrames], data: window.data } }, [
    ...new Set(names),
  ]);
  const asWindow = (name: string): FrameWindow => {
    const t = result[name]!;
    return { nChannels: t.dims[1]!, nFrames: t.dims[2]!, data: t.data, firstFrame: window.firstFrame };
  };
  const activations = new Map<number, FrameWindow>();
  for (const k of kept) activations.set(k, asWindow(`layer${k}`));
  return { last: asWindow(lastName), activations };
}

export function nativeBackend(runtime: OnnxRuntime, options: NativeBackendOptions): Backend {
  const { threads } = options;
  const chunkFrames = options.chunkFrames ?? NATIVE_CHUNK_FRAMES;

  /** A plan with one chunk per `chunkFrames` when the stack keeps T frames, else one chunk. */
  function plan(stack: Conv1dStack, input: Activations, lastLayer: number): ChunkPlan {
    planStack(stack, input, lastLayer);
    const frames = stackHalo(stack) ? chunkFrames : Number.MAX_SAFE_INTEGER;
    return planChunks(stack, input.nChannels, input.nFrames, { chunkFrames: frames, lastLayer });
  }

  async function runChunk(
    stack: Conv1dStack,
    input: FrameWindow,
    p: ChunkPlan,
    index: number,
    runOptions: RunOptions = {},
  ): Promise<ChunkRunResult> {
    if (p.chunks.length > 1 && !stackHalo(stack)) {
      throw new RangeError(`${stack.kind} changes the frame count: the native backend runs it in one chunk`);
    }
    const kept = [...new Set(runOptions.keepActivations ?? [])].sort((a, b) => a - b);
    const s = await session(runtime, stack, p.lastLayer, kept, threads);
    return runChunkWith(
      // A frame-keeping stack runs on exactly the chunk's frames; any other runs whole (one chunk).
      (chunk: StackChunk, window: FrameWindow) =>
        runWindow(s, stack, p.lastLayer, kept, stackHalo(stack) ? sliceWindow(window, chunk.input) : window),
      stack,
      input,
      p,
      index,
      runOptions,
    );
  }

  async function runPlan(
    stack: Conv1dStack,
    input: Activations,
    p: ChunkPlan,
    runOptions: RunOptions,
  ): Promise<RunResult> {
    const whole: FrameWindow = { ...input, firstFrame: 0 };
    const results: ChunkRunResult[] = [];
    const layerCount = p.lastLayer + 1;
    for (const chunk of p.chunks) {
      throwIfCancelled(runOptions.signal, 'the post-net run');
      results.push(await runChunk(stack, sliceWindow(whole, chunk.input), p, chunk.index, runOptions));
      const done = results.length === p.chunks.length;
      runOptions.onProgress?.({
        layersDone: done ? layerCount : 0,
        layerCount,
        fraction: results.length / p.chunks.length,
      });
      await (runOptions.yieldToHost ? runOptions.yieldToHost() : Promise.resolve());
      throwIfCancelled(runOptions.signal, 'the post-net run');
    }
    return assembleChunks(p, results);
  }

  return {
    name: `native (${runtime.name}, ${threads} thread${threads === 1 ? '' : 's'})`,
    async run(stack, input, runOptions = {}) {
      return runPlan(stack, input, plan(stack, input, stack.layers.length - 1), runOptions);
    },
    async runUntil(stack, input, runOptions) {
      const { stopAfterLayer } = runOptions;
      const count = stack.layers.length;
      if (!Number.isInteger(stopAfterLayer) || stopAfterLayer < 0 || stopAfterLayer >= count) {
        throw new RangeError(
          `cannot stop after layer ${stopAfterLayer}: ${stack.kind} has ${count} layers (0…${count - 1})`,
        );
      }
      const late = (runOptions.keepActivations ?? []).find((k) => k > stopAfterLayer);
      if (late !== undefined) {
        throw new RangeError(
          `cannot keep layer ${late}'s output in a run that stops after layer ${stopAfterLayer}`,
        );
      }
      const result = await runPlan(stack, input, plan(stack, input, stopAfterLayer), runOptions);
      const activations = new Map(result.activations ?? []);
      activations.set(stopAfterLayer, result.residual);
      return { stoppedAfterLayer: stopAfterLayer, activations };
    },
    runChunk,
  };
}
