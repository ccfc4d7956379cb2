/**
 * Playback as numbers, for the player (renderer/src/playback) and the view that follows it: where
 * playback is after some time, where Play starts, which span it is confined to (the whole clip,
 * or the visible range), how the view pages to keep the play position in sight, and how far
 * Rewind / Fast Forward move. Pure: seconds in, seconds (or a view) out.
 */
import { frameToSeconds, secondsToFrame, type FrameClock } from '../render/mel-axis';
import { niceStep } from '../render/ticks';
import { clampView, type TimeView, type ViewBounds } from '../render/view';

/** The part of a clip playback is confined to, `[startS, endS)` in seconds of the clip. */
export interface PlaySpan {
  startS: number;
  endS: number;
}

/**
 * Where playback is `elapsedS` after starting at `fromS` inside `span`: looping wraps back to the
 * span's start; otherwise playback ends at the span's end (and stays there).
 */
export function advance(
  fromS: number,
  elapsedS: number,
  span: PlaySpan,
  loop: boolean,
): { positionS: number; ended: boolean } {
  const at = fromS + Math.max(0, elapsedS);
  if (at < span.endS) return { positionS: at, ended: false };
  const length = span.endS - span.startS;
  if (!loop || !(length > 0)) return { positionS: span.endS, ended: true };
  return { positionS: span.startS + ((at - span.startS) % length), ended: false };
}

/**
 * Where Play starts: at the play position when it lies inside the span, else at the span's start
 * (after playback ran to the end, or with the visible range elsewhere). Sonic Visualiser plays from
 * its play pointer the same way.
 */
export function startPosition(playheadS: number, span: PlaySpan): number {
  return playheadS >= span.startS && playheadS < span.endS - 1e-6 ? playheadS : span.startS;
}

/** The whole clip, or the visible range clipped to it. */
export function playSpan(durationS: number, visible: PlaySpan | null): PlaySpan {
  if (!visible) return { startS: 0, endS: durationS };
  const startS = Math.min(durationS, Math.max(0, visible.startS));
  const endS = Math.min(durationS, Math.max(startS, visible.endS));
  return endS > startS ? { startS, endS } : { startS: 0, endS: durationS };
}

/** The seconds the view shows, from its left edge to its right. */
export function visibleSpan(view: TimeView, bounds: ViewBounds, clock: FrameClock): PlaySpan {
  return {
    startS: frameToSeconds(clock, view.startFrame),
    endS: frameToSeconds(clock, view.startFrame + bounds.widthPx * view.framesPerPixel),
  };
}

/**
 * The view that keeps input frame coordinate `frame` in sight while playing: unchanged while it is
 * visible; once it leaves the view, the next page starts at it (Sonic Visualiser's "page" follow).
 */
export function followPlayhead(view: TimeView, bounds: ViewBounds, frame: number): TimeView {
  const visible = bounds.widthPx * view.framesPerPixel;
  if (frame >= view.startFrame && frame < view.startFrame + visible) return view;
  return clampView({ ...view, startFrame: frame }, bounds);
}

/**
 * Rewind (−1) / Fast Forward (+1): to the previous / next notch of the time ruler at this zoom (a
 * nice step of at least 80 px, as the axis draws them), within `[0, durationS]`.
 */
export function stepPosition(
  positionS: number,
  direction: -1 | 1,
  view: TimeView,
  clock: FrameClock,
  durationS: number,
): number {
  const step = niceStep(80 * view.framesPerPixel * clock.secondsPerFrame);
  const index = positionS / step;
  const next = direction > 0 ? Math.floor(index + 1e-6) + 1 : Math.ceil(index - 1e-6) - 1;
  return Math.min(durationS, Math.max(0, next * step));
}

/** The play position as an input frame coordinate (where its line is drawn). */
export function playheadFrame(positionS: number, clock: FrameClock): number {
  return secondsToFrame(clock, positionS);
}

/** The time at an input frame coordinate (a click on a pane or the overview). */
export function secondsAtFrame(frame: number, clock: FrameClock): number {
  return Math.max(0, frameToSeconds(clock, frame));
}
