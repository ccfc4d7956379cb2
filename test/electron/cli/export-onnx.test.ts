import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadOnnxRuntime } from '../../../electron/native/onnxruntime';
import { fastBackend } from '../../../shared/backend/fast/fast-backend';
import { loadWeights } from '../../../shared/weights/load';
import { SeededRandom } from '../../../shared/model/rng';
import { runCli, useScratchFolder } from '../../helpers/cli';
import { fixturePath, readFixture } from '../../helpers/fixtures';
import { expectClose } from '../../helpers/close';
import { scaleOf } from '../../shared/backend/fixtures';

const scratch = useScratchFolder('export-onnx');

describe('postnet-studio export-onnx', () => {
  it('writes the post-net as an ONNX model that onnxruntime-node runs to our output', async () => {
    const weights = fixturePath('weights', 'postnet_small', 'postnet.npz');
    const out = scratch.file('small.onnx');
    expect(await runCli('export-onnx', '--weights', weights, '-o', out)).toEqual({
      status: 0,
      stdout: '',
      stderr: '',
    });
    const loaded = await loadOnnxRuntime();
    if (!loaded.ok) throw new Error(loaded.reason);
    const session = await loaded.runtime.createSession(new Uint8Array(readFileSync(out)), { threads: 1 });
    const frames = 40;
    const x = new SeededRandom(3).fillUniform(8 * frames, -4, 1);
    const result = await session.run({ input: { dims: [1, 8, frames], data: x } }, ['output', 'residual']);
    await session.release();
    const { stack } = loadWeights([
      { name: 'postnet.npz', bytes: readFixture('weights', 'postnet_small', 'postnet.npz') },
    ]);
    const ours = await fastBackend.run(stack, { nChannels: 8, nFrames: frames, data: x });
    expectClose(result.output!.data, ours.output.data, {
      rtol: 1e-5,
      atol: 1e-5 * scaleOf(ours.output.data),
      label: 'output',
    });
    expectClose(result.residual!.data, ours.residual.data, {
      rtol: 1e-5,
      atol: 1e-5 * scaleOf(ours.residual.data),
      label: 'residual',
    });
  });

  it('exports what process runs when --weights is left out (the demo post-net), or the untrained one', async () => {
    const demo = scratch.file('demo.onnx');
    const { status, stderr } = await runCli('export-onnx', '-o', demo);
    expect({ status, stderr }).toEqual({
      status: 0,
      stderr: expect.stringMatching(/^note: no --weights given; using the /),
    });
    const untrained = scratch.file('untrained.onnx');
    expect((await runCli('export-onnx', '--weights', 'untrained', '-o', untrained)).status).toBe(0);
    expect(readFileSync(untrained).length).toBeGreaterThan(4 * 4_300_000);
  });

  it('fails with one error line and leaves no file behind when the weights cannot be read', async () => {
    const out = scratch.file('missing.onnx');
    const missing = scratch.file('nope.npz');
    expect(await runCli('export-onnx', '--weights', missing, '-o', out)).toEqual({
      status: 1,
      stdout: '',
      stderr: `error: cannot read ${missing}: no such file or directory\n`,
    });
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(scratch.dir).filter((n) => n.includes('.tmp'))).toEqual([]);
  });

  it('fails with a usage error without -o', async () => {
    expect(await runCli('export-onnx')).toEqual({
      status: 2,
      stdout: '',
      stderr: 'error: export-onnx: missing -o MODEL.onnx (see postnet-studio --help)\n',
    });
  });
});
