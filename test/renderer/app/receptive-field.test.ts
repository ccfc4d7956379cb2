import { describe, expect, it } from 'vitest';
import {
  clipSpan,
  layersThrough,
  receptiveField,
  receptiveFieldNote,
} from '../../../renderer/src/app/receptive-field';
import { POSTNET_FIRST_LAYER, layerWith } from '../fakes';

const postnet = Array.from({ length: 5 }, () => POSTNET_FIRST_LAYER);

/** Input frames one output frame depends on: the width of its span. */
function fieldWidth(layers: Parameters<typeof receptiveField>[0]): number {
  const span = receptiveField(layers, 100);
  return span.last - span.first + 1;
}

/** A stride-1 "same" layer with kernel k and dilation d (padding d·(k − 1)/2). */
function sameLayer(kernelSize: number, dilation = 1) {
  return layerWith({ kernelSize, dilation, padding: (dilation * (kernelSize - 1)) / 2 });
}

describe('receptive field', () => {
  it('Tacotron 2 post-net: 1 + 4·5 = 21 frames centred on the output frame', () => {
    expect(receptiveField(postnet, 100)).toEqual({ first: 90, last: 110 });
    expect(fieldWidth(postnet)).toBe(21);
  });

  it('one layer k=5 pad=2 reads frames t−2 … t+2', () => {
    expect(receptiveField([POSTNET_FIRST_LAYER], 7)).toEqual({ first: 5, last: 9 });
  });

  it('the output of conv L depends on 1 + (L + 1)·4 input frames: 5, 9, 13, 17, 21', () => {
    expect([0, 1, 2, 3, 4].map((L) => fieldWidth(layersThrough(postnet, L)))).toEqual([5, 9, 13, 17, 21]);
    expect(receptiveField(layersThrough(postnet, 2), 50)).toEqual({ first: 44, last: 56 });
  });

  it('kernels 3, 5, 7 with dilation: 1 + Σ (k − 1)·d, and the span agrees with the size', () => {
    const layers = [sameLayer(3), sameLayer(5, 2), sameLayer(7, 3)];
    expect(fieldWidth(layers)).toBe(1 + 2 * 1 + 4 * 2 + 6 * 3);
    const span = receptiveField(layers, 40);
    expect(span.last - span.first + 1).toBe(29);
    expect(span).toEqual({ first: 40 - 14, last: 40 + 14 });
    for (const k of [3, 5, 7]) expect(fieldWidth([sameLayer(k)])).toBe(k);
  });

  it('stride and dilation widen it like PyTorch’s index arithmetic', () => {
    const layer = layerWith({ stride: 2, dilation: 3, padding: 0 });
    expect(receptiveField([layer], 4)).toEqual({ first: 8, last: 8 + 3 * 4 });
    expect(receptiveField([layer, layer], 1)).toEqual({ first: 4, last: 4 + 12 + 2 * 12 });
    // Later layers see through the earlier strides: 1 + 12 + 12·2.
    expect(fieldWidth([layer, layer])).toBe(37);
  });

  it('fails clearly at the edges: clipSpan keeps the part inside the data, null when none', () => {
    expect(clipSpan(receptiveField(postnet, 3), 50)).toEqual({ first: 0, last: 13 });
    expect(clipSpan({ first: -9, last: -1 }, 50)).toBeNull();
  });

  it('fails clearly for no layers: a frame depends on itself only', () => {
    expect(fieldWidth([])).toBe(1);
    expect(receptiveField([], 9)).toEqual({ first: 9, last: 9 });
  });

  it('the readout note: width and duration of the whole field', () => {
    expect(receptiveFieldNote({ first: 90, last: 110 }, 562, 256 / 22050)).toBe('21 frames, 0.244 s');
  });

  it('fails clearly at the edges: the note says how many of the field’s frames are padding', () => {
    // Frame 1 of the last layer: input frames −9…11, shown as 0–11 beside "21 frames".
    expect(receptiveFieldNote({ first: -9, last: 11 }, 562, 256 / 22050)).toBe(
      '21 frames, 0.244 s, 9 of them padding',
    );
    expect(receptiveFieldNote({ first: 550, last: 570 }, 562, 256 / 22050)).toBe(
      '21 frames, 0.244 s, 9 of them padding',
    );
    expect(receptiveFieldNote({ first: -3, last: 3 }, 2, 0.01)).toBe('7 frames, 0.070 s, 5 of them padding');
  });
});
