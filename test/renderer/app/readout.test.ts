import { describe, expect, it } from 'vitest';
import { formatValue, paneCell } from '../../../renderer/src/app/readout';

/** `[nRows, nFrames]` with value = row·1000 + frame. */
function labelled(nRows: number, nFrames: number): Float32Array {
  return Float32Array.from(
    { length: nRows * nFrames },
    (_, i) => Math.floor(i / nFrames) * 1000 + (i % nFrames),
  );
}

describe('readout cells', () => {
  const identity = { stride: 1, offset: 0 };

  it('one crosshair: band of an 80-row pane, channel of a 512-row pane, at the same height', () => {
    const hover = { frame: 7, yFraction: 0.25 };
    const mel = paneCell({ frameMap: identity, nRows: 80, nFrames: 10, data: labelled(80, 10) }, hover);
    const layer = paneCell({ frameMap: identity, nRows: 512, nFrames: 10, data: labelled(512, 10) }, hover);
    expect(mel).toEqual({ frame: 7, row: 59, value: 59_007 });
    expect(layer).toEqual({ frame: 7, row: 383, value: 383_007 });
  });

  it('a mapped layer (unpadded k=5: offset 2) reads its own frame', () => {
    const cell = paneCell(
      { frameMap: { stride: 1, offset: 2 }, nRows: 2, nFrames: 6, data: labelled(2, 6) },
      {
        frame: 5,
        yFraction: 0.9,
      },
    );
    expect(cell).toEqual({ frame: 3, row: 0, value: 3 });
  });

  it('fails clearly outside the data or without data: the value is null and prints as —', () => {
    const outside = paneCell(
      { frameMap: { stride: 1, offset: 2 }, nRows: 2, nFrames: 6, data: labelled(2, 6) },
      {
        frame: 0,
        yFraction: 0.5,
      },
    );
    expect(outside.value).toBeNull();
    expect(
      paneCell({ frameMap: identity, nRows: 2, nFrames: 6, data: null }, { frame: 1, yFraction: 0 }).value,
    ).toBeNull();
    expect(formatValue(null)).toBe('—');
  });

  it('values print with a fixed width and a real minus sign', () => {
    expect(formatValue(-0.66691)).toBe('−0.6669');
    expect(formatValue(0.5)).toBe('+0.5000');
    expect(formatValue(0)).toBe(' 0.0000');
  });
});
