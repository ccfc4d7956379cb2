import { describe, expect, it } from 'vitest';
import {
  DIVERGING_MAPS,
  LUT_SIZE,
  SEQUENTIAL_MAPS,
  colormapCss,
  colormapPacked,
  colormapRgb,
  packRgb,
} from '../../../renderer/src/render/colormaps';

describe('colour maps from matplotlib', () => {
  it('viridis ends are matplotlib’s (0.267004, 0.004874, 0.329415) and (0.993248, 0.906157, 0.143936)', () => {
    const rgb = colormapRgb('viridis');
    expect([...rgb.slice(0, 3)]).toEqual([68, 1, 84]);
    expect([...rgb.slice(255 * 3)]).toEqual([253, 231, 37]);
  });

  it('magma starts black-ish and ends pale yellow; grey is the linear ramp', () => {
    expect([...colormapRgb('magma').slice(0, 3)]).toEqual([0, 0, 4]);
    expect([...colormapRgb('magma').slice(255 * 3)]).toEqual([252, 253, 191]);
    const grey = colormapRgb('grey');
    for (let i = 0; i < LUT_SIZE; i++) expect(grey[3 * i]).toBe(i);
  });

  it('every map has 256 entries', () => {
    for (const name of [...SEQUENTIAL_MAPS, ...DIVERGING_MAPS])
      expect(colormapRgb(name).length).toBe(LUT_SIZE * 3);
  });

  it('the diverging maps run blue → light → red, so positive residuals are red', () => {
    for (const name of DIVERGING_MAPS) {
      const rgb = colormapRgb(name);
      expect(rgb[2]!).toBeGreaterThan(rgb[0]!); // low end blue
      expect(rgb[255 * 3]!).toBeGreaterThan(rgb[255 * 3 + 2]!); // high end red
      const mid = 128 * 3;
      expect(Math.min(rgb[mid]!, rgb[mid + 1]!, rgb[mid + 2]!)).toBeGreaterThan(180); // light centre
    }
  });

  it('packed entries are R, G, B, 255 in memory order', () => {
    const bytes = new Uint8Array(colormapPacked('viridis').buffer);
    expect([...bytes.slice(0, 4)]).toEqual([68, 1, 84, 255]);
    expect([...new Uint8Array(new Uint32Array([packRgb(1, 2, 3)]).buffer)]).toEqual([1, 2, 3, 255]);
  });

  it('fails clearly when the index is out of range: colormapCss clamps to the ends', () => {
    expect(colormapCss('viridis', -5)).toBe('rgb(68, 1, 84)');
    expect(colormapCss('viridis', 999)).toBe('rgb(253, 231, 37)');
  });
});
