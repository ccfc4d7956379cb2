/**
 * One pane's plot as pixels: the pane's data under the shared time view (mapped to the data's own
 * frames for a layer output) at device resolution, its rows squeezed to the plot's device height
 * when there are more rows than pixels (512 channels in a 130 px pane). Used by the screen and
 * the PNG export.
 */
import type { PaneSpec } from '../app/panes';
import { layerView } from '../app/frame-map';
import { colormapPacked, packRgb } from './colormaps';
import type { ColormapName } from './colormaps';
import type { RowAxisTicks } from './draw';
import { rasterize } from './raster';
import type { ValueRange } from './value-range';
import type { TimeView } from './view';

/** Columns past the last frame (only when a short input is zoomed in): neutral grey. */
export const BEYOND_DATA = packRgb(128, 128, 128);

/** Pixel rows of the raster for a plot `heightPx` device pixels tall. */
export function rasterRows(nRows: number, heightPx: number): number {
  return Math.max(1, Math.min(nRows, Math.floor(heightPx)));
}

/** Packed RGBA `[rows, widthPx]` of `spec.data` (which must be set) under `view`. */
export function rasterizePane(
  spec: Pick<PaneSpec, 'nRows' | 'nFrames' | 'frameMap' | 'range' | 'colormap' | 'decimation'> & {
    data: Float32Array;
  },
  view: TimeView,
  widthPx: number,
  rows: number,
  pixelRatio: number,
  out?: Uint32Array,
): Uint32Array {
  return rasterize(
    {
      data: spec.data,
      nMels: spec.nRows,
      nFrames: spec.nFrames,
      view: layerView(spec.frameMap, view),
      widthPx,
      pixelRatio,
      range: spec.range,
      lut: colormapPacked(spec.colormap),
      decimation: spec.decimation,
      background: BEYOND_DATA,
      rowsPx: rows,
    },
    out,
  );
}

/** What the pane's frame canvas draws: its row axis, and its colour bar only when there is data. */
export function paneFrameParts(
  spec: Pick<PaneSpec, 'rowAxis' | 'nRows' | 'colormap' | 'range' | 'data'>,
  bandCentresHz: Float64Array,
): { axis: RowAxisTicks; colours: { colormap: ColormapName; range: ValueRange } | null } {
  return {
    axis:
      spec.rowAxis === 'mel' ? { kind: 'mel', bandCentresHz } : { kind: 'channel', nChannels: spec.nRows },
    colours: spec.data ? { colormap: spec.colormap, range: spec.range } : null,
  };
}
