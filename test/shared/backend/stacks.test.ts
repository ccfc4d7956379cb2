import { describe, expect, it } from 'vitest';
import type { Backend } from '../../../shared/backend/types';
import { buildStack } from '../../../shared/model/build';
import { loadWeights } from '../../../shared/weights/load';
import { readFixture } from '../../helpers/fixtures';
import { expectClose } from '../../helpers/close';
import { allBackends, float64Tolerance } from './backends';
import { scaleOf, floatsOf, readNpzFixture, residualOutputOf } from './fixtures';
import { fullPostnetTensors } from './seeded-postnet';

const backends: readonly Backend[] = allBackends;
const MODULE_CASES = ['tanh_bn_k5', 'relu_bn_k3_k1_k7', 'strided_dilated_grouped', 'residual_16_24_16_k3'];

describe.each(backends)('$name runs whole stacks as PyTorch does', (backend) => {
  const modules = readNpzFixture('conv', 'modules.npz');

  it.each(MODULE_CASES)('nn.Sequential %s (eval BatchNorm, explicit layer JSON)', async (name) => {
    const { stack } = loadWeights([
      { name: `${name}.json`, bytes: readFixture('conv', 'modules', `${name}.json`) },
    ]);
    const x = floatsOf(modules, `${name}.x`);
    const y = floatsOf(modules, `${name}.y`);
    const first = stack.layers[0]!;
    const result = await backend.run(stack, {
      nChannels: first.inChannels,
      nFrames: x.length / first.inChannels,
      data: x,
    });
    // PyTorch's Sequential has no residual connection: compare the stack's own output.
    expectClose(result.residual.data, y, { rtol: 1e-5, atol: 1e-5, label: name });
  });

  it('the small Tacotron 2 post-net (8 mels, 16 channels) gives residual and output', async () => {
    const io = readNpzFixture('weights', 'postnet_small', 'io.npz');
    const { stack } = loadWeights([
      { name: 'postnet.npz', bytes: readFixture('weights', 'postnet_small', 'postnet.npz') },
    ]);
    const x = floatsOf(io, 'x');
    const result = await backend.run(stack, { nChannels: 8, nFrames: 40, data: x });
    expectClose(result.residual.data, floatsOf(io, 'residual'), {
      rtol: 1e-5,
      atol: 1e-5,
      label: 'residual',
    });
    expectClose(result.output.data, floatsOf(io, 'output'), { rtol: 1e-5, atol: 1e-5, label: 'output' });
  });

  it('a seven-convolution kernel-7 post-net', async () => {
    const io = readNpzFixture('weights', 'postnet7_k7', 'io.npz');
    const { stack } = loadWeights([
      { name: 'postnet.npz', bytes: readFixture('weights', 'postnet7_k7', 'postnet.npz') },
    ]);
    expect(stack.layers).toHaveLength(7);
    const result = await backend.run(stack, { nChannels: 8, nFrames: 33, data: floatsOf(io, 'x') });
    expectClose(result.output.data, floatsOf(io, 'output'), { rtol: 1e-5, atol: 1e-5, label: 'output' });
  });

  it('the Tacotron 2 encoder convolutions (ReLU, not residual)', async () => {
    const io = readNpzFixture('weights', 'encoder_small', 'io.npz');
    const { stack } = loadWeights([
      {
        name: 'tacotron2_fragment.npz',
        bytes: readFixture('weights', 'encoder_small', 'tacotron2_fragment.npz'),
      },
    ]);
    const result = await backend.run(stack, { nChannels: 12, nFrames: 15, data: floatsOf(io, 'x') });
    expect(result.output).toBe(result.residual);
    expectClose(result.residual.data, floatsOf(io, 'y'), { rtol: 1e-5, atol: 1e-5, label: 'y' });
  });
});

describe('the full-size Tacotron 2 post-net (80 → 512 ×4 → 80, seeded weights, [80, 120] input)', () => {
  const io = readNpzFixture('conv', 'postnet_full.npz');
  const { stack } = buildStack(fullPostnetTensors(), { nMels: 80 });
  const x = floatsOf(io, 'x');

  // PyTorch's float32 run is itself up to ~1e-6 of its scale away from its float64 run (summation
  // order); our float64 accumulation lands closer to the float64 result, so both are checked.
  it.each(backends)(
    '$name matches PyTorch float32 within 1e-5 and float64 within 1e-6 (Winograd 5e-6) of the output scale',
    async (backend) => {
      const result = await backend.run(stack, { nChannels: 80, nFrames: 120, data: x });
      const residual = floatsOf(io, 'residual');
      const output = residualOutputOf(io);
      const residual64 = io.get('residual64')!.data;
      expectClose(result.residual.data, residual, {
        rtol: 1e-5,
        atol: 1e-5 * scaleOf(residual),
        label: 'residual',
      });
      expectClose(result.output.data, output, { rtol: 1e-5, atol: 1e-5 * scaleOf(output), label: 'output' });
      expectClose(result.residual.data, residual64, {
        rtol: 1e-5,
        atol: float64Tolerance(backend) * scaleOf(residual64),
        label: 'residual64',
      });
    },
  );
});
