/**
 * Which part of a layer's output the window fetches: the layer frames under the input frames on
 * screen, widened by half the visible width on each side (a pan that small needs no new fetch),
 * at most LAYER_COLUMNS columns (a wider range comes back reduced, `step` frames a column). So a
 * layer view of an hour holds 512 × 4,096 floats (8 MB), never `[512, T]` for the whole file.
 * Pure, so the ranges are unit-tested.
 */
import type { LayerActivations, LayerSummary } from '../../../shared/api/contract';
import type { FrameRange } from '../../../shared/backend/chunks';
import { layerFrameMap } from './frame-map';
import { layerOutputFrames } from './layer-output';
import { layersThrough } from './receptive-field';

/** Columns a layer fetch returns at most: a few screens wide. */
export const LAYER_COLUMNS = 4096;

/** The layer frames that input frames [visible.start, visible.end) show, clipped to the layer's output. */
export function layerFramesUnder(
  layers: readonly LayerSummary[],
  layer: number,
  visible: FrameRange,
  nFrames: number,
): FrameRange {
  const map = layerFrameMap(layersThrough(layers, layer));
  const total = Math.max(0, layerOutputFrames(layers, layer, nFrames));
  const start = Math.floor((visible.start - map.offset) / map.stride);
  const end = Math.ceil((visible.end - map.offset) / map.stride);
  return { start: Math.min(total, Math.max(0, start)), end: Math.min(total, Math.max(0, end)) };
}

/** What to ask for when `shown` layer frames are on screen: them and half their width each side. */
export function layerFetchRange(shown: FrameRange, totalFrames: number): FrameRange {
  const margin = Math.ceil((shown.end - shown.start) / 2);
  return { start: Math.max(0, shown.start - margin), end: Math.min(totalFrames, shown.end + margin) };
}

/** Layer frames per column a fetch of `range` comes back at. */
export function fetchStep(range: FrameRange, maxColumns = LAYER_COLUMNS): number {
  return Math.max(1, Math.ceil((range.end - range.start) / maxColumns));
}

/**
 * Whether `held` still serves `shown` layer frames: it covers them, and at least as finely as a
 * fetch for the view now would (zooming in asks for finer columns; zooming out, for a wider range).
 */
export function windowServes(held: LayerActivations, shown: FrameRange, maxColumns = LAYER_COLUMNS): boolean {
  const heldEnd = Math.min(held.totalFrames, held.firstFrame + held.nFrames * held.step);
  const covers = held.firstFrame <= shown.start && heldEnd >= shown.end;
  return covers && held.step <= fetchStep(layerFetchRange(shown, held.totalFrames), maxColumns);
}
