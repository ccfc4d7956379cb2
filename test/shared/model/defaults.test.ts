import { describe, expect, it } from 'vitest';
import {
  UNTRAINED_WEIGHTS_NAME,
  TACOTRON2_POSTNET_SHAPE,
  defaultPostnetTensors,
  xavierBound,
} from '../../../shared/model/defaults';
import { expectClose } from '../../helpers/close';
import { readJsonFixture } from '../backend/fixtures';

const tensors = defaultPostnetTensors();

function stats(data: ArrayLike<number>): { min: number; max: number; mean: number; variance: number } {
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let sumSq = 0;
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    min = Math.min(min, v);
    max = Math.max(max, v);
    sum += v;
    sumSq += v * v;
  }
  const mean = sum / data.length;
  return { min, max, mean, variance: sumSq / data.length - mean * mean };
}

describe('the default weights: an untrained Tacotron 2 post-net', () => {
  it('is named as the app shows it', () => {
    expect(UNTRAINED_WEIGHTS_NAME).toBe('untrained Tacotron 2 post-net');
  });

  it('has the 35 tensors of a Tacotron 2 post-net state_dict', () => {
    expect(tensors.size).toBe(35);
    expect(tensors.get('postnet.convolutions.0.0.conv.weight')!.shape).toEqual([512, 80, 5]);
    expect(tensors.get('postnet.convolutions.4.0.conv.weight')!.shape).toEqual([80, 512, 5]);
  });

  it('is deterministic: the same numbers every time', () => {
    const again = defaultPostnetTensors();
    for (const [key, tensor] of tensors) {
      const bytes = (data: Float32Array | Float64Array): Buffer =>
        Buffer.from(data.buffer, data.byteOffset, data.byteLength);
      expect(bytes(again.get(key)!.data).equals(bytes(tensor.data)), key).toBe(true);
    }
  });

  it('draws the same numbers as the Python twin (conv/default_checksums.json)', () => {
    const sums = readJsonFixture<Record<string, { shape: number[]; sum: number; sumsq: number }>>(
      'conv',
      'default_checksums.json',
    );
    expect(Object.keys(sums)).toEqual([...tensors.keys()]);
    for (const [key, tensor] of tensors) {
      let sum = 0;
      let sumSq = 0;
      for (const v of tensor.data) {
        sum += v;
        sumSq += v * v;
      }
      expect(tensor.shape, key).toEqual(sums[key]!.shape);
      // Different summation order only: the values themselves are identical.
      expectClose([sum, sumSq], [sums[key]!.sum, sums[key]!.sumsq], {
        atol: 2e-9,
        rtol: 1e-9,
        label: `sum and sum of squares of ${key}`,
      });
    }
  });

  it.each([0, 1, 2, 3, 4])(
    'conv %i weight is Xavier uniform with the tanh gain (linear for the last)',
    (i) => {
      const weight = tensors.get(`postnet.convolutions.${i}.0.conv.weight`)!;
      const [out, inChannels, k] = weight.shape as [number, number, number];
      const gain = i === 4 ? 1 : 5 / 3;
      const bound = gain * Math.sqrt(6 / (inChannels * k + out * k));
      expect(xavierBound(out, inChannels, k, gain)).toBeCloseTo(bound, 15);
      const s = stats(weight.data);
      expect(s.min).toBeGreaterThanOrEqual(-bound);
      expect(s.max).toBeLessThanOrEqual(bound);
      // U(−b, b): mean 0, variance b²/3; 2e5+ samples put both well inside these margins.
      expect(s.max).toBeGreaterThan(0.99 * bound);
      expect(Math.abs(s.mean)).toBeLessThan(0.01 * bound);
      expect(s.variance / ((bound * bound) / 3)).toBeGreaterThan(0.98);
      expect(s.variance / ((bound * bound) / 3)).toBeLessThan(1.02);
    },
  );

  it.each([0, 4])('conv %i bias is PyTorch’s default U(±1/sqrt(fan_in))', (i) => {
    const inChannels = i === 0 ? TACOTRON2_POSTNET_SHAPE.nMels : TACOTRON2_POSTNET_SHAPE.embeddingDim;
    const bound = 1 / Math.sqrt(inChannels * TACOTRON2_POSTNET_SHAPE.kernelSize);
    const s = stats(tensors.get(`postnet.convolutions.${i}.0.conv.bias`)!.data);
    expect(s.min).toBeGreaterThanOrEqual(-bound);
    expect(s.max).toBeLessThanOrEqual(bound);
    expect(Math.abs(s.mean)).toBeLessThan(0.15 * bound);
  });

  it('has identity BatchNorm: weight 1, bias 0, running mean 0, running var 1', () => {
    for (let i = 0; i < 5; i++) {
      const bn = (name: string): number[] =>
        Array.from(tensors.get(`postnet.convolutions.${i}.1.${name}`)!.data);
      expect(new Set(bn('weight'))).toEqual(new Set([1]));
      expect(new Set(bn('bias'))).toEqual(new Set([0]));
      expect(new Set(bn('running_mean'))).toEqual(new Set([0]));
      expect(new Set(bn('running_var'))).toEqual(new Set([1]));
    }
  });

  it('fails clearly when asked for a shape that is not a post-net (no convolutions)', async () => {
    const { initPostnetTensors } = await import('../../../shared/model/defaults');
    const { SeededRandom } = await import('../../../shared/model/rng');
    const { buildStack } = await import('../../../shared/model/build');
    const empty = initPostnetTensors(new SeededRandom(1), { ...TACOTRON2_POSTNET_SHAPE, nConvolutions: 0 });
    expect(() => buildStack(empty, { sourceName: 'empty' })).toThrow(
      /empty: no Conv1d stack recognised in no tensors/,
    );
  });
});
