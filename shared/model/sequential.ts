/**
 * Builds a stack from an explicit architecture and its nn.Sequential-keyed tensors (see
 * architecture.ts). buildStack then checks each layer and the chain.
 */
import type { LayerSpec, LayerTensorKeys, SequentialSlots, StackArchitecture } from './architecture';
import { sequentialSlots } from './architecture';
import type { TensorPicker } from './tensor-picker';
import type { Conv1dLayer, Conv1dStack } from './types';
import { validateHyperparameters } from './validate';

export function buildSequential(architecture: StackArchitecture, picker: TensorPicker): Conv1dStack {
  const slots = sequentialSlots(architecture.layers);
  const layers: Conv1dLayer[] = architecture.layers.map((spec, i) => {
    const slot = slots[i]!;
    validateHyperparameters(`layer ${i}`, spec);
    const out = spec.outChannels;
    const keys = spec.tensorKeys ?? sequentialKeys(spec, slot);
    const weightShape = [out, spec.inChannels / spec.groups, spec.kernelSize];
    const why = `layer ${i}: Conv1d(${spec.inChannels}, ${out}, kernel_size=${spec.kernelSize}, groups=${spec.groups})`;
    const used = [keys.weight];
    const weight = picker.float32(keys.weight, weightShape, why);
    let bias: Float32Array | null = null;
    if (keys.bias !== null) {
      bias = picker.float32(keys.bias, [out], why);
      used.push(keys.bias);
    }
    let batchNorm: Conv1dLayer['batchNorm'] = null;
    const bn = keys.batchNorm;
    if (spec.batchNorm && bn) {
      const bnWhy = `layer ${i}: BatchNorm1d(${out})`;
      const affine = spec.batchNorm.affine;
      batchNorm = {
        numFeatures: out,
        eps: spec.batchNorm.eps,
        momentum: spec.batchNorm.momentum,
        affine,
        weight: affine && bn.weight ? picker.float32(bn.weight, [out], bnWhy) : new Float32Array(out).fill(1),
        bias: affine && bn.bias ? picker.float32(bn.bias, [out], bnWhy) : new Float32Array(out),
        runningMean: picker.float32(bn.runningMean, [out], bnWhy),
        runningVar: picker.float32(bn.runningVar, [out], bnWhy),
      };
      if (bn.numBatchesTracked) picker.consume(bn.numBatchesTracked);
      if (affine && bn.weight && bn.bias) used.push(bn.weight, bn.bias);
      used.push(bn.runningMean, bn.runningVar);
    }
    const layer: Conv1dLayer = {
      name: spec.tensorKeys ? moduleOf(keys.weight) : `${slot.conv}`,
      inChannels: spec.inChannels,
      outChannels: out,
      kernelSize: spec.kernelSize,
      stride: spec.stride,
      padding: spec.padding,
      dilation: spec.dilation,
      groups: spec.groups,
      weight,
      bias,
      batchNorm,
      activation: spec.activation,
      keys: used,
    };
    return layer;
  });
  return { kind: architecture.kind, layout: 'sequential', layers, residual: architecture.residual };
}

/** The keys `nn.Sequential(...).state_dict()` gives a layer's tensors. */
function sequentialKeys(spec: LayerSpec, slot: SequentialSlots): LayerTensorKeys {
  const bn = slot.batchNorm === null ? null : `${slot.batchNorm}`;
  const affine = spec.batchNorm?.affine ?? false;
  return {
    weight: `${slot.conv}.weight`,
    bias: spec.bias ? `${slot.conv}.bias` : null,
    batchNorm:
      spec.batchNorm && bn !== null
        ? {
            weight: affine ? `${bn}.weight` : null,
            bias: affine ? `${bn}.bias` : null,
            runningMean: `${bn}.running_mean`,
            runningVar: `${bn}.running_var`,
            numBatchesTracked: `${bn}.num_batches_tracked`,
          }
        : null,
  };
}

/** `net.conv_in.weight` → `net.conv_in`: a layer named by its weight's module. */
function moduleOf(weightKey: string): string {
  return weightKey.endsWith('.weight') ? weightKey.slice(0, -'.weight'.length) : weightKey;
}
