import { describe, expect, it } from 'vitest';
import {
  conv1dOutputLength,
  conv1dRepr,
  explainConv1d,
  formatCount,
} from '../../../renderer/src/app/conv-text';
import { POSTNET_FIRST_LAYER } from '../fakes';

describe('Conv1d explained', () => {
  it('Conv1d(80, 512, k=5, pad=2) prints like PyTorch', () => {
    expect(conv1dRepr(POSTNET_FIRST_LAYER)).toBe(
      'Conv1d(80, 512, kernel_size=(5,), stride=(1,), padding=(2,))',
    );
  });

  it('512 filters of [80, 5], weight [512, 80, 5] = 204,800, [1, 80, T] → [1, 512, T]', () => {
    const x = explainConv1d(POSTNET_FIRST_LAYER, 862);
    expect(x.filterShape).toEqual([80, 5]);
    expect(x.weightShape).toEqual([512, 80, 5]);
    expect(formatCount(x.weightCount)).toBe('204,800');
    expect(x.inputShape).toEqual([1, 80, 862]);
    expect(x.outputShape).toEqual([1, 512, 862]);
    expect(x.after).toBe('BatchNorm1d(512) → tanh');
    expect(x.formula).toBe('out[o, t] = bias[o] + Σ_c Σ_k w[o, c, k] · x[c, t + k − 2]');
  });

  it('output length follows PyTorch for stride, dilation and no padding', () => {
    const layer = { ...POSTNET_FIRST_LAYER, padding: 0, stride: 2, dilation: 2 };
    expect(conv1dOutputLength(layer, 100)).toBe(Math.floor((100 - 2 * 4 - 1) / 2) + 1);
    expect(conv1dRepr({ ...layer, groups: 4 })).toBe(
      'Conv1d(80, 512, kernel_size=(5,), stride=(2,), dilation=(2,), groups=4)',
    );
    expect(explainConv1d({ ...layer, groups: 4 }, 10).filterShape).toEqual([20, 5]);
  });

  it('fails clearly when the input is shorter than the kernel: the output length is ≤ 0', () => {
    expect(conv1dOutputLength({ ...POSTNET_FIRST_LAYER, padding: 0 }, 3)).toBeLessThanOrEqual(0);
  });

  it('a linear last layer says so', () => {
    expect(explainConv1d({ ...POSTNET_FIRST_LAYER, batchNorm: false, activation: 'identity' }, 5).after).toBe(
      'linear (no activation)',
    );
  });
});
