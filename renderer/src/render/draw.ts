/**
 * Canvas drawing of a pane's pieces from precomputed ticks and pixels. Used by the on-screen
 * panes and by the PNG export, so both show the same picture.
 */
import { bandTicks, channelTicks, colorBarTicks, timeTicks } from './axes';
import type { FrameClock } from './mel-axis';
import { colormapCss, LUT_SIZE } from './colormaps';
import type { ColormapName } from './colormaps';
import type { PaneLayout, Rect } from './pane-layout';
import type { RowWindow } from './row-window';
import type { ValueRange } from './value-range';
import type { TimeView } from './view';

/** Colours and font the canvas uses; read from CSS variables so themes apply. */
export interface CanvasTheme {
  background: string;
  text: string;
  mutedText: string;
  line: string;
  font: string;
}

type Ctx = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

/** The vertical axis: mel bands (those shown) with their centre frequencies, or a layer's channel indices. */
export type RowAxisTicks =
  { kind: 'mel'; bandCentresHz: Float64Array; rows?: RowWindow } | { kind: 'channel'; nChannels: number };

/**
 * The row axis (band index and centre Hz, or channel index) and the colour bar with its value
 * labels. `colours` null (nothing to show yet) leaves the colour bar out: an empty pane has no
 * values for a scale to describe.
 */
export function drawPaneFrame(
  ctx: Ctx,
  layout: PaneLayout,
  axis: RowAxisTicks,
  colours: { colormap: ColormapName; range: ValueRange } | null,
  theme: CanvasTheme,
): void {
  const { plot, colorBar } = layout;
  ctx.font = theme.font;
  ctx.textBaseline = 'middle';
  ctx.strokeStyle = theme.line;
  ctx.fillStyle = theme.mutedText;
  ctx.lineWidth = 1;
  ctx.textAlign = 'right';
  const ticks =
    axis.kind === 'mel'
      ? bandTicks(axis.bandCentresHz, plot.height, undefined, axis.rows)
      : channelTicks(axis.nChannels, plot.height);
  for (const tick of ticks) {
    const y = Math.round(plot.y + tick.position) + 0.5;
    ctx.beginPath();
    ctx.moveTo(plot.x - 5, y);
    ctx.lineTo(plot.x, y);
    ctx.stroke();
    ctx.fillText(tick.label, plot.x - 8, y);
  }
  ctx.strokeRect(plot.x - 0.5, plot.y - 0.5, plot.width + 1, plot.height + 1);
  if (colours) drawColorBar(ctx, colorBar, colours.colormap, colours.range, theme);
}

function drawColorBar(
  ctx: Ctx,
  rect: Rect,
  colormap: ColormapName,
  range: ValueRange,
  theme: CanvasTheme,
): void {
  const rowHeight = rect.height / LUT_SIZE;
  for (let i = 0; i < LUT_SIZE; i++) {
    ctx.fillStyle = colormapCss(colormap, LUT_SIZE - 1 - i);
    ctx.fillRect(rect.x, rect.y + i * rowHeight, rect.width, rowHeight + 0.5);
  }
  ctx.strokeStyle = theme.line;
  ctx.strokeRect(rect.x - 0.5, rect.y - 0.5, rect.width + 1, rect.height + 1);
  ctx.fillStyle = theme.mutedText;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  for (const tick of colorBarTicks(range, rect.height)) {
    const y = Math.round(rect.y + tick.position) + 0.5;
    ctx.beginPath();
    ctx.moveTo(rect.x + rect.width, y);
    ctx.lineTo(rect.x + rect.width + 4, y);
    ctx.stroke();
    ctx.fillText(tick.label, rect.x + rect.width + 6, y);
  }
}

/** The time axis strip: ticks and labels in seconds under the plot's x range. */
export function drawTimeAxis(
  ctx: Ctx,
  rect: Rect,
  view: TimeView,
  clock: FrameClock,
  theme: CanvasTheme,
): void {
  ctx.font = theme.font;
  ctx.strokeStyle = theme.line;
  ctx.fillStyle = theme.mutedText;
  ctx.textBaseline = 'top';
  ctx.textAlign = 'center';
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(rect.x, rect.y + 0.5);
  ctx.lineTo(rect.x + rect.width, rect.y + 0.5);
  ctx.stroke();
  for (const tick of timeTicks(view, rect.width, clock)) {
    if (tick.position < -0.5 || tick.position > rect.width + 0.5) continue;
    const x = Math.round(rect.x + tick.position) + 0.5;
    ctx.beginPath();
    ctx.moveTo(x, rect.y);
    ctx.lineTo(x, rect.y + 5);
    ctx.stroke();
    ctx.fillText(tick.label, x, rect.y + 7);
  }
  ctx.textAlign = 'left';
  ctx.fillText('s', rect.x + rect.width + 24, rect.y + 7);
}
