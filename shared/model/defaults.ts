/**
 * The untrained built-in weights (the window's Built-in… → Untrained, the CLI's `--weights
 * untrained`; the default is the bundled demo post-net, shared/demo/weights.ts): a Tacotron 2
 * post-net initialised as NVIDIA/tacotron2 initialises it, from a fixed seed so every run gives
 * the same numbers.
 *
 * Per conv (ConvNorm): weight Xavier uniform, bound = gain · sqrt(6 / (fanIn + fanOut)) with
 * fanIn = in · k, fanOut = out · k, gain 5/3 (tanh) for all but the last, 1 (linear) for the last;
 * bias PyTorch's default U(±1/sqrt(fanIn)). BatchNorm1d: weight 1, bias 0, running mean 0, var 1.
 * Values are drawn in key order (weight then bias, layer by layer) from SeededRandom(seed).
 */
import { makeTensor, type TensorMap } from '../tensor';
import { SeededRandom } from './rng';

export const UNTRAINED_WEIGHTS_NAME = 'untrained Tacotron 2 post-net';

/** NVIDIA/tacotron2 hparams.seed. */
export const DEFAULT_SEED = 1234;

export interface PostnetShape {
  /** Mel bands in and out (hparams.n_mel_channels). */
  nMels: number;
  /** Channels between the convolutions (hparams.postnet_embedding_dim). */
  embeddingDim: number;
  /** hparams.postnet_kernel_size. */
  kernelSize: number;
  /** hparams.postnet_n_convolutions. */
  nConvolutions: number;
}

export const TACOTRON2_POSTNET_SHAPE: Readonly<PostnetShape> = Object.freeze({
  nMels: 80,
  embeddingDim: 512,
  kernelSize: 5,
  nConvolutions: 5,
});

/** Xavier-uniform bound for `torch.nn.init.xavier_uniform_` on a `[out, in, k]` conv weight. */
export function xavierBound(
  outChannels: number,
  inChannels: number,
  kernelSize: number,
  gain: number,
): number {
  return gain * Math.sqrt(6 / (inChannels * kernelSize + outChannels * kernelSize));
}

/**
 * A freshly initialised post-net state_dict (`postnet.` keys, 7 tensors per layer including
 * `num_batches_tracked`), drawing from `rng`.
 */
export function initPostnetTensors(
  rng: SeededRandom,
  shape: PostnetShape = TACOTRON2_POSTNET_SHAPE,
): TensorMap {
  const tensors: TensorMap = new Map();
  for (let i = 0; i < shape.nConvolutions; i++) {
    const last = i === shape.nConvolutions - 1;
    const inChannels = i === 0 ? shape.nMels : shape.embeddingDim;
    const outChannels = last ? shape.nMels : shape.embeddingDim;
    const k = shape.kernelSize;
    const bound = xavierBound(outChannels, inChannels, k, last ? 1 : 5 / 3);
    const biasBound = 1 / Math.sqrt(inChannels * k);
    const prefix = `postnet.convolutions.${i}`;
    const weight = rng.fillUniform(outChannels * inChannels * k, -bound, bound);
    const bias = rng.fillUniform(outChannels, -biasBound, biasBound);
    tensors.set(`${prefix}.0.conv.weight`, makeTensor('float32', [outChannels, inChannels, k], weight));
    tensors.set(`${prefix}.0.conv.bias`, makeTensor('float32', [outChannels], bias));
    tensors.set(
      `${prefix}.1.weight`,
      makeTensor('float32', [outChannels], new Float32Array(outChannels).fill(1)),
    );
    tensors.set(`${prefix}.1.bias`, makeTensor('float32', [outChannels], new Float32Array(outChannels)));
    tensors.set(
      `${prefix}.1.running_mean`,
      makeTensor('float32', [outChannels], new Float32Array(outChannels)),
    );
    tensors.set(
      `${prefix}.1.running_var`,
      makeTensor('float32', [outChannels], new Float32Array(outChannels).fill(1)),
    );
    tensors.set(`${prefix}.1.num_batches_tracked`, makeTensor('int64', [], new Float64Array(1)));
  }
  return tensors;
}

/** The default post-net's state_dict: Tacotron 2 sizes, seed DEFAULT_SEED. */
export function defaultPostnetTensors(): TensorMap {
  return initPostnetTensors(new SeededRandom(DEFAULT_SEED));
}
