/**
 * An explicit description of a Conv1d stack, for models that are not a Tacotron 2 state_dict:
 * the equivalent of `nn.Sequential(Conv1d, [BatchNorm1d], [Tanh | ReLU], Conv1d, …)`, whose
 * tensors are keyed as that Sequential's state_dict (`0.weight`, `1.running_mean`, …).
 * docs/weights.md documents the JSON form.
 */
import type { Activation, Conv1dHyperparams } from './types';

export interface LayerSpec extends Conv1dHyperparams {
  bias: boolean;
  activation: Activation;
  batchNorm: { eps: number; momentum: number; affine: boolean } | null;
  /**
   * Where this layer's tensors are in the weights, when an architecture document (`--arch`) names
   * them; absent, they are under the nn.Sequential keys (`0.weight`, `1.running_mean`…).
   */
  tensorKeys?: LayerTensorKeys;
}

/** State_dict keys of one layer's tensors, as an architecture document names them. */
export interface LayerTensorKeys {
  weight: string;
  bias: string | null;
  batchNorm: {
    /** Null when the BatchNorm1d is not affine. */
    weight: string | null;
    bias: string | null;
    runningMean: string;
    runningVar: string;
    numBatchesTracked: string | null;
  } | null;
}

export interface StackArchitecture {
  kind: string;
  residual: boolean;
  layers: readonly LayerSpec[];
}

/** Module indices of one layer inside the Sequential: conv, then BatchNorm and activation if any. */
export interface SequentialSlots {
  conv: number;
  batchNorm: number | null;
  activation: number | null;
}

/** What decides a layer's slots: whether a BatchNorm1d and an activation module follow its conv. */
export interface SlotFields {
  batchNorm: object | null;
  activation: Activation;
}

export function sequentialSlots(layers: readonly SlotFields[]): SequentialSlots[] {
  const slots: SequentialSlots[] = [];
  let next = 0;
  for (const layer of layers) {
    const conv = next++;
    const batchNorm = layer.batchNorm ? next++ : null;
    const activation = layer.activation === 'identity' ? null : next++;
    slots.push({ conv, batchNorm, activation });
  }
  return slots;
}
