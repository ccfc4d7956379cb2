import { describe, expect, it } from 'vitest';
import { clipSpan, receptiveField } from '../../../renderer/src/app/receptive-field';
import { POSTNET_FIRST_LAYER } from '../fakes';

const postnet = Array.from({ length: 5 }, () => POSTNET_FIRST_LAYER);

describe('receptive field', () => {
  it('Tacotron 2 post-net: 1 + 4·5 = 21 frames centred on the output frame', () => {
    expect(receptiveField(postnet, 100)).toEqual({ first: 90, last: 110 });
  });

  it('one layer k=5 pad=2 reads frames t−2 … t+2', () => {
    expect(receptiveField([POSTNET_FIRST_LAYER], 7)).toEqual({ first: 5, last: 9 });
  });

  it('stride and dilation widen it like PyTorch’s index arithmetic', () => {
    const layer = { ...POSTNET_FIRST_LAYER, stride: 2, dilation: 3, padding: 0 };
    expect(receptiveField([layer], 4)).toEqual({ first: 8, last: 8 + 3 * 4 });
    expect(receptiveField([layer, layer], 1)).toEqual({ first: 4, last: 4 + 12 + 2 * 12 });
  });

  it('fails clearly at the edges: clipSpan keeps the part inside the data, null when none', () => {
    expect(clipSpan(receptiveField(postnet, 3), 50)).toEqual({ first: 0, last: 13 });
    expect(clipSpan({ first: -9, last: -1 }, 50)).toBeNull();
  });
});
