import { describe, expect, it } from 'vitest';
import { referenceBackend } from '../../../shared/backend/reference/reference-backend';
import { CancelledError, ShapeMismatchError } from '../../../shared/errors';
import { TACOTRON2_MEL } from '../../../shared/mel/config';
import { layerOutputOf, processSpectrogram } from '../../../shared/pipeline/process';
import { defaultWeights, loadWeights } from '../../../shared/weights/load';
import type { Spectrogram } from '../../../shared/spectrogram';
import { readFixture } from '../../helpers/fixtures';
import { rejectionOf } from '../../helpers/rejection';
import { expectClose } from '../../helpers/close';
import { floatsOf, readNpzFixture } from '../backend/fixtures';

const io = readNpzFixture('weights', 'postnet_small', 'io.npz');
const { stack } = loadWeights([
  { name: 'postnet.npz', bytes: readFixture('weights', 'postnet_small', 'postnet.npz') },
]);

function mel(data: Float32Array, nMels: number, name = 'x.npy'): Spectrogram {
  return {
    data,
    nMels,
    nFrames: data.length / nMels,
    config: { ...TACOTRON2_MEL, nMels },
    source: { name, kind: 'npy' },
  };
}

describe('processSpectrogram', () => {
  it('gives residual = postnet(mel) and output = mel + residual as PyTorch does', async () => {
    const result = await processSpectrogram(stack, mel(floatsOf(io, 'x'), 8));
    expect(result).toMatchObject({ nChannels: 8, nFrames: 40, activations: [] });
    expectClose(result.residual, floatsOf(io, 'residual'), { atol: 1e-5, label: 'residual' });
    expectClose(result.output, floatsOf(io, 'output'), { atol: 1e-5, label: 'output' });
  });

  it('returns the requested layer activations, and any backend gives the same numbers', async () => {
    const x = mel(floatsOf(io, 'x'), 8);
    const fast = await processSpectrogram(stack, x, { activations: [0, 4] });
    const reference = await processSpectrogram(stack, x, { activations: [0, 4], backend: referenceBackend });
    expect(fast.activations.map((a) => [a.layer, a.nChannels, a.nFrames])).toEqual([
      [0, 16, 40],
      [4, 8, 40],
    ]);
    expectClose(fast.activations[0]!.data, reference.activations[0]!.data, { label: 'layer 0' });
    expect(Math.max(...fast.activations[0]!.data.map(Math.abs))).toBeLessThanOrEqual(1); // after tanh
    expectClose(fast.activations[1]!.data, fast.residual, {
      rtol: 0,
      atol: 0,
      label: 'last layer = residual',
    });
  });

  it('runs the default post-net over an 80-band mel', async () => {
    const data = Float32Array.from({ length: 80 * 30 }, (_, i) => Math.sin(i) - 6);
    const result = await processSpectrogram(defaultWeights().stack, mel(data, 80));
    expect(result.output).toHaveLength(80 * 30);
    expect(result.output.every(Number.isFinite)).toBe(true);
  });

  it('fails clearly when the mel has other bands than the weights take', async () => {
    const data = new Float32Array(80 * 10);
    await expect(processSpectrogram(stack, mel(data, 80, 'song.wav'))).rejects.toThrow(ShapeMismatchError);
    await expect(processSpectrogram(stack, mel(data, 80, 'song.wav'))).rejects.toThrow(
      "'postnet.convolutions.0.0.conv.weight' is [16, 8, 5]: the first layer takes 8 channels but song.wav has 80 mel bands (shape [80, 10]): " +
        'these weights need 8-band mel spectrograms',
    );
  });

  it('fails clearly with the fix as data: 8 bands, or weights made for the 64 the spectrogram has', async () => {
    const data = new Float32Array(64 * 10);
    const run = await rejectionOf(processSpectrogram(stack, mel(data, 64, 'song.wav')));
    expect(run.message).toMatch(
      /has 64 mel bands \(shape \[64, 10\]\): these weights need 8-band mel spectrograms$/,
    );
    expect((run as ShapeMismatchError).advice).toEqual({ kind: 'n-mels', nMels: 8, orWeightsFor: 64 });
    const layer = await rejectionOf(layerOutputOf(stack, mel(data, 64, 'song.wav'), 0));
    expect((layer as ShapeMismatchError).advice).toEqual({ kind: 'n-mels', nMels: 8, orWeightsFor: 64 });
  });

  it('fails with CancelledError when the signal is already aborted', async () => {
    await expect(
      processSpectrogram(stack, mel(floatsOf(io, 'x'), 8), { signal: { aborted: true } }),
    ).rejects.toThrow(CancelledError);
  });
});

describe('layerOutputOf', () => {
  it('gives the layer output processSpectrogram keeps, for every layer, with any backend', async () => {
    const x = mel(floatsOf(io, 'x'), 8);
    const layers = stack.layers.map((_, i) => i);
    const full = await processSpectrogram(stack, x, { activations: layers });
    for (const layer of layers) {
      const fast = await layerOutputOf(stack, x, layer);
      const reference = await layerOutputOf(stack, x, layer, { backend: referenceBackend });
      const want = full.activations[layer]!;
      expect([fast.layer, fast.nChannels, fast.nFrames]).toEqual([layer, want.nChannels, want.nFrames]);
      expectClose(fast.data, want.data, { atol: 0, rtol: 0, label: `layer ${layer}` });
      expectClose(reference.data, want.data, { label: `layer ${layer}, reference backend` });
    }
  });

  it('its data is a whole buffer of exactly [nChannels, nFrames] (so a worker can move it)', async () => {
    const out = await layerOutputOf(stack, mel(floatsOf(io, 'x'), 8), 0);
    expect(out.data.length).toBe(16 * 40);
    expect(out.data.byteOffset).toBe(0);
    expect(out.data.buffer.byteLength).toBe(out.data.byteLength);
  });

  it('fails clearly for a layer the weights do not have, naming how many they have', async () => {
    const x = mel(floatsOf(io, 'x'), 8);
    await expect(layerOutputOf(stack, x, 5)).rejects.toThrow(
      'layer 5 does not exist: the weights have 5 layers (0…4)',
    );
    await expect(layerOutputOf(stack, x, 1.5)).rejects.toThrow(/layer 1\.5 does not exist/);
  });

  it('fails clearly when the mel has other bands than the weights take (before any work)', async () => {
    await expect(layerOutputOf(stack, mel(new Float32Array(80 * 10), 80, 'song.wav'), 0)).rejects.toThrow(
      /takes 8 channels but song\.wav has 80 mel bands/,
    );
  });
});
