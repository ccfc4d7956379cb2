/**
 * The encoder the text microscope runs before a user loads one with an encoder: Tacotron 2's
 * encoder convolutions initialised as NVIDIA/tacotron2 initialises them (untrained), from a fixed
 * seed. Per block (ConvNorm, w_init_gain='relu'): weight Xavier uniform with gain √2, bias
 * PyTorch's default U(±1/√fanIn); BatchNorm1d: weight 1, bias 0, running mean 0, var 1. Drawn in
 * key order from SeededRandom(DEFAULT_SEED + 1), a stream apart from the post-net's.
 */
import { makeTensor, type TensorMap } from '../tensor';
import { DEFAULT_SEED, xavierBound } from './defaults';
import { SeededRandom } from './rng';

export const DEFAULT_ENCODER_NAME = 'untrained Tacotron 2 encoder (default)';

export interface EncoderShape {
  /** hparams.encoder_embedding_dim: channels in and out of every convolution. */
  embeddingDim: number;
  /** hparams.encoder_kernel_size. */
  kernelSize: number;
  /** hparams.encoder_n_convolutions. */
  nConvolutions: number;
}

export const TACOTRON2_ENCODER_SHAPE: Readonly<EncoderShape> = Object.freeze({
  embeddingDim: 512,
  kernelSize: 5,
  nConvolutions: 3,
});

/** A freshly initialised `encoder.convolutions.*` state_dict (7 tensors per block). */
export function initEncoderTensors(
  rng: SeededRandom,
  shape: EncoderShape = TACOTRON2_ENCODER_SHAPE,
): TensorMap {
  const tensors: TensorMap = new Map();
  const { embeddingDim: dim, kernelSize: k } = shape;
  const bound = xavierBound(dim, dim, k, Math.SQRT2);
  const biasBound = 1 / Math.sqrt(dim * k);
  for (let i = 0; i < shape.nConvolutions; i++) {
    const prefix = `encoder.convolutions.${i}`;
    const weight = rng.fillUniform(dim * dim * k, -bound, bound);
    const bias = rng.fillUniform(dim, -biasBound, biasBound);
    tensors.set(`${prefix}.0.conv.weight`, makeTensor('float32', [dim, dim, k], weight));
    tensors.set(`${prefix}.0.conv.bias`, makeTensor('float32', [dim], bias));
    tensors.set(`${prefix}.1.weight`, makeTensor('float32', [dim], new Float32Array(dim).fill(1)));
    tensors.set(`${prefix}.1.bias`, makeTensor('float32', [dim], new Float32Array(dim)));
    tensors.set(`${prefix}.1.running_mean`, makeTensor('float32', [dim], new Float32Array(dim)));
    tensors.set(`${prefix}.1.running_var`, makeTensor('float32', [dim], new Float32Array(dim).fill(1)));
    tensors.set(`${prefix}.1.num_batches_tracked`, makeTensor('int64', [], new Float64Array(1)));
  }
  return tensors;
}

/** The default encoder's state_dict: Tacotron 2 sizes, seed DEFAULT_SEED + 1. */
export function defaultEncoderTensors(): TensorMap {
  return initEncoderTensors(new SeededRandom(DEFAULT_SEED + 1));
}
