import { describe, expect, it } from 'vitest';
import { explainConv1d, formulaAt, idleWindowLabels } from '../../../renderer/src/app/conv-text';
import { layerOutputSize } from '../../../renderer/src/app/layer-output';
import { conv1dOutFrames } from '../../../shared/model/geometry';
import { groupThousands } from '../../../shared/model/print';
import { loadWeights } from '../../../shared/weights/load';
import { POSTNET_FIRST_LAYER, layerWith } from '../fakes';

/** A one-layer explicit layer JSON `[4, 4, 4]` (even kernel) with `padding`, loaded as the app loads it. */
function evenKernelWeights(padding: number | 'same') {
  const weight = Array.from({ length: 4 }, () => Array.from({ length: 4 }, () => [0.1, 0.2, 0.3, 0.4]));
  const json = JSON.stringify({ layers: [{ padding, weight }] });
  return loadWeights([{ name: 'k4.json', bytes: new TextEncoder().encode(json) }]).summary;
}

describe('Conv1d explained', () => {
  it('Conv1d(80, 512, k=5, pad=2) prints like PyTorch', () => {
    expect(explainConv1d(POSTNET_FIRST_LAYER, 862).repr).toBe(
      'Conv1d(80, 512, kernel_size=(5,), stride=(1,), padding=(2,))',
    );
  });

  it("padding='same' with kernel 4 pads 1 left and 2 right: T frames out, and the card prints what print(model) prints", () => {
    const weights = evenKernelWeights('same');
    const layer = weights.layers[0]!;
    expect([layer.padding, layer.padLeft, layer.padRight]).toEqual(['same', 1, 2]);
    const x = explainConv1d(layer, 100);
    expect(x.outputShape).toEqual([1, 4, 100]);
    expect(layerOutputSize(weights.layers, 0, 100).shape).toEqual([4, 100]);
    expect(x.repr).toBe('Conv1d(4, 4, kernel_size=(4,), stride=(1,), padding=same, bias=False)');
    expect(weights.moduleText).toContain(`(0): ${x.repr}`);
    expect(x.formula).toBe('out[o, t] = Σ_c Σ_k weight[o, c, k] · x[c, t + k − 1]');
  });

  it('fails clearly to keep T frames for an even kernel with equal padding: padding=1, k=4 gives T − 1', () => {
    const layer = evenKernelWeights(1).layers[0]!;
    expect([layer.padLeft, layer.padRight]).toEqual([1, 1]);
    expect(explainConv1d(layer, 100).outputShape).toEqual([1, 4, 99]);
    expect(explainConv1d(layer, 100).repr).toBe(
      'Conv1d(4, 4, kernel_size=(4,), stride=(1,), padding=(1,), bias=False)',
    );
  });

  it('512 filters of [80, 5], weight [512, 80, 5] = 204,800, [1, 80, T] → [1, 512, T]', () => {
    const x = explainConv1d(POSTNET_FIRST_LAYER, 862);
    expect(x.filterShape).toEqual([80, 5]);
    expect(x.weightShape).toEqual([512, 80, 5]);
    expect(groupThousands(x.weightCount)).toBe('204,800');
    expect(x.inputShape).toEqual([1, 80, 862]);
    expect(x.outputShape).toEqual([1, 512, 862]);
    expect(x.after).toBe('BatchNorm1d(512) → tanh');
    expect(x.formula).toBe('out[o, t] = bias[o] + Σ_c Σ_k weight[o, c, k] · x[c, t + k − 2]');
  });

  it('a layer with a bias counts it: weight [512, 80, 5] = 204,800 numbers + 512 biases', () => {
    expect(explainConv1d(POSTNET_FIRST_LAYER, 862).biasNote).toBe('+ 512 biases');
    expect(explainConv1d(POSTNET_FIRST_LAYER, 862).biasCount).toBe(512);
  });

  it('fails clearly to mention a bias a bias=False layer does not have: no bias[o] in the formula', () => {
    const x = explainConv1d(layerWith({ bias: false }), 862);
    expect(x.biasCount).toBe(0);
    expect(x.biasNote).toBe('no bias: bias=False');
    expect(x.formula).toBe('out[o, t] = Σ_c Σ_k weight[o, c, k] · x[c, t + k − 2]');
    expect(x.repr).toBe('Conv1d(80, 512, kernel_size=(5,), stride=(1,), padding=(2,), bias=False)');
  });

  it('output length follows PyTorch for stride, dilation and no padding', () => {
    const layer = layerWith({ padding: 0, stride: 2, dilation: 2, groups: 4 });
    expect(explainConv1d(layer, 100).outputShape[2]).toBe(Math.floor((100 - 2 * 4 - 1) / 2) + 1);
    expect(layer.repr).toBe('Conv1d(80, 512, kernel_size=(5,), stride=(2,), dilation=(2,), groups=4)');
    expect(explainConv1d(layer, 10).filterShape).toEqual([20, 5]);
  });

  it('fails clearly when the input is shorter than the kernel: the output length is ≤ 0', () => {
    expect(conv1dOutFrames(layerWith({ padding: 0 }), 3)).toBeLessThanOrEqual(0);
  });

  it('a linear last layer says so', () => {
    expect(explainConv1d(layerWith({ batchNorm: false, activation: 'identity' }), 5).after).toBe(
      'linear (no activation)',
    );
  });
});

describe('the Conv1d formula at the cursor', () => {
  const conv2 = layerWith({ inChannels: 512 });

  it('frame 231, channel 17 of a k=5 pad=2 layer reads x[c, 229 + k]: frames 229…233', () => {
    const at = formulaAt(conv2, 231, 17, 862);
    expect(at.equation).toBe('out[17, 231] = bias[17] + Σ_c Σ_k weight[17, c, k] · x[c, 229 + k]');
    expect(at.ranges).toBe('c = 0…511, k = 0…4');
    expect(at.window).toEqual({ first: 229, last: 233, step: 1 });
    expect(at.windowText).toBe('frames 229…233');
    expect(at.paddingFrames).toEqual([]);
  });

  it('fails clearly to add bias[o] at the cursor for a bias=False layer', () => {
    expect(formulaAt(layerWith({ inChannels: 512, bias: false }), 231, 17, 862).equation).toBe(
      'out[17, 231] = Σ_c Σ_k weight[17, c, k] · x[c, 229 + k]',
    );
  });

  it('without a channel (cursor outside the layer pane) o stays a letter', () => {
    expect(formulaAt(POSTNET_FIRST_LAYER, 5, null, 862).equation).toBe(
      'out[o, 5] = bias[o] + Σ_c Σ_k weight[o, c, k] · x[c, 3 + k]',
    );
  });

  it('kernels 3 and 7, dilation 2, stride 2 put the window where PyTorch reads it', () => {
    expect(formulaAt(layerWith({ inChannels: 512, kernelSize: 3, padding: 1 }), 10, 0, 50).window).toEqual({
      first: 9,
      last: 11,
      step: 1,
    });
    const dilated = formulaAt(
      layerWith({ inChannels: 512, kernelSize: 7, padding: 6, dilation: 2 }),
      20,
      3,
      50,
    );
    expect(dilated.equation).toContain('x[c, 14 + 2·k]');
    expect(dilated.window).toEqual({ first: 14, last: 26, step: 2 });
    expect(dilated.windowText).toBe('frames 14, 16, …, 26');
    expect(formulaAt(layerWith({ inChannels: 512, stride: 2, padding: 0 }), 4, 1, 50).window.first).toBe(8);
  });

  it('grouped convs read only their group’s channels', () => {
    const grouped = layerWith({ inChannels: 512, groups: 4 }); // 128 in, 128 out per group
    expect(formulaAt(grouped, 9, 300, 50).equation).toContain('x[256 + c, 7 + k]');
    expect(formulaAt(grouped, 9, 300, 50).ranges).toBe('c = 0…127, k = 0…4');
  });

  it('fails clearly at the edges: frames outside 0…T−1 are named as padding zeros, with a real minus', () => {
    const first = formulaAt(conv2, 0, 1, 862);
    expect(first.paddingFrames).toEqual([-2, -1]);
    expect(first.equation).toContain('x[c, −2 + k]');
    expect(first.windowText).toBe('frames −2…2');
    expect(formulaAt(conv2, 861, 1, 862).paddingFrames).toEqual([862, 863]);
  });
});

describe('the diagram labels while nothing is hovered', () => {
  it('k=5, padding 2: output frame t reads t−2…t+2', () => {
    expect(idleWindowLabels(POSTNET_FIRST_LAYER)).toEqual({ first: 't−2', last: 't+2', out: 't' });
  });

  it('stride 2 scales t as formulaAt does: 2·t−2…2·t+2, the window of frame t at every t', () => {
    const strided = layerWith({ stride: 2 });
    expect(idleWindowLabels(strided)).toEqual({ first: '2·t−2', last: '2·t+2', out: 't' });
    const at = formulaAt(strided, 7, null, 100).window;
    expect([at.first, at.last]).toEqual([2 * 7 - 2, 2 * 7 + 2]);
  });

  it('no padding reads t…t+4; dilation 2 with padding 4 reads t−4…t+4', () => {
    expect(idleWindowLabels(layerWith({ padding: 0 }))).toEqual({ first: 't', last: 't+4', out: 't' });
    expect(idleWindowLabels(layerWith({ padding: 4, dilation: 2 }))).toMatchObject({
      first: 't−4',
      last: 't+4',
    });
  });

  it('fails clearly to print t+-1 when the padding exceeds the span: k=3, padding 3 reads t−3…t−1', () => {
    expect(idleWindowLabels(layerWith({ kernelSize: 3, padding: 3 }))).toEqual({
      first: 't−3',
      last: 't−1',
      out: 't',
    });
  });

  it("padding='same' with k=4 starts one frame left: t−1…t+2", () => {
    expect(idleWindowLabels(layerWith({ kernelSize: 4, padding: 'same' }))).toMatchObject({
      first: 't−1',
      last: 't+2',
    });
  });
});
