/**
 * A stack of Conv1d layers as the app runs it: the data model the engine builds from a TensorMap,
 * the backends run and the UI prints. Layouts are PyTorch's.
 */

export type Activation = 'tanh' | 'relu' | 'identity';

/** Eval-mode BatchNorm1d: y = (x − runningMean) / sqrt(runningVar + eps) · weight + bias. */
export interface BatchNorm1dParams {
  numFeatures: number;
  eps: number;
  momentum: number;
  /** `[numFeatures]` each. */
  weight: Float32Array;
  bias: Float32Array;
  runningMean: Float32Array;
  runningVar: Float32Array;
}

export interface Conv1dLayer {
  /** Module path as PyTorch names it, e.g. `postnet.convolutions.0`. */
  name: string;
  inChannels: number;
  outChannels: number;
  kernelSize: number;
  stride: number;
  /** Zeros added on each side of the time axis (PyTorch `padding`; 'same' is resolved when built). */
  padding: number;
  dilation: number;
  groups: number;
  /** `[outChannels, inChannels / groups, kernelSize]`, row-major. */
  weight: Float32Array;
  /** `[outChannels]`, or null for `bias=False`. */
  bias: Float32Array | null;
  batchNorm: BatchNorm1dParams | null;
  activation: Activation;
  /** Keys of the state_dict tensors this layer was built from, for messages and the UI. */
  keys: readonly string[];
}

export interface Conv1dStack {
  /** What the stack is, e.g. `Tacotron 2 post-net`. */
  kind: string;
  layers: readonly Conv1dLayer[];
  /** True for the post-net: the app shows `input + stack(input)` as the output. */
  residual: boolean;
}
