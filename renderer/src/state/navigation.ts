/**
 * Pointer-rate state shared by every pane: the time view (with the plot width it was made for),
 * the hovered cell, the mel bands shown (frequency zoom) and the play position. Kept outside
 * React state so a pan, a zoom or playback redraws canvases and lines, not components.
 */
import { createTinyStore } from './tiny-store';
import type { TinyStore } from './tiny-store';
import { clampView, fitView, isFit, panBy, zoomAt } from '../render/view';
import type { TimeView, ViewBounds } from '../render/view';
import { allRows, isAllRows, zoomRowsAt } from '../render/row-window';
import type { RowWindow } from '../render/row-window';

export interface Navigation {
  view: TimeView;
  bounds: ViewBounds;
}

/**
 * The crosshair: an input frame and a height. Each pane turns the height into its own row (mel
 * band, or channel of a layer output) with `rowAtFraction`, and the frame into its own frames.
 */
export interface Hover {
  /** Input frame under the cursor (0 … nFrames − 1). */
  frame: number;
  /** Height as a fraction of the plot (0 top … 1 bottom). */
  yFraction: number;
}

export interface NavigationStores {
  navigation: TinyStore<Navigation>;
  hover: TinyStore<Hover | null>;
  /** The mel bands the mel panes show (frequency zoom); null shows all. Layer panes show all channels. */
  bands: TinyStore<RowWindow | null>;
  /** Where playback is or starts from, as an input frame coordinate (seconds / secondsPerFrame); null with nothing open. */
  playhead: TinyStore<number | null>;
}

export function createNavigationStores(): NavigationStores {
  const bounds = { nFrames: 1, widthPx: 1 };
  return {
    navigation: createTinyStore<Navigation>({ view: fitView(bounds), bounds }),
    hover: createTinyStore<Hover | null>(null),
    bands: createTinyStore<RowWindow | null>(null),
    playhead: createTinyStore<number | null>(null),
  };
}

/** One step of zoom in (its inverse zooms out): the keys + and −, the toolbar and the menu. */
export const ZOOM_STEP = 1.5;

/**
 * New bounds (a new document or a resize): refit if asked or if the view showed everything, else
 * clamp. Unchanged bounds without a refit return `current` itself, so nothing redraws.
 */
export function withBounds(current: Navigation, bounds: ViewBounds, refit: boolean): Navigation {
  const same = bounds.nFrames === current.bounds.nFrames && bounds.widthPx === current.bounds.widthPx;
  if (same && !refit) return current;
  if (refit || isFit(current.view, current.bounds)) return { view: fitView(bounds), bounds };
  return { view: clampView(current.view, bounds), bounds };
}

export function zoomed(current: Navigation, factor: number, anchorPx?: number): Navigation {
  const anchor = anchorPx ?? current.bounds.widthPx / 2;
  return { ...current, view: zoomAt(current.view, factor, anchor, current.bounds) };
}

export function panned(current: Navigation, dxPx: number): Navigation {
  return { ...current, view: panBy(current.view, dxPx, current.bounds) };
}

export function fitted(current: Navigation): Navigation {
  return { ...current, view: fitView(current.bounds) };
}

/** One step of frequency zoom in (its inverse zooms out): Alt+↑ ↓, the View menu. */
export const BAND_ZOOM_STEP = 1.5;

/**
 * The mel panes' band window after zooming by `factor` (> 1 shows fewer bands) around the band at
 * `anchorFraction` (0 = the plot's top, 1 its bottom) of `nBands`; null when every band shows again.
 */
export function bandsZoomed(
  bands: RowWindow | null,
  factor: number,
  anchorFraction: number,
  nBands: number,
): RowWindow | null {
  const next = zoomRowsAt(bands ?? allRows(nBands), factor, anchorFraction, nBands);
  return isAllRows(next, nBands) ? null : next;
}

/** A band-zoom command (keys, menu): in or out around the middle, or back to every band. */
export function bandsAfter(
  bands: RowWindow | null,
  direction: 'in' | 'out' | 'reset',
  nBands: number,
): RowWindow | null {
  if (direction === 'reset') return null;
  return bandsZoomed(bands, direction === 'in' ? BAND_ZOOM_STEP : 1 / BAND_ZOOM_STEP, 0.5, nBands);
}
