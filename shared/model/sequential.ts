/**
 * Builds a stack from an explicit architecture and its nn.Sequential-keyed tensors (see
 * architecture.ts). buildStack then checks each layer and the chain.
 */
import type { StackArchitecture } from './architecture';
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
    const conv = `${slot.conv}`;
    const weightShape = [out, spec.inChannels / spec.groups, spec.kernelSize];
    const why = `layer ${i}: Conv1d(${spec.inChannels}, ${out}, kernel_size=${spec.kernelSize}, groups=${spec.groups})`;
    const keys = [`${conv}.weight`];
    const weight = picker.float32(`${conv}.weight`, weightShape, why);
    let bias: Float32Array | null = null;
    if (spec.bias) {
      bias = picker.float32(`${conv}.bias`, [out], why);
      keys.push(`${conv}.bias`);
    }
    let batchNorm: Conv1dLayer['batchNorm'] = null;
    if (spec.batchNorm && slot.batchNorm !== null) {
      const bn = `${slot.batchNorm}`;
      const bnWhy = `layer ${i}: BatchNorm1d(${out})`;
      const affine = spec.batchNorm.affine;
      batchNorm = {
        numFeatures: out,
        eps: spec.batchNorm.eps,
        momentum: spec.batchNorm.momentum,
        affine,
        weight: affine ? picker.float32(`${bn}.weight`, [out], bnWhy) : new Float32Array(out).fill(1),
        bias: affine ? picker.float32(`${bn}.bias`, [out], bnWhy) : new Float32Array(out),
        runningMean: picker.float32(`${bn}.running_mean`, [out], bnWhy),
        runningVar: picker.float32(`${bn}.running_var`, [out], bnWhy),
      };
      picker.consume(`${bn}.num_batches_tracked`);
      keys.push(...(affine ? ['weight', 'bias'] : []).map((n) => `${bn}.${n}`));
      keys.push(`${bn}.running_mean`, `${bn}.running_var`);
    }
    const layer: Conv1dLayer = {
      name: conv,
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
      keys,
    };
    return layer;
  });
  return { kind: architecture.kind, layout: 'sequential', layers, residual: architecture.residual };
}
