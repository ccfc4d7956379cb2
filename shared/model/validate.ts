/** Checks that a layer's numbers agree with each other before anything runs it. */
import { ShapeMismatchError, ModelBuildError, formatShape } from '../errors';
import { firstNonFinite, unravelIndex } from '../tensor';
import type { Conv1dHyperparams, Conv1dLayer } from './types';

/** Throws ShapeMismatchError / ModelBuildError naming the layer and both numbers. */
export function validateLayer(layer: Conv1dLayer): void {
  validateHyperparameters(layer.name, layer);
  validateArrays(layer);
}

/** Checks sizes are positive integers, padding is valid and groups divide both channel counts. */
export function validateHyperparameters(name: string, layer: Conv1dHyperparams): void {
  const { inChannels, outChannels, kernelSize, stride, dilation, groups, padding } = layer;
  for (const [what, value] of [
    ['in_channels', inChannels],
    ['out_channels', outChannels],
    ['kernel_size', kernelSize],
    ['stride', stride],
    ['dilation', dilation],
    ['groups', groups],
  ] as const) {
    if (!Number.isInteger(value) || value < 1) {
      throw new ModelBuildError(`${name}: ${what} must be a positive integer, got ${value}`);
    }
  }
  if (padding !== 'same' && (!Number.isInteger(padding) || padding < 0)) {
    throw new ModelBuildError(`${name}: padding must be an integer ≥ 0 or 'same', got ${String(padding)}`);
  }
  if (padding === 'same' && stride !== 1) {
    throw new ModelBuildError(
      `${name}: padding='same' needs stride 1 (PyTorch refuses it), got stride ${stride}`,
    );
  }
  if (inChannels % groups !== 0 || outChannels % groups !== 0) {
    throw new ModelBuildError(
      `${name}: in_channels ${inChannels} and out_channels ${outChannels} must both be divisible by groups ${groups}`,
    );
  }
}

function validateArrays(layer: Conv1dLayer): void {
  const { name, inChannels, outChannels, kernelSize, groups } = layer;
  const weightShape = [outChannels, inChannels / groups, kernelSize];
  expectLength(name, 'weight', layer.weight.length, weightShape);
  expectFloat32(layer, 'weight', layer.weight, weightShape);
  if (layer.bias) expectLength(name, 'bias', layer.bias.length, [outChannels]);
  if (layer.bias) expectFloat32(layer, 'bias', layer.bias, [outChannels]);
  const bn = layer.batchNorm;
  if (bn) {
    if (bn.numFeatures !== outChannels) {
      throw new ShapeMismatchError(
        `${name}: BatchNorm1d(${bn.numFeatures}) follows a conv with ${outChannels} output channels`,
      );
    }
    for (const [what, values] of [
      ['batch norm weight', bn.weight],
      ['batch norm bias', bn.bias],
      ['running_mean', bn.runningMean],
      ['running_var', bn.runningVar],
    ] as const) {
      expectLength(name, what, values.length, [outChannels]);
      expectFloat32(layer, what, values, [outChannels]);
    }
    const negative = bn.runningVar.findIndex((value) => value < 0);
    if (negative >= 0) {
      throw new ModelBuildError(
        `${name}: running_var[${negative}] is ${bn.runningVar[negative]}: a variance cannot be negative ` +
          `(eval-mode BatchNorm1d divides by sqrt(running_var + eps), which would make every output NaN)`,
      );
    }
    const zero = bn.runningVar.findIndex((value) => !(value + bn.eps > 0));
    if (zero >= 0) {
      throw new ModelBuildError(
        `${name}: running_var[${zero}] + eps is ${bn.runningVar[zero]! + bn.eps} (eps ${bn.eps}): eval-mode ` +
          `BatchNorm1d divides by sqrt(running_var + eps), so channel ${zero} would be ±Infinity or NaN`,
      );
    }
  }
}

/**
 * The model runs in float32: a value that was finite in the file (a float64 weight of 1e300) but
 * became ±Infinity as float32 is refused here, naming the layer, the array, its key and the index.
 */
function expectFloat32(
  layer: Conv1dLayer,
  what: string,
  values: Float32Array,
  shape: readonly number[],
): void {
  const bad = firstNonFinite(values);
  if (bad < 0) return;
  const key = layer.keys.find((k) => k.endsWith(what.replace(/^batch norm /, '').replace(' ', '_'))) ?? what;
  throw new ModelBuildError(
    `${layer.name}: ${what} (${key}) at index [${unravelIndex(bad, shape).join(', ')}] does not fit float32 ` +
      `(beyond ±3.4e38): the model runs in float32, where it would be ${values[bad]}`,
  );
}

function expectLength(layer: string, what: string, actual: number, shape: readonly number[]): void {
  const expected = shape.reduce((a, b) => a * b, 1);
  if (actual !== expected) {
    throw new ShapeMismatchError(
      `${layer}: ${what} should be ${formatShape(shape)} (${expected} values), it has ${actual} values`,
    );
  }
}

/** Checks that each layer takes the channels the previous one gives. */
export function validateChain(layers: readonly Conv1dLayer[]): void {
  for (let i = 1; i < layers.length; i++) {
    const previous = layers[i - 1]!;
    const layer = layers[i]!;
    if (layer.inChannels !== previous.outChannels) {
      throw new ShapeMismatchError(
        `the layers do not connect: ${layer.name} takes ${layer.inChannels} channels ` +
          `(${describeWeight(layer)}) but ${previous.name} gives ${previous.outChannels} (${describeWeight(previous)})`,
      );
    }
  }
}

/** `postnet.convolutions.1.0.conv.weight [512, 512, 5]`: the key (when known) and the weight shape. */
export function describeWeight(layer: Conv1dLayer): string {
  const shape = formatShape([layer.outChannels, layer.inChannels / layer.groups, layer.kernelSize]);
  const key = layer.keys.find((k) => k.endsWith('weight'));
  return key ? `${key} ${shape}` : `weight ${shape}`;
}
