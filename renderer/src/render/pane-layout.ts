/** Where things sit inside a pane and under the panes, in CSS pixels. */

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Height of a pane's one-line header (title and axis caption), on screen and in the PNG. */
export const PANE_HEADER_HEIGHT = 22;
/** Left gutter: band index and centre frequency labels. */
export const FREQ_AXIS_WIDTH = 92;
/** Right gutter: colour bar and its labels. */
export const COLOR_BAR_GUTTER = 64;
export const COLOR_BAR_WIDTH = 12;
export const TIME_AXIS_HEIGHT = 24;
/** What a pane's row axis counts, written left of its header (on screen and in the PNG). */
export const AXIS_CAPTIONS = { mel: 'band · Hz', channel: 'channel' } as const;
/** The caption's right edge, in CSS px from the pane's left. */
export const AXIS_CAPTION_RIGHT = 84;
const PLOT_PAD_Y = 6;

/**
 * The constants the stylesheet needs, as CSS custom properties: the pane stack sets them once, and
 * app.css reads them with var(--…) so the header and gutters on screen match the canvases.
 */
export const PANE_CSS_VARIABLES: Readonly<Record<`--${string}`, string>> = Object.freeze({
  '--pane-header-height': `${PANE_HEADER_HEIGHT}px`,
  '--freq-axis-width': `${FREQ_AXIS_WIDTH}px`,
  '--color-bar-gutter': `${COLOR_BAR_GUTTER}px`,
  '--axis-caption-right': `${AXIS_CAPTION_RIGHT}px`,
});

export interface PaneLayout {
  width: number;
  height: number;
  plot: Rect;
  colorBar: Rect;
}

export function paneLayout(width: number, height: number): PaneLayout {
  const plotWidth = Math.max(1, width - FREQ_AXIS_WIDTH - COLOR_BAR_GUTTER);
  const plotHeight = Math.max(1, height - 2 * PLOT_PAD_Y);
  return {
    width,
    height,
    plot: { x: FREQ_AXIS_WIDTH, y: PLOT_PAD_Y, width: plotWidth, height: plotHeight },
    colorBar: {
      x: FREQ_AXIS_WIDTH + plotWidth + 10,
      y: PLOT_PAD_Y,
      width: COLOR_BAR_WIDTH,
      height: plotHeight,
    },
  };
}

/** Plot width for a pane of the given outer width (the view's widthPx). */
export function plotWidthFor(paneWidth: number): number {
  return paneLayout(paneWidth, 100).plot.width;
}

/**
 * The row (band or channel, 0 at the bottom) at a height given as a fraction of the plot from its
 * top, 0 ≤ yFraction < 1. Every pane maps the one crosshair height to its own rows with this, so a
 * 512-channel pane and an 80-band pane agree on where the line is.
 */
export function rowAtFraction(yFraction: number, nRows: number): number {
  const fromTop = Math.min(nRows - 1, Math.max(0, Math.floor(yFraction * nRows)));
  return nRows - 1 - fromTop;
}

/** y of a row's centre (a band, or a channel) inside the plot, row 0 at the bottom. */
export function yAtRow(row: number, plotHeight: number, nRows: number): number {
  return ((nRows - 1 - row + 0.5) / nRows) * plotHeight;
}
