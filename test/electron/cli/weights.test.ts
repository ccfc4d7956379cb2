/**
 * `postnet-studio weights --default -o postnet.npz`: the bundled default post-net as an `.npz`
 * state_dict with PyTorch's key names, so a new user has weights without Python.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseNpz } from '../../../shared/formats/npz';
import { bundledDemoWeights } from '../../../electron/cli/default-weights';
import { defaultWeights } from '../../../shared/weights/load';
import { runCli, useScratchFolder } from '../../helpers/cli';
import { fixturePath } from '../../helpers/fixtures';
import { pcm16Wav } from '../../helpers/make-wav';

const scratch = useScratchFolder('weights-cli');

describe('postnet-studio weights', () => {
  it('--default writes the default post-net (what process runs without --weights) with PyTorch key names, value for value, silently', async () => {
    const out = scratch.file('postnet.npz');
    expect(await runCli('weights', '--default', '-o', out)).toEqual({ status: 0, stdout: '', stderr: '' });
    const written = parseNpz(new Uint8Array(readFileSync(out)), 'postnet.npz');
    const expected = (await bundledDemoWeights()).tensors;
    expect([...written.keys()]).toEqual([...expected.keys()]);
    expect([...written.keys()].slice(0, 6)).toEqual([
      'postnet.convolutions.0.0.conv.weight',
      'postnet.convolutions.0.0.conv.bias',
      'postnet.convolutions.0.1.weight',
      'postnet.convolutions.0.1.bias',
      'postnet.convolutions.0.1.running_mean',
      'postnet.convolutions.0.1.running_var',
    ]);
    for (const [key, tensor] of expected) {
      expect(written.get(key)).toMatchObject({ dtype: tensor.dtype, shape: tensor.shape });
      const bytes = (data: Float32Array | Float64Array) =>
        Buffer.from(data.buffer, data.byteOffset, data.byteLength);
      expect(bytes(written.get(key)!.data).equals(bytes(tensor.data))).toBe(true);
    }
  });

  it('the written file processes exactly as no --weights does (the same model)', async () => {
    const npz = scratch.file('default.npz');
    await runCli('weights', '--default', '-o', npz);
    const short = scratch.file(
      'short.wav',
      pcm16Wav(Array.from({ length: 4000 }, (_, i) => Math.round(9000 * Math.sin(i / 9)))),
    );
    const a = scratch.file('a.npy');
    const b = scratch.file('b.npy');
    expect((await runCli('process', short, '--weights', npz, '-o', a)).status).toBe(0);
    expect((await runCli('process', short, '-o', b)).status).toBe(0);
    expect(readFileSync(a)).toEqual(readFileSync(b));
  });

  it('untrained writes the untrained Tacotron 2 post-net', async () => {
    const out = scratch.file('untrained.npz');
    expect((await runCli('weights', 'untrained', '-o', out)).status).toBe(0);
    const written = parseNpz(new Uint8Array(readFileSync(out)));
    expect([...written.keys()]).toEqual([...defaultWeights().tensors.keys()]);
  });

  it('PATH converts any weights the app reads (a folder of .npy) to one .npz', async () => {
    const out = scratch.file('converted.npz');
    const folder = fixturePath('weights', 'postnet_small', 'npy');
    expect((await runCli('weights', folder, '-o', out)).status).toBe(0);
    const ref = parseNpz(
      new Uint8Array(readFileSync(fixturePath('weights', 'postnet_small', 'postnet.npz'))),
    );
    const converted = parseNpz(new Uint8Array(readFileSync(out)));
    expect(new Set(converted.keys())).toEqual(new Set(ref.keys()));
  });

  it.each([
    [
      ['weights', '-o', 'x.npz'],
      /^error: weights: missing what to write: --default \(the bundled post-net\) or a weights PATH/,
    ],
    [['weights', '--default'], /^error: weights: missing -o OUT\.npz/],
    [
      ['weights', '--default', 'w.npz', '-o', 'x.npz'],
      /^error: weights: give --default or a weights PATH, not both/,
    ],
  ])('usage error %j → exit 2', async (argv, message) => {
    const { status, stderr } = await runCli(...argv);
    expect(status).toBe(2);
    expect(stderr).toMatch(message);
  });

  it('-o naming a folder → exit 1 with what to do', async () => {
    expect(await runCli('weights', '--default', '-o', scratch.dir)).toMatchObject({
      status: 1,
      stderr: `error: -o ${scratch.dir} is a folder; name the .npz file to write (e.g. -o postnet.npz)\n`,
    });
  });
});
