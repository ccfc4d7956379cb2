/**
 * The arithmetic of one cell from its window and filter: products, row and column sums, the sum
 * with the bias, eval-mode BatchNorm and the activation, in the reference backend's order.
 */
import { assertNever } from '../errors';
import type { Activation, Conv1dLayer } from '../model/types';
import type { CellBatchNorm, CellExplanation } from './cell';

export type CellArithmetic = Pick<
  CellExplanation,
  | 'products'
  | 'channelSums'
  | 'tapSums'
  | 'productSum'
  | 'bias'
  | 'sum'
  | 'batchNorm'
  | 'activation'
  | 'value'
>;

/**
 * The arithmetic in the reference backend's order (bias, then channel by channel, tap by tap, in
 * float64, rounded to float32 once), so the value is the reference run's to the last bit.
 */
export function cellArithmetic(
  conv: Conv1dLayer,
  channel: number,
  window: Float32Array,
  filter: Float32Array,
): CellArithmetic {
  const k = conv.kernelSize;
  const rows = window.length / k;
  const products = new Float64Array(window.length);
  const channelSums = new Float64Array(rows);
  const tapSums = new Float64Array(k);
  const bias = conv.bias ? conv.bias[channel]! : null;
  let total = bias ?? 0;
  let productSum = 0;
  for (let c = 0; c < rows; c++) {
    for (let tap = 0; tap < k; tap++) {
      const product = filter[c * k + tap]! * window[c * k + tap]!;
      products[c * k + tap] = product;
      channelSums[c]! += product;
      tapSums[tap]! += product;
      productSum += product;
      total += product;
    }
  }
  const sum = Math.fround(total);
  const batchNorm = conv.batchNorm ? cellBatchNorm(conv.batchNorm, channel, sum) : null;
  const value = Math.fround(activate(conv.activation, batchNorm ? batchNorm.value : sum));
  return {
    products,
    channelSums,
    tapSums,
    productSum,
    bias,
    sum,
    batchNorm,
    activation: conv.activation,
    value,
  };
}

function cellBatchNorm(bn: NonNullable<Conv1dLayer['batchNorm']>, channel: number, x: number): CellBatchNorm {
  const weight = bn.weight[channel]!;
  const bias = bn.bias[channel]!;
  const runningMean = bn.runningMean[channel]!;
  const runningVar = bn.runningVar[channel]!;
  const scale = weight / Math.sqrt(runningVar + bn.eps);
  return {
    weight,
    bias,
    runningMean,
    runningVar,
    eps: bn.eps,
    normalized: (x - runningMean) / Math.sqrt(runningVar + bn.eps),
    value: Math.fround((x - runningMean) * scale + bias),
  };
}

export function activate(activation: Activation, x: number): number {
  switch (activation) {
    case 'identity':
      return x;
    case 'tanh':
      return Math.tanh(x);
    case 'relu':
      return x < 0 ? 0 : x;
    default:
      return assertNever(activation, 'activation');
  }
}
