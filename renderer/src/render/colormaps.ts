/**
 * Colour maps as 256-entry lookup tables (matplotlib's data, see make_colormaps.py), and the
 * packed RGBA form the rasteriser writes straight into ImageData.
 */
import { COLORMAP_HEX } from './colormap-data';

/** Sequential maps for the input and output panes. */
export const SEQUENTIAL_MAPS = ['viridis', 'magma', 'inferno', 'cividis', 'grey'] as const;
export type SequentialMap = (typeof SEQUENTIAL_MAPS)[number];

/** Diverging maps, centred on zero, for the residual pane. */
export const DIVERGING_MAPS = ['rdbu', 'coolwarm'] as const;
export type DivergingMap = (typeof DIVERGING_MAPS)[number];

export type ColormapName = SequentialMap | DivergingMap;

export const LUT_SIZE = 256;

const HEX_BY_NAME: Record<ColormapName, string> = {
  viridis: COLORMAP_HEX.viridis,
  magma: COLORMAP_HEX.magma,
  inferno: COLORMAP_HEX.inferno,
  cividis: COLORMAP_HEX.cividis,
  grey: COLORMAP_HEX.gray,
  rdbu: COLORMAP_HEX.rdbuReversed,
  coolwarm: COLORMAP_HEX.coolwarm,
};

const rgbCache = new Map<ColormapName, Uint8Array>();
const packedCache = new Map<ColormapName, Uint32Array>();

/** The map as `[256, 3]` RGB bytes, row-major; entry 0 is the low end. */
export function colormapRgb(name: ColormapName): Uint8Array {
  let rgb = rgbCache.get(name);
  if (!rgb) {
    const hex = HEX_BY_NAME[name];
    rgb = new Uint8Array(LUT_SIZE * 3);
    for (let i = 0; i < rgb.length; i++) rgb[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
    rgbCache.set(name, rgb);
  }
  return rgb;
}

/**
 * The map as opaque RGBA pixels packed in a Uint32Array in the platform's byte order, so
 * `new Uint32Array(imageData.data.buffer)[i] = lut[k]` writes R, G, B, A in memory order.
 */
export function colormapPacked(name: ColormapName): Uint32Array {
  let packed = packedCache.get(name);
  if (!packed) {
    const rgb = colormapRgb(name);
    const bytes = new Uint8Array(LUT_SIZE * 4);
    for (let i = 0; i < LUT_SIZE; i++) {
      bytes[4 * i] = rgb[3 * i]!;
      bytes[4 * i + 1] = rgb[3 * i + 1]!;
      bytes[4 * i + 2] = rgb[3 * i + 2]!;
      bytes[4 * i + 3] = 255;
    }
    packed = new Uint32Array(bytes.buffer);
    packedCache.set(name, packed);
  }
  return packed;
}

/** `rgb(r, g, b)` of entry `index`, for CSS gradients and swatches. */
export function colormapCss(name: ColormapName, index: number): string {
  const rgb = colormapRgb(name);
  const i = Math.min(LUT_SIZE - 1, Math.max(0, Math.round(index))) * 3;
  return `rgb(${rgb[i]}, ${rgb[i + 1]}, ${rgb[i + 2]})`;
}

/** One opaque colour packed like colormapPacked's entries. */
export function packRgb(r: number, g: number, b: number): number {
  return new Uint32Array(new Uint8Array([r, g, b, 255]).buffer)[0]!;
}
