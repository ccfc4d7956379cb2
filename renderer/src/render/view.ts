/**
 * The shared time view of all panes: which frames are visible and how many frames fall into one
 * CSS pixel. Pure functions; the panes, axes and readout all read the same TimeView.
 */

export interface TimeView {
  /** Frame coordinate at the left edge of the plot (fractional; frame t spans [t, t + 1)). */
  startFrame: number;
  /** Frames per CSS pixel: > 1 when zoomed out (decimated), < 1 when zoomed in. */
  framesPerPixel: number;
}

/** Most zoomed in: 32 CSS pixels per frame. */
export const MIN_FRAMES_PER_PIXEL = 1 / 32;

export interface ViewBounds {
  nFrames: number;
  /** Plot width in CSS pixels. */
  widthPx: number;
}

/** The zoom that shows all frames; never below the zoom-in limit. */
export function fitFramesPerPixel({ nFrames, widthPx }: ViewBounds): number {
  return Math.max(nFrames / Math.max(1, widthPx), MIN_FRAMES_PER_PIXEL);
}

export function fitView(bounds: ViewBounds): TimeView {
  return { startFrame: 0, framesPerPixel: fitFramesPerPixel(bounds) };
}

/** Keeps the zoom within [most zoomed in, fit] and the visible range inside the data. */
export function clampView(view: TimeView, bounds: ViewBounds): TimeView {
  const framesPerPixel = Math.min(
    Math.max(view.framesPerPixel, MIN_FRAMES_PER_PIXEL),
    fitFramesPerPixel(bounds),
  );
  const visible = framesPerPixel * bounds.widthPx;
  const maxStart = Math.max(0, bounds.nFrames - visible);
  const startFrame = Math.min(Math.max(view.startFrame, 0), maxStart);
  return { startFrame, framesPerPixel };
}

/** Zooms by `factor` (> 1 zooms in) keeping the frame under `anchorPx` where it is. */
export function zoomAt(view: TimeView, factor: number, anchorPx: number, bounds: ViewBounds): TimeView {
  const anchorFrame = view.startFrame + anchorPx * view.framesPerPixel;
  const framesPerPixel = Math.min(
    Math.max(view.framesPerPixel / factor, MIN_FRAMES_PER_PIXEL),
    fitFramesPerPixel(bounds),
  );
  return clampView({ startFrame: anchorFrame - anchorPx * framesPerPixel, framesPerPixel }, bounds);
}

/** Moves the view by `dxPx` CSS pixels (positive shows later frames). */
export function panBy(view: TimeView, dxPx: number, bounds: ViewBounds): TimeView {
  return clampView({ ...view, startFrame: view.startFrame + dxPx * view.framesPerPixel }, bounds);
}

/** Frame coordinate at a CSS x inside the plot. */
export function frameAtPx(view: TimeView, xPx: number): number {
  return view.startFrame + xPx * view.framesPerPixel;
}

/** CSS x of a frame coordinate. */
export function pxAtFrame(view: TimeView, frame: number): number {
  return (frame - view.startFrame) / view.framesPerPixel;
}

/** True when the view shows every frame (so a resize should refit). */
export function isFit(view: TimeView, bounds: ViewBounds): boolean {
  return view.startFrame === 0 && Math.abs(view.framesPerPixel - fitFramesPerPixel(bounds)) < 1e-9;
}
