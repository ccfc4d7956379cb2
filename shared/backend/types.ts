import type { CancelSignal } from '../cancel';
import type { Conv1dStack } from '../model/types';

/** `[channels, frames]` row-major, the layout of one item of a PyTorch `[batch, channels, T]` tensor. */
export interface Activations {
  nChannels: number;
  nFrames: number;
  data: Float32Array;
}

export interface RunProgress {
  /** Layers finished so far, and how many there are. */
  layersDone: number;
  layerCount: number;
  /** Fraction of all work done, 0…1 (finer than layers on long inputs). */
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

export interface RunResult {
  /** The stack's output, `stack(input)`: what the post-net predicts. */
  residual: Activations;
  /** `input + residual` when the stack is residual (shapes must match), else the same as `residual`. */
  output: Activations;
  /** Requested layer outputs, keyed by layer index. */
  activations?: ReadonlyMap<number, Activations>;
}

/**
 * One way to run a Conv1dStack. The pure-TypeScript backend is the reference; faster ones
 * (native, WASM) implement the same function shape and must agree with it.
 */
export interface Backend {
  name: string;
  run(stack: Conv1dStack, input: Activations, options?: RunOptions): Promise<RunResult>;
}
