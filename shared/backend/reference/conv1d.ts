/**
 * The reference operators, written to be obviously PyTorch's definitions rather than fast.
 * Each works on a range of output frames [t0, t1) so the driver can chunk and cancel; arrays are
 * `[channels, frames]` row-major. Sums are taken in float64 and rounded to float32 once.
 */
import { assertNever } from '../../errors';
import type { Conv1dGeometry } from '../../model/geometry';
import type { Activation, BatchNorm1dParams } from '../../model/types';

/**
 * torch.nn.functional.conv1d for one batch item, output frames [t0, t1):
 * out[o, t] = bias[o] + Σ_c Σ_k weight[o, c, k] · x[g·inPerGroup + c, t·stride + k·dilation − padLeft],
 * g = ⌊o / outPerGroup⌋, zeros outside 0…inFrames − 1.
 * `x` `[inChannels, inFrames]`, `weight` `[outChannels, inPerGroup, kernelSize]`, `out` `[outChannels, outFrames]`.
 */
export function conv1dReference(
  x: Float32Array,
  weight: Float32Array,
  bias: Float32Array | null,
  g: Conv1dGeometry,
  out: Float32Array,
  t0 = 0,
  t1 = g.outFrames,
): void {
  for (let o = 0; o < g.outChannels; o++) {
    const firstInput = Math.floor(o / g.outPerGroup) * g.inPerGroup;
    for (let t = t0; t < t1; t++) {
      let sum = bias ? bias[o]! : 0;
      for (let c = 0; c < g.inPerGroup; c++) {
        for (let k = 0; k < g.kernelSize; k++) {
          const frame = t * g.stride + k * g.dilation - g.padLeft;
          if (frame < 0 || frame >= g.inFrames) continue;
          sum +=
            weight[(o * g.inPerGroup + c) * g.kernelSize + k]! * x[(firstInput + c) * g.inFrames + frame]!;
        }
      }
      out[o * g.outFrames + t] = sum;
    }
  }
}

/** Eval-mode BatchNorm1d in place: y = (x − runningMean) / sqrt(runningVar + eps) · weight + bias. */
export function batchNorm1dEval(
  data: Float32Array,
  nFrames: number,
  bn: BatchNorm1dParams,
  t0 = 0,
  t1 = nFrames,
): void {
  for (let c = 0; c < bn.numFeatures; c++) {
    const mean = bn.runningMean[c]!;
    const scale = bn.weight[c]! / Math.sqrt(bn.runningVar[c]! + bn.eps);
    const shift = bn.bias[c]!;
    for (let t = c * nFrames + t0, end = c * nFrames + t1; t < end; t++) {
      data[t] = (data[t]! - mean) * scale + shift;
    }
  }
}

/** tanh, ReLU or identity in place over frames [t0, t1) of every channel. */
export function applyActivation(
  data: Float32Array,
  nChannels: number,
  nFrames: number,
  activation: Activation,
  t0 = 0,
  t1 = nFrames,
): void {
  switch (activation) {
    case 'identity':
      return;
    case 'tanh':
      for (let c = 0; c < nChannels; c++) {
        for (let t = c * nFrames + t0, end = c * nFrames + t1; t < end; t++) data[t] = Math.tanh(data[t]!);
      }
      return;
    case 'relu':
      for (let c = 0; c < nChannels; c++) {
        for (let t = c * nFrames + t0, end = c * nFrames + t1; t < end; t++) {
          if (data[t]! < 0) data[t] = 0;
        }
      }
      return;
    default:
      assertNever(activation, 'activation');
  }
}
