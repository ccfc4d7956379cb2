/**
 * A stack of Conv1d layers as the app runs it: the data model the engine builds from a TensorMap,
 * the backends run and the UI prints. Layouts are PyTorch's.
 */

export type Activation = 'tanh' | 'relu' | 'identity';

/** PyTorch `padding`: zeros on each side, or `'same'` (total dilation·(k − 1), the odd one on the right). */
export type Conv1dPadding = number | 'same';

/** Eval-mode BatchNorm1d: y = (x − runningMean) / sqrt(runningVar + eps) · weight + bias. */
export interface BatchNorm1dParams {
  numFeatures: number;
  eps: number;
  momentum: number;
  /** False when the module has no weight and bias (`affine=False`): they act as 1 and 0. */
  affine: boolean;
  /** `[numFeatures]` each; all ones / all zeros when not affine. */
  weight: Float32Array;
  bias: Float32Array;
  runningMean: Float32Array;
  runningVar: Float32Array;
}

/**
 * What `torch.nn.Conv1d(in_channels, out_channels, kernel_size, stride, padding, dilation, groups)`
 * is constructed with (its `bias` flag aside): declared once, composed by the built layer, the
 * explicit layer spec (architecture.ts) and the summary the window shows (api/contract.ts).
 */
export interface Conv1dHyperparams {
  inChannels: number;
  outChannels: number;
  kernelSize: number;
  stride: number;
  padding: Conv1dPadding;
  dilation: number;
  groups: number;
}

export interface Conv1dLayer extends Conv1dHyperparams {
  /** Module path as PyTorch names it, e.g. `postnet.convolutions.0`. */
  name: string;
  /** `[outChannels, inChannels / groups, kernelSize]`, row-major. */
  weight: Float32Array;
  /** `[outChannels]`, or null for `bias=False`. */
  bias: Float32Array | null;
  batchNorm: BatchNorm1dParams | null;
  activation: Activation;
  /** Keys of the state_dict tensors this layer was built from, for messages and the UI. */
  keys: readonly string[];
}

/**
 * Which PyTorch module structure the stack reproduces (for printing it as `print(model)` does):
 * - `tacotron2-postnet`: NVIDIA/tacotron2 `Postnet` (ModuleList of Sequential(ConvNorm, BatchNorm1d))
 * - `tacotron2-encoder`: the convolutions of its `Encoder`
 * - `coqui-postnet`, `coqui-encoder`: Coqui TTS's Tacotron 2 `Postnet` and `Encoder` (ModuleList
 *   of ConvBNBlock(convolution1d, batch_normalization, dropout, activation))
 * - `espnet-postnet`: ESPnet's Tacotron 2 `Postnet` (ModuleList of Sequential(Conv1d without bias,
 *   [BatchNorm1d], [Tanh], Dropout))
 * - `sequential`: `nn.Sequential(Conv1d, [BatchNorm1d], [Tanh|ReLU], Conv1d, …)` from explicit JSON
 */
export type StackLayout =
  | 'tacotron2-postnet'
  | 'tacotron2-encoder'
  | 'coqui-postnet'
  | 'coqui-encoder'
  | 'espnet-postnet'
  | 'sequential';

/** What a recognised stack is for: the post-net runs over mel frames, the encoder over embedded text. */
export type StackRole = 'postnet' | 'encoder';

/** The role of a recognised layout; null for an explicit architecture. */
export function layoutRole(layout: StackLayout): StackRole | null {
  switch (layout) {
    case 'tacotron2-postnet':
    case 'coqui-postnet':
    case 'espnet-postnet':
      return 'postnet';
    case 'tacotron2-encoder':
    case 'coqui-encoder':
      return 'encoder';
    case 'sequential':
      return null;
  }
}

export interface Conv1dStack {
  /** What the stack is, e.g. `Tacotron 2 post-net`. */
  kind: string;
  layout: StackLayout;
  layers: readonly Conv1dLayer[];
  /** True for the post-net: the app shows `input + stack(input)` as the output. */
  residual: boolean;
}
