/**
 * Recognises NVIDIA/tacotron2 conv stacks in a state_dict and builds them:
 * - Postnet: `postnet.convolutions.{i}.0.conv.{weight,bias}` + `.1.{weight,bias,running_mean,running_var}`
 *   (ConvNorm then BatchNorm1d), tanh after every block but the last, residual.
 * - Encoder: `encoder.convolutions.{i}…` the same way, ReLU after every block, not residual.
 * Kernel size and channels come from the shapes; padding is ConvNorm's ⌊(k − 1) / 2⌋, stride 1.
 */
import { ModelBuildError, ShapeMismatchError, formatShape } from '../errors';
import { canonicalIndex } from './keys';
import type { TensorPicker } from './tensor-picker';
import type { Conv1dLayer, Conv1dStack } from './types';

export type TacotronPart = 'postnet' | 'encoder';

const CONV_KEY = /^(?:(postnet|encoder)\.)?convolutions\.(\d+)\.0\.conv\.weight$/;

export interface TacotronMatch {
  part: TacotronPart;
  /** Canonical prefix before `convolutions.`: `postnet.`, `encoder.` or `` (bare post-net). */
  prefix: string;
  count: number;
}

/**
 * Finds the Tacotron 2 stack to build: the post-net when present (with or without `postnet.`),
 * else the encoder convolutions. Bare `convolutions.*` next to `lstm.*` is an encoder's state_dict.
 */
export function matchTacotron(canonicalKeys: readonly string[]): TacotronMatch | null {
  const indices = new Map<string, Set<number>>();
  for (const key of canonicalKeys) {
    const match = CONV_KEY.exec(key);
    if (!match) continue;
    const prefix = match[1] ? `${match[1]}.` : '';
    if (!indices.has(prefix)) indices.set(prefix, new Set());
    indices.get(prefix)!.add(Number(match[2]));
  }
  const bareIsEncoder = canonicalKeys.some((key) => key.startsWith('lstm.'));
  for (const [prefix, part] of [
    ['postnet.', 'postnet'],
    ['', bareIsEncoder ? 'encoder' : 'postnet'],
    ['encoder.', 'encoder'],
  ] as const) {
    const found = indices.get(prefix);
    if (found) return { part, prefix, count: checkContiguous(found, prefix) };
  }
  return null;
}

function checkContiguous(found: Set<number>, prefix: string): number {
  const count = Math.max(...found) + 1;
  for (let i = 0; i < count; i++) {
    if (!found.has(i)) {
      throw new ModelBuildError(
        `missing key '${prefix}convolutions.${i}.0.conv.weight': the convolutions run 0…${count - 1} but ${i} is absent`,
      );
    }
  }
  return count;
}

/** Builds the matched stack; `picker` records the keys used. buildStack then checks the chain. */
export function buildTacotron(match: TacotronMatch, picker: TensorPicker): Conv1dStack {
  const original = canonicalIndex(picker.tensors.keys());
  const key = (canonical: string): string => original.get(canonical) ?? canonical;
  const layers: Conv1dLayer[] = [];
  for (let i = 0; i < match.count; i++) {
    const block = `${match.prefix}convolutions.${i}`;
    const last = i === match.count - 1;
    const activation = match.part === 'encoder' ? 'relu' : last ? 'identity' : 'tanh';
    const layer = buildBlock(picker, block, key, activation);
    layers.push(layer);
  }
  return match.part === 'postnet'
    ? { kind: 'Tacotron 2 post-net', layout: 'tacotron2-postnet', layers, residual: true }
    : { kind: 'Tacotron 2 encoder convolutions', layout: 'tacotron2-encoder', layers, residual: false };
}

function buildBlock(
  picker: TensorPicker,
  block: string,
  key: (canonical: string) => string,
  activation: Conv1dLayer['activation'],
): Conv1dLayer {
  const weightKey = key(`${block}.0.conv.weight`);
  const weightTensor = picker.require(weightKey, 'the conv weight');
  if (weightTensor.shape.length !== 3) {
    throw new ShapeMismatchError(
      `'${weightKey}' has shape ${formatShape(weightTensor.shape)}; a Conv1d weight is [out_channels, in_channels, kernel_size]`,
    );
  }
  const [outChannels, inChannels, kernelSize] = weightTensor.shape as [number, number, number];
  const weight = picker.float32(weightKey, weightTensor.shape, 'the conv weight');
  const biasKey = key(`${block}.0.conv.bias`);
  const bias = picker.has(biasKey) ? picker.float32(biasKey, [outChannels], `bias of ${weightKey}`) : null;
  const bn = (name: string): string => key(`${block}.1.${name}`);
  const why = `BatchNorm1d(${outChannels}) after ${weightKey}`;
  const batchNorm = {
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
  const name = weightKey.slice(0, -'.0.conv.weight'.length);
  const keys = [weightKey, biasKey, ...['weight', 'bias', 'running_mean', 'running_var'].map(bn)].filter(
    (k) => picker.has(k),
  );
  return {
    name,
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
