import { describe, expect, it } from 'vitest';
import { runChunked } from '../../../shared/backend/chunk-run';
import { planChunks } from '../../../shared/backend/chunks';
import { fastBackend } from '../../../shared/backend/fast/fast-backend';
import { nativeBackend } from '../../../shared/backend/onnx/native-backend';
import { stackToOnnx } from '../../../shared/backend/onnx/onnx-graph';
import { buildStack } from '../../../shared/model/build';
import { SeededRandom } from '../../../shared/model/rng';
import { defaultWeights } from '../../../shared/weights/load';
import { loadOnnxRuntime } from '../../../electron/native/onnxruntime';
import { expectClose } from '../../helpers/close';
import {
  floatsOf,
  functionalLayer,
  randomStack,
  readJsonFixture,
  readNpzFixture,
  residualOutputOf,
  scaleOf,
  type FunctionalCase,
  type RandomStackCase,
} from '../../shared/backend/fixtures';
import { fullPostnetTensors } from '../../shared/backend/seeded-postnet';

const loaded = await loadOnnxRuntime();
if (!loaded.ok)
  throw new Error(
    `these tests need onnxruntime-node (an optional dependency npm ci installs): ${loaded.reason}`,
  );
const runtime = loaded.runtime;
const native = nativeBackend(runtime, { threads: 1 });
const nativeSmallChunks = nativeBackend(runtime, { threads: 2, chunkFrames: 24 });

describe.each([native, nativeSmallChunks])('$name matches PyTorch', (backend) => {
  const cases = readJsonFixture<RandomStackCase[]>('conv', 'random_stacks.json');
  const arrays = readNpzFixture('conv', 'random_stacks.npz');
  it.each(cases)('random stack $name within 1e-5 of the output scale', async (c) => {
    const result = await backend.run(randomStack(c, arrays), {
      nChannels: c.in_channels,
      nFrames: c.frames,
      data: floatsOf(arrays, `${c.name}.x`),
    });
    const y = floatsOf(arrays, `${c.name}.y`);
    expectClose(result.output.data, y, { rtol: 1e-5, atol: 1e-5 * scaleOf(y), label: c.name });
  });

  const functional = readNpzFixture('conv', 'functional.npz');
  it.each(readJsonFixture<FunctionalCase[]>('conv', 'functional.json'))('F.conv1d $name', async (c) => {
    const stack = {
      kind: c.name,
      layout: 'sequential' as const,
      layers: [functionalLayer(c, functional)],
      residual: false,
    };
    const result = await backend.run(stack, {
      nChannels: c.in_channels,
      nFrames: c.frames,
      data: floatsOf(functional, `${c.name}.x`),
    });
    const y = floatsOf(functional, `${c.name}.y`);
    expectClose(result.output.data, y, { rtol: 1e-5, atol: 1e-5 * scaleOf(y), label: c.name });
  });

  it('the full-size post-net on [80, 120]', async () => {
    const io = readNpzFixture('conv', 'postnet_full.npz');
    const { stack } = buildStack(fullPostnetTensors(), { nMels: 80 });
    const result = await backend.run(stack, { nChannels: 80, nFrames: 120, data: floatsOf(io, 'x') });
    const output = residualOutputOf(io);
    expectClose(result.output.data, output, { rtol: 1e-5, atol: 1e-5 * scaleOf(output), label: 'output' });
  });
});

describe('the exported ONNX model', () => {
  const { stack } = defaultWeights();
  const frames = 300;
  const input = {
    nChannels: 80,
    nFrames: frames,
    data: new SeededRandom(9).fillUniform(80 * frames, -11.5, 1),
  };

  it('run by onnxruntime-node gives our output and residual, and the layers asked for', async () => {
    const session = await runtime.createSession(stackToOnnx(stack, { layerOutputs: [1, 4] }), { threads: 1 });
    const result = await session.run({ input: { dims: [1, 80, frames], data: input.data } }, [
      'output',
      'residual',
      'layer1',
      'layer4',
    ]);
    await session.release();
    const ours = await fastBackend.run(stack, input, { keepActivations: [1, 4] });
    expect(result.output!.dims).toEqual([1, 80, frames]);
    expect(result.layer1!.dims).toEqual([1, 512, frames]);
    const close = (a: Float32Array, b: Float32Array, label: string) =>
      expectClose(a, b, { rtol: 1e-5, atol: 1e-5 * scaleOf(b), label });
    close(result.output!.data, ours.output.data, 'output');
    close(result.residual!.data, ours.residual.data, 'residual');
    close(result.layer1!.data, ours.activations!.get(1)!.data, 'layer 1');
    close(result.layer4!.data, ours.residual.data, 'layer 4 (the residual)');
  });

  it('takes any batch and any number of frames', async () => {
    const session = await runtime.createSession(stackToOnnx(stack), { threads: 1 });
    const two = new Float32Array(2 * 80 * 7).fill(0.5);
    const result = await session.run({ input: { dims: [2, 80, 7], data: two } }, ['output']);
    await session.release();
    expect(result.output!.dims).toEqual([2, 80, 7]);
  });
});

describe('native runs in chunks', () => {
  it('the chunked run (time split with the halo) equals the whole run, kept layers included', async () => {
    const { stack } = defaultWeights();
    const input = { nChannels: 80, nFrames: 500, data: new SeededRandom(10).fillUniform(80 * 500, -11.5, 1) };
    const whole = await native.run(stack, input, { keepActivations: [2] });
    const plan = planChunks(stack, 80, 500, { chunkFrames: 96 });
    const chunked = await runChunked(native, stack, input, plan, { keepActivations: [2] });
    expectClose(chunked.output.data, whole.output.data, { atol: 0, label: 'output' });
    expectClose(chunked.activations!.get(2)!.data, whole.activations!.get(2)!.data, {
      atol: 0,
      label: 'layer 2',
    });
  });

  it('reports progress per chunk up to exactly 1 and stops between chunks when cancelled', async () => {
    const { stack } = defaultWeights();
    const input = { nChannels: 80, nFrames: 100, data: new SeededRandom(10).fillUniform(80 * 100, -11.5, 1) };
    const fractions: number[] = [];
    await nativeSmallChunks.run(stack, input, { onProgress: (p) => fractions.push(p.fraction) });
    expect(fractions.length).toBe(5);
    expect(fractions.at(-1)).toBe(1);
    const signal = { aborted: false };
    const cancelled = nativeSmallChunks.run(stack, input, {
      signal,
      onProgress: () => (signal.aborted = true),
    });
    await expect(cancelled).rejects.toThrow(/cancel/i);
  });
});
