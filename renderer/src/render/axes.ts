/**
 * Tick positions for the three axes, as pure data (position in CSS px + label); the drawing
 * code only strokes and prints them.
 */
import { frameToSeconds, secondsToFrame } from './mel-axis';
import type { FrameClock } from './mel-axis';
import { niceStep, niceTicks } from './ticks';
import { pxAtFrame } from './view';
import type { TimeView } from './view';
import { yAtRow } from './pane-layout';
import { allRows, type RowWindow } from './row-window';
import type { ValueRange } from './value-range';

export interface PlacedTick {
  /** CSS px along the axis from the plot's left (time) or top (frequency, colour bar). */
  position: number;
  label: string;
}

/** Seconds ticks for the visible range, at least `minSpacingPx` apart. */
export function timeTicks(
  view: TimeView,
  widthPx: number,
  clock: FrameClock,
  minSpacingPx = 80,
): PlacedTick[] {
  const t0 = frameToSeconds(clock, view.startFrame);
  const t1 = frameToSeconds(clock, view.startFrame + widthPx * view.framesPerPixel);
  const secondsPerPx = view.framesPerPixel * clock.secondsPerFrame;
  return niceTicks(t0, t1, minSpacingPx * secondsPerPx).map((tick) => ({
    position: pxAtFrame(view, secondsToFrame(clock, tick.value)),
    label: tick.label,
  }));
}

/** `2.2k`, `440`: the short Hz label beside a band index. */
export function shortHz(hz: number): string {
  if (hz < 1000) return `${Math.round(hz)}`;
  return `${(hz / 1000).toFixed(1)}k`;
}

/**
 * Band ticks at a step of 1, 2, 5, 10, 20… bands, at least `minSpacingPx` apart, over the bands
 * shown (`rows`, all by default: frequency zoom shows fewer, each taller).
 */
export function bandTicks(
  bandCentresHz: Float64Array,
  plotHeight: number,
  minSpacingPx = 18,
  rows: RowWindow = allRows(bandCentresHz.length),
): PlacedTick[] {
  const pxPerBand = plotHeight / rows.count;
  const step = Math.max(1, niceStep(minSpacingPx / pxPerBand));
  const ticks: PlacedTick[] = [];
  const firstTick = Math.ceil(rows.first / step) * step;
  for (let band = firstTick; band < rows.first + rows.count; band += step) {
    ticks.push({
      position: yAtRow(band - rows.first, plotHeight, rows.count),
      label: `${band}  ${shortHz(bandCentresHz[band]!)}`,
    });
  }
  return ticks;
}

/**
 * Channel-index ticks for a layer's `[nChannels, T]` output (channel 0 at the bottom, like band 0)
 * at a step of 1, 2, 5, 10, 20, 50, 100… channels, at least `minSpacingPx` apart.
 */
export function channelTicks(nChannels: number, plotHeight: number, minSpacingPx = 18): PlacedTick[] {
  if (!(nChannels >= 1)) return [];
  const step = Math.max(1, niceStep(minSpacingPx / (plotHeight / nChannels)));
  const ticks: PlacedTick[] = [];
  for (let channel = 0; channel < nChannels; channel += step)
    ticks.push({ position: yAtRow(channel, plotHeight, nChannels), label: `${channel}` });
  return ticks;
}

/** Colour bar ticks, top = hi. */
export function colorBarTicks(range: ValueRange, heightPx: number, minSpacingPx = 24): PlacedTick[] {
  const unitsPerPx = (range.hi - range.lo) / heightPx;
  return niceTicks(range.lo, range.hi, minSpacingPx * unitsPerPx).map((tick) => ({
    position: ((range.hi - tick.value) / (range.hi - range.lo)) * heightPx,
    label: tick.label.replace('-', '−'),
  }));
}
