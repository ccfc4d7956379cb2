/**
 * The overview strip: the whole file in a strip as wide as the plots, with the visible range
 * drawn on it; a press or drag there moves the view. Pure view-model math in CSS pixels and frame
 * coordinates (render/view.ts); the strip maps frames [0, nFrames) onto [0, stripWidthPx).
 */
import { clampView } from './view';
import type { TimeView, ViewBounds } from './view';

/** Height of the strip's plot in CSS px (the strip adds a 2 px margin under it). */
export const OVERVIEW_HEIGHT = 36;

/** The visible range as a box on the strip: left edge and width in CSS px (at least 2 px wide). */
export interface OverviewBox {
  leftPx: number;
  widthPx: number;
}

/** The first frame and the number of frames the view shows (≤ nFrames). */
export function visibleFrames(view: TimeView, bounds: ViewBounds): { first: number; count: number } {
  const count = Math.min(bounds.nFrames, view.framesPerPixel * bounds.widthPx);
  return { first: view.startFrame, count };
}

export function overviewBox(view: TimeView, bounds: ViewBounds, stripWidthPx: number): OverviewBox {
  const { first, count } = visibleFrames(view, bounds);
  const scale = stripWidthPx / Math.max(1, bounds.nFrames);
  const widthPx = Math.max(2, count * scale);
  const leftPx = Math.min(Math.max(0, first * scale), Math.max(0, stripWidthPx - widthPx));
  return { leftPx, widthPx };
}

/** Frame coordinate at a CSS x on the strip, inside [0, nFrames]. */
export function frameAtOverviewPx(xPx: number, nFrames: number, stripWidthPx: number): number {
  const frame = (xPx / Math.max(1, stripWidthPx)) * nFrames;
  return Math.min(Math.max(frame, 0), nFrames);
}

/**
 * Where, inside the visible range, a press at `frame` holds it: the offset from the view's start.
 * Inside the range the press grabs it where it is (a drag then moves it with the pointer); outside
 * it, the press takes the range's middle (the view centres on the press).
 */
export function grabOffset(view: TimeView, bounds: ViewBounds, frame: number): number {
  const { first, count } = visibleFrames(view, bounds);
  return frame >= first && frame <= first + count ? frame - first : count / 2;
}

/** The view with the grabbed point (`offset` frames past its start) at `frame`, kept inside the data. */
export function viewGrabbedAt(view: TimeView, bounds: ViewBounds, frame: number, offset: number): TimeView {
  return clampView({ ...view, startFrame: frame - offset }, bounds);
}

/**
 * The strip's keys: ← → move the view by an eighth of it (Shift: half), Page Up / Down by a whole
 * view, Home and End to the file's ends. Null for other keys.
 */
export function overviewKeyView(
  view: TimeView,
  bounds: ViewBounds,
  key: string,
  shift: boolean,
): TimeView | null {
  const { count } = visibleFrames(view, bounds);
  const step = (fraction: number) =>
    clampView({ ...view, startFrame: view.startFrame + fraction * count }, bounds);
  switch (key) {
    case 'ArrowLeft':
      return step(shift ? -0.5 : -0.125);
    case 'ArrowRight':
      return step(shift ? 0.5 : 0.125);
    case 'PageUp':
      return step(-1);
    case 'PageDown':
      return step(1);
    case 'Home':
      return clampView({ ...view, startFrame: 0 }, bounds);
    case 'End':
      return clampView({ ...view, startFrame: bounds.nFrames }, bounds);
    default:
      return null;
  }
}
