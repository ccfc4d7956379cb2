import type { CancelSignal } from '../cancel';
import type { Conv1dStack } from '../model/types';
import type { ChunkPlan, FrameRange } from './chunks';

/** `[channels, frames]` row-major, the layout of one item of a PyTorch `[batch, channels, T]` tensor. */
export interface Activations {
  nChannels: number;
  nFrames: number;
  data: Float32Array;
}

/** Frames [firstFrame, firstFrame + nFrames) of a longer `[channels, T]` sequence. */
export interface FrameWindow extends Activations {
  firstFrame: number;
}

export interface RunProgress {
  /** Layers finished so far, and how many this run computes (up to `stopAfterLayer` + 1). */
  layersDone: number;
  layerCount: number;
  /** Fraction of this run's work done, 0…1 (finer than layers on long inputs). */
  fraction: number;
}

export interface RunOptions {
  /** Checked between chunks of work (a few ms each); when aborted, `run` rejects with CancelledError. */
  signal?: CancelSignal;
  onProgress?: (progress: RunProgress) => void;
  /** Layer indices whose outputs (after activation) are returned in `activations`. */
  keepActivations?: readonly number[];
  /**
   * Awaited between chunks so the host's event loop can run (and deliver a cancel message):
   * e.g. `() => new Promise((resolve) => setTimeout(resolve, 0))`. Without it the run only awaits
   * microtasks, which is enough for a signal set from the same thread or through shared memory.
   */
  yieldToHost?: () => Promise<void>;
}

/** A run that computes layers 0 … `stopAfterLayer` and nothing after them. */
export interface StopRunOptions extends RunOptions {
  /** The last layer to compute (0-based); its output is always returned. */
  stopAfterLayer: number;
}

export interface RunResult {
  /** The stack's output, `stack(input)`: what the post-net predicts. */
  residual: Activations;
  /** `input + residual` when the stack is residual (shapes must match), else the same as `residual`. */
  output: Activations;
  /** Requested layer outputs, keyed by layer index. */
  activations?: ReadonlyMap<number, Activations>;
}

export interface StoppedRunResult {
  stoppedAfterLayer: number;
  /** The kept layer outputs, keyed by layer index: `keepActivations` up to the stop, and the stop layer's. */
  activations: ReadonlyMap<number, Activations>;
}

/** What one chunk of a chunked run contributes: its own frames of the output and kept layers. */
export interface ChunkRunResult {
  index: number;
  /** The stack's output over the chunk's own frames of the last layer, and those frames. */
  own: FrameRange;
  residual: Activations;
  /** `input + residual` over those frames for a residual stack, else the residual itself. */
  output: Activations;
  /** Kept layers over their own frames (`ownOf` the layer in the plan), keyed by layer index. */
  activations: ReadonlyMap<number, FrameWindow>;
}

/**
 * One way to run a Conv1dStack. The pure-TypeScript backend is the reference; faster ones
 * (native, WASM) implement the same function shapes and must agree with it.
 */
export interface Backend {
  name: string;
  /** Runs every layer and adds the residual. */
  run(stack: Conv1dStack, input: Activations, options?: RunOptions): Promise<RunResult>;
  /**
   * Runs layers 0 … `options.stopAfterLayer` only, as `run` would compute them (same numbers),
   * so a layer's output costs the layers up to it and no more. Progress reaches 1 at the stop.
   */
  runUntil(stack: Conv1dStack, input: Activations, options: StopRunOptions): Promise<StoppedRunResult>;
  /**
   * Runs chunk `index` of `plan` (chunks.ts planChunks) from a window of the input that holds the
   * frames the chunk reads: what a host gives each of its workers. Chunks of one plan are
   * independent, and their own frames, put together (assembleChunks), equal `run`'s bit for bit.
   */
  runChunk(
    stack: Conv1dStack,
    input: FrameWindow,
    plan: ChunkPlan,
    index: number,
    options?: RunOptions,
  ): Promise<ChunkRunResult>;
}
