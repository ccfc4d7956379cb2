/**
 * The PNG export: the current view (headers, panes with axes and colour bars, the time axis)
 * drawn onto one offscreen canvas with the same functions as the screen, then encoded.
 */
import { drawPaneFrame, drawTimeAxis } from './draw';
import type { CanvasTheme } from './draw';
import type { FrameClock } from './mel-axis';
import {
  AXIS_CAPTIONS,
  AXIS_CAPTION_RIGHT,
  FREQ_AXIS_WIDTH,
  PANE_HEADER_HEIGHT,
  TIME_AXIS_HEIGHT,
  paneLayout,
  plotWidthFor,
} from './pane-layout';
import { paneFrameParts, rasterizePane, rasterRows } from './pane-raster';
import type { PlotPane } from './plot';
import { windowFor, type RowWindow } from './row-window';
import type { TimeView } from './view';

export interface ViewPicture {
  panes: readonly PlotPane[];
  view: TimeView;
  bandCentresHz: Float64Array;
  clock: FrameClock;
  theme: CanvasTheme;
  /** Pane width and plot-body height in CSS px, as on screen. */
  widthCss: number;
  bodyHeightCss: number;
  /** Device pixels per CSS pixel in the file (2 gives a crisp picture on any screen). */
  scale: number;
  /** The mel bands shown (frequency zoom), null for all. */
  bands?: RowWindow | null;
}

export async function composeViewPng(picture: ViewPicture): Promise<Uint8Array> {
  const { panes, theme, widthCss, bodyHeightCss, scale } = picture;
  const heightCss = panes.length * (PANE_HEADER_HEIGHT + bodyHeightCss) + TIME_AXIS_HEIGHT;
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(widthCss * scale);
  canvas.height = Math.round(heightCss * scale);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('PNG export: this browser gave no 2D canvas');
  context.setTransform(scale, 0, 0, scale, 0, 0);
  context.fillStyle = theme.background;
  context.fillRect(0, 0, widthCss, heightCss);
  let y = 0;
  for (const pane of panes) {
    context.font = theme.font;
    context.fillStyle = theme.text;
    context.textAlign = 'left';
    context.textBaseline = 'middle';
    context.fillText(pane.header, FREQ_AXIS_WIDTH, y + PANE_HEADER_HEIGHT / 2);
    context.fillStyle = theme.mutedText;
    context.textAlign = 'right';
    context.fillText(AXIS_CAPTIONS[pane.rowAxis], AXIS_CAPTION_RIGHT, y + PANE_HEADER_HEIGHT / 2);
    y += PANE_HEADER_HEIGHT;
    const layout = paneLayout(widthCss, bodyHeightCss);
    context.save();
    context.translate(0, y);
    const rows = windowFor(pane.rowAxis, pane.nRows, picture.bands ?? null);
    const { axis, colours } = paneFrameParts(pane, picture.bandCentresHz, rows);
    drawPaneFrame(context, layout, axis, colours, theme);
    if (pane.data) drawPlot(context, pane, picture, layout.plot, rows);
    context.restore();
    y += bodyHeightCss;
  }
  const axis = { x: FREQ_AXIS_WIDTH, y, width: plotWidthFor(widthCss), height: TIME_AXIS_HEIGHT };
  drawTimeAxis(context, axis, picture.view, picture.clock, theme);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('PNG export: the canvas could not be encoded');
  return new Uint8Array(await blob.arrayBuffer());
}

function drawPlot(
  context: CanvasRenderingContext2D,
  pane: PlotPane,
  picture: ViewPicture,
  plot: { x: number; y: number; width: number; height: number },
  shown: RowWindow,
): void {
  if (!pane.data) return;
  const widthPx = Math.round(plot.width * picture.scale);
  const rows = rasterRows(shown.count, plot.height * picture.scale);
  const image = new ImageData(widthPx, rows);
  rasterizePane(
    { ...pane, data: pane.data },
    picture.view,
    widthPx,
    rows,
    picture.scale,
    new Uint32Array(image.data.buffer),
    shown,
  );
  const staging = document.createElement('canvas');
  staging.width = widthPx;
  staging.height = rows;
  staging.getContext('2d')?.putImageData(image, 0, 0);
  context.imageSmoothingEnabled = false;
  context.drawImage(staging, plot.x, plot.y, plot.width, plot.height);
}
