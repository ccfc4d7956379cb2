/**
 * Builds the Tacotron 2 conv stacks layouts.ts recognises. NVIDIA/tacotron2, Coqui TTS and ESPnet
 * compute the same thing with different module names: per block a Conv1d (padding ⌊(k − 1) / 2⌋,
 * stride 1; ESPnet's has no bias), an eval-mode BatchNorm1d (eps 1e-5; ESPnet may leave it out),
 * then tanh on every post-net block but the last (identity) or ReLU on every encoder block;
 * dropout is the identity at inference. The post-net is residual (`mel + postnet(mel)`), the
 * encoder convolutions are not. Channels and kernel size come from the weight shapes.
 */
import { ShapeMismatchError, formatShape } from '../errors';
import { NAMING, toolkitOf, type StackInfo } from './layouts';
import type { TensorPicker } from './tensor-picker';
import type { Conv1dLayer, Conv1dStack } from './types';

/** Builds the stack; `picker` records the keys used. buildStack then checks the chain. */
export function buildTacotron(info: StackInfo, picker: TensorPicker): Conv1dStack {
  if (info.layout === 'sequential') throw new Error('buildTacotron: not a recognised layout');
  const naming = NAMING[toolkitOf(info.layout)];
  const withBatchNorm =
    !naming.batchNormOptional || picker.has(`${naming.batchNorm(info.prefix, 0)}.running_mean`);
  const layers: Conv1dLayer[] = [];
  for (let i = 0; i < info.nLayers; i++) {
    const last = i === info.nLayers - 1;
    const activation = info.role === 'encoder' ? 'relu' : last ? 'identity' : 'tanh';
    const block = {
      name: `${info.prefix}${i}`,
      conv: naming.conv(info.prefix, i),
      batchNorm: withBatchNorm ? naming.batchNorm(info.prefix, i) : null,
    };
    layers.push(buildBlock(picker, block, activation));
  }
  return { kind: info.kind, layout: info.layout, layers, residual: info.role === 'postnet' };
}

interface BlockKeys {
  name: string;
  /** Module paths: `postnet.convolutions.0.0.conv`, `postnet.convolutions.0.1` (or none). */
  conv: string;
  batchNorm: string | null;
}

function buildBlock(
  picker: TensorPicker,
  block: BlockKeys,
  activation: Conv1dLayer['activation'],
): Conv1dLayer {
  const weightKey = `${block.conv}.weight`;
  const weightTensor = picker.require(weightKey, 'the conv weight');
  if (weightTensor.shape.length !== 3) {
    throw new ShapeMismatchError(
      `'${weightKey}' has shape ${formatShape(weightTensor.shape)}; a Conv1d weight is [out_channels, in_channels, kernel_size]`,
    );
  }
  const [outChannels, inChannels, kernelSize] = weightTensor.shape as [number, number, number];
  const weight = picker.float32(weightKey, weightTensor.shape, 'the conv weight');
  const biasKey = `${block.conv}.bias`;
  const bias = picker.has(biasKey) ? picker.float32(biasKey, [outChannels], `bias of ${weightKey}`) : null;
  const keys = [weightKey, ...(bias ? [biasKey] : [])];
  let batchNorm: Conv1dLayer['batchNorm'] = null;
  if (block.batchNorm !== null) {
    const bn = (name: string): string => `${block.batchNorm}.${name}`;
    const why = `BatchNorm1d(${outChannels}) after ${weightKey}`;
    batchNorm = {
      numFeatures: outChannels,
      eps: 1e-5,
      momentum: 0.1,
      affine: true,
      weight: picker.float32(bn('weight'), [outChannels], why),
      bias: picker.float32(bn('bias'), [outChannels], why),
      runningMean: picker.float32(bn('running_mean'), [outChannels], why),
      runningVar: picker.float32(bn('running_var'), [outChannels], why),
    };
    picker.consume(bn('num_batches_tracked'));
    keys.push(...['weight', 'bias', 'running_mean', 'running_var'].map(bn));
  }
  return {
    name: block.name,
    inChannels,
    outChannels,
    kernelSize,
    stride: 1,
    padding: Math.floor((kernelSize - 1) / 2),
    dilation: 1,
    groups: 1,
    weight,
    bias,
    batchNorm,
    activation,
    keys,
  };
}
