import { describe, expect, it } from 'vitest';
import { fastBackend } from '../../../shared/backend/fast/fast-backend';
import { referenceBackend } from '../../../shared/backend/reference/reference-backend';
import type { Activations, Backend } from '../../../shared/backend/types';
import { ShapeMismatchError } from '../../../shared/errors';
import type { Conv1dLayer, Conv1dStack } from '../../../shared/model/types';
import { SeededRandom } from '../../../shared/model/rng';
import { expectClose } from '../../helpers/close';
import { allBackends, float64Tolerance, wasmBackends } from './backends';
import {
  floatsOf,
  functionalLayer,
  readJsonFixture,
  readNpzFixture,
  scaleOf,
  type FunctionalCase,
} from './fixtures';

const cases = readJsonFixture<FunctionalCase[]>('conv', 'functional.json');
const arrays = readNpzFixture('conv', 'functional.npz');
const backends: readonly Backend[] = allBackends;

function single(layer: Conv1dLayer): Conv1dStack {
  return { kind: 'one conv', layout: 'sequential', layers: [layer], residual: false };
}

describe.each(backends)('$name conv1d', (backend) => {
  it.each(cases)(
    '$name: in=$in_channels out=$out_channels k=$kernel_size stride=$stride pad=$padding dil=$dilation groups=$groups matches F.conv1d',
    async (c) => {
      const layer = functionalLayer(c, arrays);
      const x = floatsOf(arrays, `${c.name}.x`);
      const y = floatsOf(arrays, `${c.name}.y`);
      const result = await backend.run(single(layer), {
        nChannels: c.in_channels,
        nFrames: c.frames,
        data: x,
      });
      expect(result.residual.nChannels).toBe(c.out_channels);
      expect(result.residual.nChannels * result.residual.nFrames).toBe(y.length);
      expectClose(result.residual.data, y, { rtol: 1e-5, atol: 1e-5, label: c.name });
    },
  );

  it('fails clearly when the input is shorter than the kernel span', async () => {
    const c = cases.find((k) => k.name === 'k7_pad1_large_values')!;
    const layer = functionalLayer(c, arrays);
    const input = { nChannels: c.in_channels, nFrames: 4, data: new Float32Array(c.in_channels * 4) };
    await expect(backend.run(single(layer), input)).rejects.toThrow(ShapeMismatchError);
    await expect(backend.run(single(layer), input)).rejects.toThrow(
      /k7_pad1_large_values: an input of 4 frames \(6 with padding\) is shorter than the kernel's span of 7 frames/,
    );
  });

  it('fails clearly when the input has the wrong number of channels', async () => {
    const c = cases[0]!;
    const layer = functionalLayer(c, arrays);
    const input = {
      nChannels: c.in_channels + 1,
      nFrames: 10,
      data: new Float32Array((c.in_channels + 1) * 10),
    };
    await expect(backend.run(single(layer), input)).rejects.toThrow(
      /k1 takes 6 channels \(k1\.weight \[5, 6, 1\]\) but the input has 7 \(shape \[7, 10\]\)/,
    );
  });
});

/** A random layer drawn from the generator (BatchNorm and activation included). */
function randomLayer(
  rng: SeededRandom,
  shape: Partial<Conv1dLayer> & Pick<Conv1dLayer, 'inChannels' | 'outChannels' | 'kernelSize'>,
): Conv1dLayer {
  const groups = shape.groups ?? 1;
  const out = shape.outChannels;
  return {
    name: 'random',
    stride: 1,
    padding: 0,
    dilation: 1,
    groups,
    activation: 'tanh',
    keys: [],
    ...shape,
    weight: rng.fillUniform((out * shape.inChannels * shape.kernelSize) / groups, -0.5, 0.5),
    bias: rng.fillUniform(out, -0.1, 0.1),
    batchNorm: {
      numFeatures: out,
      eps: 1e-5,
      momentum: 0.1,
      affine: true,
      weight: rng.fillUniform(out, 0.5, 1.5),
      bias: rng.fillUniform(out, -0.5, 0.5),
      runningMean: rng.fillUniform(out, -0.3, 0.3),
      runningVar: rng.fillUniform(out, 0.2, 2),
    },
  };
}

/** max |BatchNorm(conv(x))| before the activation: the scale float32 summation errs by. */
async function linearScale(layer: Conv1dLayer, input: Activations): Promise<number> {
  const linear = await referenceBackend.run(single({ ...layer, activation: 'identity' }), input);
  return scaleOf(linear.residual.data);
}

const fastOnes: readonly Backend[] = [fastBackend, ...wasmBackends];

describe.each(fastOnes)('$name agrees with the reference', (backend) => {
  const shapes: (Partial<Conv1dLayer> & Pick<Conv1dLayer, 'inChannels' | 'outChannels' | 'kernelSize'>)[] = [
    { inChannels: 80, outChannels: 64, kernelSize: 5, padding: 2 },
    { inChannels: 7, outChannels: 3, kernelSize: 3, padding: 'same', activation: 'relu' },
    { inChannels: 12, outChannels: 18, kernelSize: 4, padding: 'same', dilation: 2, groups: 3 },
    { inChannels: 9, outChannels: 5, kernelSize: 7, stride: 3, padding: 1, activation: 'identity' },
    { inChannels: 16, outChannels: 16, kernelSize: 5, stride: 2, dilation: 3, padding: 4, groups: 16 },
  ];
  it.each(shapes.map((s, i) => ({ ...s, index: i })))(
    'in=$inChannels out=$outChannels k=$kernelSize stride=$stride dil=$dilation groups=$groups over 1…203 frames',
    async (shape) => {
      const rng = new SeededRandom(100 + shape.index);
      const layer = randomLayer(rng, shape);
      const stack = single(layer);
      for (const frames of [9, 31, 203]) {
        const data = rng.fillUniform(shape.inChannels * frames, -3, 3);
        const input = { nChannels: shape.inChannels, nFrames: frames, data };
        const [a, b] = await Promise.all([backend.run(stack, input), referenceBackend.run(stack, input)]);
        expect(a.residual.nFrames).toBe(b.residual.nFrames);
        // float32 sums (WASM) err relative to the size of the sum, before BatchNorm and tanh
        const atol = float64Tolerance(backend) * Math.max(1, await linearScale(layer, input));
        expectClose(a.residual.data, b.residual.data, { rtol: 1e-5, atol, label: `${frames} frames` });
      }
    },
  );
});

describe.each(fastOnes)('$name across chunk boundaries', (backend) => {
  it('stride 2, dilation 2, k=7 over 600 frames (3 chunks of output frames) agrees with the reference', async () => {
    const rng = new SeededRandom(300);
    const layer = randomLayer(rng, {
      inChannels: 256,
      outChannels: 256,
      kernelSize: 7,
      stride: 2,
      dilation: 2,
      padding: 6,
    });
    const input = { nChannels: 256, nFrames: 600, data: rng.fillUniform(256 * 600, -2, 2) };
    let chunks = 0;
    const fast = await backend.run(single(layer), input, { onProgress: () => void chunks++ });
    const reference = await referenceBackend.run(single(layer), input);
    expect(chunks).toBeGreaterThanOrEqual(backend === fastBackend ? 3 : 1);
    expect(fast.residual.nFrames).toBe(300);
    expectClose(fast.residual.data, reference.residual.data, {
      rtol: 1e-5,
      atol: float64Tolerance(backend) * Math.max(1, await linearScale(layer, input)),
      label: 'chunked',
    });
  });
});
