/**
 * One pane's plot as pixels: the pane's data under the shared time view (mapped to the data's own
 * frames for a layer output) at device resolution, its rows squeezed to the plot's device height
 * when there are more rows than pixels (512 channels in a 130 px pane). Used by the screen and
 * the PNG export.
 */
import { colormapPacked, packRgb } from './colormaps';
import type { RowAxisTicks } from './draw';
import { viewInDataFrames, windowFrameMap, type PlotColours, type PlotPane, type PlotSource } from './plot';
import { rasterize } from './raster';
import type { ReducedColumns } from './reduced-columns';
import { allRows, type RowWindow } from './row-window';
import type { TimeView } from './view';

/** Columns past the last frame (only when a short input is zoomed in): neutral grey. */
export const BEYOND_DATA = packRgb(128, 128, 128);

/** Pixel rows of the raster for a plot `heightPx` device pixels tall. */
export function rasterRows(nRows: number, heightPx: number): number {
  return Math.max(1, Math.min(nRows, Math.floor(heightPx)));
}

/**
 * Packed RGBA `[rows, widthPx]` of the plot's data under `view`, over the data rows `shown`
 * (frequency zoom; all by default). `kept`: the pane's reduced values of its last draw, reused
 * where they hold (a result filling in).
 */
export function rasterizePane(
  spec: PlotSource & PlotColours,
  view: TimeView,
  widthPx: number,
  rows: number,
  pixelRatio: number,
  out?: Uint32Array,
  shown: RowWindow = allRows(spec.nRows),
  kept?: ReducedColumns,
): Uint32Array {
  return rasterize(
    {
      data: spec.data,
      nRows: spec.nRows,
      nFrames: spec.nFrames,
      view: viewInDataFrames(windowFrameMap(spec.frameMap, spec.window), view),
      widthPx,
      pixelRatio,
      range: spec.range,
      lut: colormapPacked(spec.colormap),
      decimation: spec.decimation,
      background: BEYOND_DATA,
      rowsPx: rows,
      rowFirst: shown.first,
      rowCount: shown.count,
    },
    out,
    kept,
  );
}

/** What the pane's frame canvas draws: its row axis, and its colour bar only when there is data. */
export function paneFrameParts(
  spec: Pick<PlotPane, 'rowAxis' | 'nRows' | 'colormap' | 'range' | 'data'>,
  bandCentresHz: Float64Array,
  rows?: RowWindow,
): { axis: RowAxisTicks; colours: Pick<PlotColours, 'colormap' | 'range'> | null } {
  return {
    axis:
      spec.rowAxis === 'mel'
        ? { kind: 'mel', bandCentresHz, ...(rows ? { rows } : {}) }
        : { kind: 'channel', nChannels: spec.nRows },
    colours: spec.data ? { colormap: spec.colormap, range: spec.range } : null,
  };
}
