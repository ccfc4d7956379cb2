/**
 * A "trained" weights file made in the test: the default post-net's tensors, every conv weight
 * scaled by a factor, saved as an uncompressed `.npz` (a zip of `key.npy`), like `np.savez`.
 */
import { zipSync } from 'fflate';
import { encodeNpyFloat32 } from '../../../shared/formats/npy';
import { defaultWeights } from '../../../shared/pipeline/weights';

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
