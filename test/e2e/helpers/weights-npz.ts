/**
 * A "trained" weights file made in the test: the default post-net's tensors, every conv weight
 * scaled by a factor, saved as an uncompressed `.npz` (a zip of `key.npy`), like `np.savez`.
 */
import { zipSync } from 'fflate';
import { encodeNpyFloat32 } from '../../../shared/formats/npy';
import { defaultWeights } from '../../../shared/weights/load';

export function scaledPostnetNpz(scale: number): Uint8Array {
  const members: Record<string, Uint8Array> = {};
  for (const [key, tensor] of defaultWeights().tensors) {
    if (key.endsWith('num_batches_tracked')) continue;
    const factor = key.endsWith('conv.weight') ? scale : 1;
    const data = Float32Array.from(tensor.data, (v) => v * factor);
    members[`${key}.npy`] = encodeNpyFloat32(data, tensor.shape);
  }
  return zipSync(members, { level: 0 });
}

/**
 * A small two-layer post-net (nMels → 32 → nMels, kernel 5, BatchNorm, tanh then linear) under the
 * Tacotron 2 key names: fast enough to process ten minutes of audio in a test.
 */
export function smallPostnetNpz(nMels = 80): Uint8Array {
  const members: Record<string, Uint8Array> = {};
  const layers = [
    { inChannels: nMels, outChannels: 32 },
    { inChannels: 32, outChannels: nMels },
  ];
  let seed = 12345;
  const random = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 2 ** 32 - 0.5;
  };
  layers.forEach(({ inChannels, outChannels }, i) => {
    const prefix = `postnet.convolutions.${i}`;
    const weight = Float32Array.from({ length: outChannels * inChannels * 5 }, () => random() * 0.2);
    members[`${prefix}.0.conv.weight.npy`] = encodeNpyFloat32(weight, [outChannels, inChannels, 5]);
    members[`${prefix}.0.conv.bias.npy`] = encodeNpyFloat32(new Float32Array(outChannels), [outChannels]);
    members[`${prefix}.1.weight.npy`] = encodeNpyFloat32(new Float32Array(outChannels).fill(1), [
      outChannels,
    ]);
    members[`${prefix}.1.bias.npy`] = encodeNpyFloat32(new Float32Array(outChannels), [outChannels]);
    members[`${prefix}.1.running_mean.npy`] = encodeNpyFloat32(new Float32Array(outChannels), [outChannels]);
    members[`${prefix}.1.running_var.npy`] = encodeNpyFloat32(new Float32Array(outChannels).fill(1), [
      outChannels,
    ]);
  });
  return zipSync(members, { level: 0 });
}

/**
 * What a user converts from a multi-GPU Tacotron 2 checkpoint: the whole state_dict (embedding,
 * encoder convolutions and LSTM beside the post-net, which is the default one), every key under
 * `module.`. Only the post-net's 35 tensors are used; the other 30 are reported as unused.
 */
export function fullCheckpointNpz(): Uint8Array {
  const members: Record<string, Uint8Array> = {};
  const zeros = (shape: number[]) =>
    encodeNpyFloat32(new Float32Array(shape.reduce((a, b) => a * b, 1)), shape);
  members['module.embedding.weight.npy'] = zeros([148, 512]);
  for (let i = 0; i < 3; i++) {
    const block = `module.encoder.convolutions.${i}`;
    members[`${block}.0.conv.weight.npy`] = zeros([512, 512, 5]);
    members[`${block}.0.conv.bias.npy`] = zeros([512]);
    for (const name of ['weight', 'bias', 'running_mean', 'running_var', 'num_batches_tracked']) {
      members[`${block}.1.${name}.npy`] = zeros(name === 'num_batches_tracked' ? [] : [512]);
    }
  }
  for (const suffix of ['', '_reverse']) {
    members[`module.encoder.lstm.weight_ih_l0${suffix}.npy`] = zeros([1024, 512]);
    members[`module.encoder.lstm.weight_hh_l0${suffix}.npy`] = zeros([1024, 256]);
    members[`module.encoder.lstm.bias_ih_l0${suffix}.npy`] = zeros([1024]);
    members[`module.encoder.lstm.bias_hh_l0${suffix}.npy`] = zeros([1024]);
  }
  for (const [key, tensor] of defaultWeights().tensors) {
    const data = tensor.dtype === 'float32' ? (tensor.data as Float32Array) : new Float32Array(1);
    members[`module.${key}.npy`] = encodeNpyFloat32(data, tensor.shape);
  }
  return zipSync(members, { level: 0 });
}
