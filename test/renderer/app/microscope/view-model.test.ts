/**
 * The microscope's view-model shows explainCell's numbers, unchanged: the window, filter and
 * products heatmaps hold its arrays, the sums and the chain Σ + bias → BatchNorm → activation are
 * its values, and the value agrees with the layer's full output. And the hover words.
 */
import { describe, expect, it } from 'vitest';
import {
  microscopeView,
  valuesAgree,
  type ViewContext,
} from '../../../../renderer/src/app/microscope/view-model';
import {
  formatNumber,
  hoverText,
  rowWords,
  tapWords,
  type CellSource,
} from '../../../../renderer/src/app/microscope/words';
import { bandCentresHz } from '../../../../renderer/src/render/mel-axis';
import { explainCell } from '../../../../shared/explain/cell';
import { TACOTRON2_MEL } from '../../../../shared/mel/config';
import { layerOutputOf } from '../../../../shared/pipeline/process';
import { defaultWeights } from '../../../../shared/weights/load';
import type { Spectrogram } from '../../../../shared/spectrogram';
import { textModelOf, embedText } from '../../../../shared/explain/text-run';
import { tacotron2SmallTensors } from '../../../shared/explain/cases';

const { stack, summary } = defaultWeights();
const nFrames = 40;
const mel: Spectrogram = {
  data: Float32Array.from(
    { length: 80 * nFrames },
    (_, i) => -6 + 4 * Math.sin(i * 0.37) + ((i * 7) % 13) / 13,
  ),
  nMels: 80,
  nFrames,
  config: { ...TACOTRON2_MEL },
  source: { name: 'synthetic.wav', kind: 'wav' },
};
const input = { nChannels: 80, nFrames, data: mel.data };
const audio: CellSource = { kind: 'audio', bandCentresHz: bandCentresHz(TACOTRON2_MEL), symbols: null };

function context(paneValue: number | null, overrides: Partial<ViewContext> = {}): ViewContext {
  return {
    source: audio,
    layers: summary.layers,
    windowColours: { colormap: 'magma', range: { lo: -11.5, hi: 2 }, decimation: 'max' },
    diverging: 'rdbu',
    paneValue,
    framesIn: [nFrames, nFrames, nFrames, nFrames, nFrames, nFrames],
    residualInput: null,
    ...overrides,
  };
}

describe('microscopeView: explainCell’s numbers, as shown', () => {
  it.each([
    [0, 23, 0],
    [0, 511, 17],
    [2, 100, 39],
    [4, 79, 20],
  ])('conv %i channel %i frame %i', async (layer, channel, frame) => {
    const cell = await explainCell(stack, input, { layer, channel, frame });
    const full = await layerOutputOf(stack, mel, layer);
    const paneValue = full.data[channel * full.nFrames + frame]!;
    const view = microscopeView(cell, context(paneValue));
    expect(view.window.values).toBe(cell.window.values);
    expect(view.filter.values).toBe(cell.filter);
    expect(view.products.values).toBe(cell.products);
    expect(view.channelSums.values).toBe(cell.channelSums);
    expect(view.tapSums).toEqual(Array.from(cell.tapSums));
    expect([view.window.nRows, view.window.nCols]).toEqual(cell.window.shape);
    const value = (id: string) => view.steps.find((step) => step.id === id)?.value;
    expect(value('sum')).toBe(cell.productSum);
    expect(value('bias')).toBe(cell.sum);
    expect(value('normalize')).toBe(cell.batchNorm!.normalized);
    expect(value('affine')).toBe(cell.batchNorm!.value);
    expect(value('activation')).toBe(cell.value);
    expect(value('pane')).toBe(paneValue);
    expect(view.agrees).toBe(true);
    expect(view.taps.map((tap) => tap.frame)).toEqual(cell.window.frames);
    expect(view.taps.map((tap) => tap.padding)).toEqual(cell.window.padding);
    expect(view.field.map((row) => row.width)).toEqual([
      1 + 4 * (layer + 1),
      ...Array.from({ length: layer + 1 }, (_, j) => 1 + 4 * (layer - j)),
    ]);
  });

  it('the shapes of the arithmetic at the layer, as PyTorch states them', async () => {
    const view = microscopeView(
      await explainCell(stack, input, { layer: 0, channel: 0, frame: 3 }),
      context(null),
    );
    expect(view.shapes).toEqual([
      'input [1, 80, 40] → output [1, 512, 40]',
      '512 filters of [80, 5], one per output channel',
      '512·80·5 = 204,800 weights + 512 biases',
    ]);
    expect(view.title).toBe('conv 0 · channel 0 · frame 3');
    expect(view.agrees).toBeNull();
  });

  it('padding taps at the edges are zeros in the window, named in the field', async () => {
    const cell = await explainCell(stack, input, { layer: 0, channel: 5, frame: 0 });
    const view = microscopeView(cell, context(null));
    expect(view.taps.map((tap) => [tap.label, tap.padding])).toEqual([
      ['t−2', true],
      ['t−1', true],
      ['t', false],
      ['t+1', false],
      ['t+2', false],
    ]);
    for (let c = 0; c < 80; c++)
      expect([cell.window.values[c * 5]!, cell.window.values[c * 5 + 1]!]).toEqual([0, 0]);
    expect(view.field[0]).toEqual({ label: 'input mel', span: { first: -2, last: 2 }, width: 5, padding: 2 });
  });

  it('the last layer of a residual stack on the output pane adds the input', async () => {
    const cell = await explainCell(stack, input, { layer: 4, channel: 10, frame: 7 });
    const x = mel.data[10 * nFrames + 7]!;
    const view = microscopeView(cell, context(null, { residualInput: x }));
    const output = view.steps.at(-1)!;
    expect([output.id, output.value]).toEqual(['output', x + cell.value]);
    expect(view.steps.find((s) => s.id === 'activation')!.text).toBe(
      `identity (linear): ${formatNumber(cell.batchNorm!.value)}`,
    );
  });

  it('a value that differs from the pane’s is flagged', () => {
    expect(valuesAgree(0.5, 0.5 + 1e-7)).toBe(true);
    expect(valuesAgree(0.5, 0.51)).toBe(false);
  });
});

describe('hover words', () => {
  it('layer 0 over a spectrogram: the mel band and its centre frequency, the frame relative to t', async () => {
    const cell = await explainCell(stack, input, { layer: 0, channel: 3, frame: 20 });
    expect(rowWords(cell, audio, 23)).toBe('mel band 23 · 894 Hz');
    expect(tapWords(cell, audio, 1)).toBe('frame t−1 (19)');
    expect(tapWords(cell, audio, 2)).toBe('frame t (20)');
    expect(tapWords(cell, audio, 4)).toBe('frame t+2 (22)');
    const x = cell.window.values[23 * 5 + 1]!;
    expect(hoverText(cell, audio, 'window', 23, 1)).toBe(
      `mel band 23 · 894 Hz, frame t−1 (19): x = ${formatNumber(x)}`,
    );
    const w = cell.filter[23 * 5 + 1]!;
    expect(hoverText(cell, audio, 'filter', 23, 1)).toBe(
      `mel band 23 · 894 Hz, frame t−1 (19): w = ${formatNumber(w)}`,
    );
    expect(hoverText(cell, audio, 'products', 23, 1)).toBe(
      `mel band 23 · 894 Hz, frame t−1 (19): w·x = ${formatNumber(w)} × ${formatNumber(x)} = ${formatNumber(cell.products[23 * 5 + 1]!)}`,
    );
  });

  it('a later layer: the channel of the previous layer’s output; padding named', async () => {
    const cell = await explainCell(stack, input, { layer: 2, channel: 3, frame: 0 });
    expect(rowWords(cell, audio, 23)).toBe("channel 23 of conv 1's output");
    expect(tapWords(cell, audio, 0)).toBe('frame t−2 (−2: padding, a zero)');
    expect(hoverText(cell, audio, 'channel-sums', 7, 0)).toBe(
      `channel 7 of conv 1's output: Σ_k w·x = ${formatNumber(cell.channelSums[7]!)} (what this channel adds to the sum)`,
    );
  });

  it('over text: embedding dimensions and characters', async () => {
    const model = textModelOf(tacotron2SmallTensors(), 'tacotron2_small.npz');
    const { sequence, input: embedded } = embedText(model, 'Hello there', 'english');
    const text: CellSource = { kind: 'text', bandCentresHz: null, symbols: sequence.symbols };
    const cell = await explainCell(
      model.stack,
      embedded,
      { layer: 0, channel: 2, frame: 1 },
      { frameName: 'char' },
    );
    expect(rowWords(cell, text, 9)).toBe('embedding dimension 9');
    expect(tapWords(cell, text, 1)).toBe("char t−1 (0 'h')");
    expect(tapWords(cell, text, 0)).toBe('char t−2 (−1: padding, a zero)');
    expect(tapWords(cell, text, 4)).toBe("char t+2 (3 'l')");
    const view = microscopeView(cell, {
      ...context(null),
      source: text,
      layers: model.stack.layers.map((l) => ({
        ...summary.layers[1]!,
        ...l,
        padLeft: 2,
        padRight: 2,
        bias: true,
        batchNorm: true,
        repr: '',
      })),
      framesIn: [11, 11, 11, 11],
    });
    expect(view.title).toBe('encoder conv 0 · channel 2 · char 1 ‘e’');
    expect(view.field[0]!.label).toBe('characters');
  });

  it('numbers: five significant digits and a real minus sign', () => {
    expect(formatNumber(-0.840312345)).toBe('−0.84031');
    expect(formatNumber(1.5e-6)).toBe('1.5000e−6');
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(12345.678)).toBe('12346');
  });
});
