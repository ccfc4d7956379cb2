/**
 * What drawing takes, declared here so render/ depends on nothing above it: a plot's data and
 * where its frames sit on the shared time axis, how its values become colours, and the pane around
 * it (header, row axis). app/panes.ts maps documents to these.
 */
import type { ColormapName } from './colormaps';
import type { Decimation } from './raster';
import type { ValueRange } from './value-range';
import type { TimeView } from './view';

/**
 * Where a plot's frames sit on the shared time axis: frame coordinate a of the data is drawn at
 * time-axis frame coordinate `stride · a + offset` (identity for a mel spectrogram; a layer's
 * output after strides is spread and shifted, see app/frame-map.ts).
 */
export interface FrameMap {
  /** Time-axis frames per data frame. */
  stride: number;
  /** Time-axis frame coordinate of data frame coordinate 0. */
  offset: number;
}

export const IDENTITY_FRAME_MAP: FrameMap = Object.freeze({ stride: 1, offset: 0 });

/** The shared view expressed in the data's own frames, for rasterising it. */
export function viewInDataFrames(map: FrameMap, view: TimeView): TimeView {
  return {
    startFrame: (view.startFrame - map.offset) / map.stride,
    framesPerPixel: view.framesPerPixel / map.stride,
  };
}

/** What the vertical axis counts: mel bands (with their Hz) or a layer's channels. */
export type RowAxis = 'mel' | 'channel';

/** How values become colours: the map, the value range it spans, and how columns of frames are reduced. */
export interface PlotColours {
  colormap: ColormapName;
  range: ValueRange;
  decimation: Decimation;
}

/**
 * Data that holds part of its frames as columns (a layer's output fetched for the view): column c
 * covers the data's own frames [first + c·step, first + (c + 1)·step).
 */
export interface DataWindow {
  first: number;
  step: number;
}

/**
 * A plot's data: `[nRows, nFrames]` row-major (bands or channels × frames, or × columns of a
 * `window`), placed by `frameMap`.
 */
export interface PlotSource {
  data: Float32Array;
  nRows: number;
  nFrames: number;
  frameMap: FrameMap;
  window?: DataWindow;
}

/** Where a window's columns sit on the shared time axis: its frames' map, scaled and shifted. */
export function windowFrameMap(map: FrameMap, window: DataWindow | undefined): FrameMap {
  if (!window) return map;
  return { stride: map.stride * window.step, offset: map.offset + map.stride * window.first };
}

/** The data column that holds own frame `frame` (the frame itself without a window). */
export function columnOfFrame(window: DataWindow | undefined, frame: number): number {
  return window ? Math.floor((frame - window.first) / window.step) : frame;
}

/** A pane as drawing sees it: its header, its row axis and its plot, whose data may not be there yet. */
export interface PlotPane extends Omit<PlotSource, 'data'>, PlotColours {
  header: string;
  rowAxis: RowAxis;
  /** Null while there is nothing to draw. */
  data: Float32Array | null;
}
