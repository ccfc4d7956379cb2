/** Loading the PyTorch fixtures of test/fixtures/conv and test/fixtures/weights as tensors. */
import { readFileSync } from 'node:fs';
import { parseNpz } from '../../../shared/formats/npz';
import type { Conv1dLayer, Conv1dStack } from '../../../shared/model/types';
import { toFloat32, type Tensor, type TensorMap } from '../../../shared/tensor';
import { fixturePath, readFixture } from '../../helpers/fixtures';

export function readNpzFixture(...parts: string[]): TensorMap {
  return parseNpz(readFixture(...parts), parts.join('/'));
}

export function readJsonFixture<T>(...parts: string[]): T {
  return JSON.parse(readFileSync(fixturePath(...parts), 'utf8')) as T;
}

export function tensorOf(map: TensorMap, key: string): Tensor {
  const tensor = map.get(key);
  if (!tensor) throw new Error(`fixture has no tensor '${key}' (has ${[...map.keys()].join(', ')})`);
  return tensor;
}

export function floatsOf(map: TensorMap, key: string): Float32Array {
  return toFloat32(tensorOf(map, key));
}

/** One `torch.nn.functional.conv1d` case of conv/functional.json. */
export interface FunctionalCase {
  name: string;
  in_channels: number;
  out_channels: number;
  kernel_size: number;
  stride: number;
  padding: number | 'same';
  dilation: number;
  groups: number;
  bias: boolean;
  frames: number;
}

export function functionalLayer(c: FunctionalCase, arrays: TensorMap): Conv1dLayer {
  return {
    name: c.name,
    inChannels: c.in_channels,
    outChannels: c.out_channels,
    kernelSize: c.kernel_size,
    stride: c.stride,
    padding: c.padding,
    dilation: c.dilation,
    groups: c.groups,
    weight: floatsOf(arrays, `${c.name}.weight`),
    bias: c.bias ? floatsOf(arrays, `${c.name}.bias`) : null,
    batchNorm: null,
    activation: 'identity',
    keys: [`${c.name}.weight`],
  };
}

/** max |x|: the scale a normwise tolerance is relative to (`atol: 1e-5 * scaleOf(expected)`). */
export function scaleOf(values: ArrayLike<number>): number {
  let scale = 0;
  for (let i = 0; i < values.length; i++) scale = Math.max(scale, Math.abs(values[i]!));
  return scale;
}

/** PyTorch's `x + residual` in float32, for fixtures that store only x and the residual. */
export function residualOutputOf(map: TensorMap): Float32Array {
  const x = floatsOf(map, 'x');
  const residual = floatsOf(map, 'residual');
  return Float32Array.from(x, (v, i) => v + residual[i]!);
}

/** One seeded random stack of conv/random_stacks.json (arrays in random_stacks.npz). */
export interface RandomStackCase {
  name: string;
  residual: boolean;
  in_channels: number;
  frames: number;
  layers: {
    in_channels: number;
    out_channels: number;
    kernel_size: number;
    stride: number;
    padding: number | 'same';
    dilation: number;
    groups: number;
    bias: boolean;
    batch_norm: boolean;
    eps: number;
    activation: 'tanh' | 'relu' | 'identity';
  }[];
}

/** The stack of a random case, built from its arrays the way buildStack would make it. */
export function randomStack(c: RandomStackCase, arrays: TensorMap): Conv1dStack {
  const layers = c.layers.map((l, i): Conv1dLayer => {
    const p = `${c.name}.${i}`;
    return {
      name: p,
      inChannels: l.in_channels,
      outChannels: l.out_channels,
      kernelSize: l.kernel_size,
      stride: l.stride,
      padding: l.padding,
      dilation: l.dilation,
      groups: l.groups,
      weight: floatsOf(arrays, `${p}.weight`),
      bias: l.bias ? floatsOf(arrays, `${p}.bias`) : null,
      batchNorm: l.batch_norm
        ? {
            numFeatures: l.out_channels,
            eps: l.eps,
            momentum: 0.1,
            affine: true,
            weight: floatsOf(arrays, `${p}.bn_weight`),
            bias: floatsOf(arrays, `${p}.bn_bias`),
            runningMean: floatsOf(arrays, `${p}.bn_running_mean`),
            runningVar: floatsOf(arrays, `${p}.bn_running_var`),
          }
        : null,
      activation: l.activation,
      keys: [`${p}.weight`],
    };
  });
  return { kind: c.name, layout: 'sequential', layers, residual: c.residual };
}
