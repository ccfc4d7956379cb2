import { describe, expect, it } from 'vitest';
import { ModelBuildError, ShapeMismatchError } from '../../../shared/errors';
import type { Conv1dLayer } from '../../../shared/model/types';
import { validateChain, validateLayer } from '../../../shared/model/validate';

function layer(overrides: Partial<Conv1dLayer> = {}): Conv1dLayer {
  const base = { inChannels: 4, outChannels: 6, kernelSize: 3, groups: 1, ...overrides };
  return {
    name: 'convs.1',
    stride: 1,
    padding: 1,
    dilation: 1,
    weight: new Float32Array((base.outChannels * base.inChannels * base.kernelSize) / base.groups),
    bias: new Float32Array(base.outChannels),
    batchNorm: null,
    activation: 'tanh',
    keys: ['convs.1.weight'],
    ...base,
    ...overrides,
  };
}

describe('validateLayer', () => {
  it('accepts a consistent layer, grouped or not', () => {
    expect(() => validateLayer(layer())).not.toThrow();
    expect(() => validateLayer(layer({ groups: 2 }))).not.toThrow();
    expect(() => validateLayer(layer({ padding: 'same' }))).not.toThrow();
  });
});

describe('validateLayer fails clearly', () => {
  it.each([
    [
      { weight: new Float32Array(5) },
      ShapeMismatchError,
      'convs.1: weight should be [6, 4, 3] (72 values), it has 5 values',
    ],
    [
      { bias: new Float32Array(2) },
      ShapeMismatchError,
      'convs.1: bias should be [6] (6 values), it has 2 values',
    ],
    [
      { groups: 3 },
      ModelBuildError,
      'convs.1: in_channels 4 and out_channels 6 must both be divisible by groups 3',
    ],
    [
      { padding: 'same', stride: 2 },
      ModelBuildError,
      "convs.1: padding='same' needs stride 1 (PyTorch refuses it), got stride 2",
    ],
    [{ padding: -1 }, ModelBuildError, "convs.1: padding must be an integer ≥ 0 or 'same', got -1"],
    [{ dilation: 0 }, ModelBuildError, 'convs.1: dilation must be a positive integer, got 0'],
    [{ kernelSize: 2.5 }, ModelBuildError, 'convs.1: kernel_size must be a positive integer, got 2.5'],
  ] as const)('%o', (overrides, errorClass, message) => {
    const bad = layer(overrides as Partial<Conv1dLayer>);
    expect(() => validateLayer(bad)).toThrow(errorClass);
    expect(() => validateLayer(bad)).toThrow(message);
  });

  it('on a negative running_var (the output would be NaN everywhere), naming the channel', () => {
    const runningVar = Float32Array.of(1, 0.5, 0, 2, -0.25, 1);
    const bn = {
      numFeatures: 6,
      eps: 1e-5,
      momentum: 0.1,
      affine: true,
      weight: new Float32Array(6).fill(1),
      bias: new Float32Array(6),
      runningMean: new Float32Array(6),
      runningVar,
    };
    expect(() => validateLayer(layer({ batchNorm: bn }))).toThrow(ModelBuildError);
    expect(() => validateLayer(layer({ batchNorm: bn }))).toThrow(
      'convs.1: running_var[4] is -0.25: a variance cannot be negative (eval-mode BatchNorm1d divides by ' +
        'sqrt(running_var + eps), which would make every output NaN)',
    );
    expect(() =>
      validateLayer(layer({ batchNorm: { ...bn, runningVar: runningVar.map(Math.abs) } })),
    ).not.toThrow();
  });

  it('on BatchNorm statistics of the wrong size', () => {
    const bn = {
      numFeatures: 6,
      eps: 1e-5,
      momentum: 0.1,
      affine: true,
      weight: new Float32Array(6),
      bias: new Float32Array(6),
      runningMean: new Float32Array(6),
      runningVar: new Float32Array(5),
    };
    expect(() => validateLayer(layer({ batchNorm: bn }))).toThrow(
      'convs.1: running_var should be [6] (6 values), it has 5 values',
    );
    expect(() => validateLayer(layer({ batchNorm: { ...bn, numFeatures: 5 } }))).toThrow(
      'convs.1: BatchNorm1d(5) follows a conv with 6 output channels',
    );
  });

  it('on layers that do not connect, naming both weights', () => {
    const next = { ...layer({ inChannels: 5, outChannels: 2 }), name: 'convs.2', keys: ['convs.2.weight'] };
    expect(() => validateChain([layer(), next])).toThrow(
      'the layers do not connect: convs.2 takes 5 channels (convs.2.weight [2, 5, 3]) but convs.1 gives 6 (convs.1.weight [6, 4, 3])',
    );
  });
});
