/**
 * Prepares a layer for the fast kernel: BatchNorm folded into the conv, weights re-laid so the
 * kernel reads them contiguously, all in float64 (the kernel accumulates in float64 anyway and
 * float64 loads avoid a float32→float64 conversion per multiply).
 *
 * Folding (eval-mode BN after the conv): with s[o] = γ[o] / sqrt(runningVar[o] + eps),
 *   W'[o, c, k] = s[o] · W[o, c, k],   b'[o] = s[o] · (b[o] − runningMean[o]) + β[o].
 */
import type { Conv1dLayer } from '../../model/types';

/** Output channels computed together by one kernel block (the 3 in a 3 × 4 register block). */
export const OUT_BLOCK = 3;

export interface FoldedLayer {
  /** Output channels per group rounded up to a multiple of OUT_BLOCK (the extra filters are zero). */
  outPerGroupPadded: number;
  /**
   * `[groups][outPerGroupPadded / OUT_BLOCK][inPerGroup][kernelSize][OUT_BLOCK]`: for one block of
   * OUT_BLOCK filters, their weights of each (input channel, tap) sit side by side.
   */
  weights: Float64Array;
  /** `[groups][outPerGroupPadded]`, zero for padding filters. */
  bias: Float64Array;
}

export function foldLayer(layer: Conv1dLayer): FoldedLayer {
  const { groups, kernelSize } = layer;
  const inPerGroup = layer.inChannels / groups;
  const outPerGroup = layer.outChannels / groups;
  const outPerGroupPadded = Math.ceil(outPerGroup / OUT_BLOCK) * OUT_BLOCK;
  const { scale, shift } = foldedAffine(layer);
  const weights = new Float64Array(groups * outPerGroupPadded * inPerGroup * kernelSize);
  const bias = new Float64Array(groups * outPerGroupPadded);
  for (let g = 0; g < groups; g++) {
    for (let j = 0; j < outPerGroup; j++) {
      const o = g * outPerGroup + j; // PyTorch's output channel
      const block = Math.floor(j / OUT_BLOCK);
      const lane = j % OUT_BLOCK;
      const blockBase = (g * outPerGroupPadded + block * OUT_BLOCK) * inPerGroup * kernelSize;
      for (let c = 0; c < inPerGroup; c++) {
        for (let k = 0; k < kernelSize; k++) {
          const source = (o * inPerGroup + c) * kernelSize + k;
          weights[blockBase + (c * kernelSize + k) * OUT_BLOCK + lane] = layer.weight[source]! * scale[o]!;
        }
      }
      bias[g * outPerGroupPadded + j] = shift[o]!;
    }
  }
  return { outPerGroupPadded, weights, bias };
}

/** Per output channel: the factor on the conv sum and the constant added, BN included. */
export function foldedAffine(layer: Conv1dLayer): { scale: Float64Array; shift: Float64Array } {
  const n = layer.outChannels;
  const scale = new Float64Array(n).fill(1);
  const shift = new Float64Array(n);
  for (let o = 0; o < n; o++) shift[o] = layer.bias ? layer.bias[o]! : 0;
  const bn = layer.batchNorm;
  if (bn) {
    for (let o = 0; o < n; o++) {
      scale[o] = bn.weight[o]! / Math.sqrt(bn.runningVar[o]! + bn.eps);
      shift[o] = scale[o]! * (shift[o]! - bn.runningMean[o]!) + bn.bias[o]!;
    }
  }
  return { scale, shift };
}
