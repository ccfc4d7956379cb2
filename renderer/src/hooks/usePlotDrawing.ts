import { useEffect, useRef, useState } from 'react';
import type { RefObject } from 'react';
import type { PaneSpec } from '../app/panes';
import { measureDraw } from '../app/draw-timing';
import { rasterizePane, rasterRows } from '../render/pane-raster';
import { createReducedColumns, DRAW_BUDGET_VALUES } from '../render/reduced-columns';
import { windowFor } from '../render/row-window';
import { StagingCanvas } from './staging-canvas';
import type { RowWindow } from '../render/row-window';
import type { Navigation } from '../state/navigation';
import type { TinyStore } from '../state/tiny-store';

/**
 * Keeps a plot canvas showing `spec` under the current time view: rasterises the visible
 * frames × rows at device resolution into ImageData (width × rows, rows ≤ the plot's device
 * height), then scales it to the canvas height. Redraws at most once per animation frame when the
 * view or the band window (frequency zoom, mel panes only) changes; a view over more values than
 * one draw may read (DRAW_BUDGET_VALUES) is drawn over several frames, left to right. After a draw with data the canvas carries `data-drawn` = the pane's header. A pane
 * without data is filled once with its background and does not follow the view.
 */
export function usePlotDrawing(
  canvasRef: RefObject<HTMLCanvasElement | null>,
  spec: PaneSpec,
  navigation: TinyStore<Navigation>,
  bands: TinyStore<RowWindow | null>,
  widthCss: number,
  heightCss: number,
  pixelRatio: number,
): void {
  // Keyed on what is drawn, not on the spec object: a new spec with the same data, colours and
  // frames (the input pane's receptive field changed, say) does not redraw.
  const {
    kind,
    header,
    data,
    nRows,
    nFrames,
    frameMap,
    window: dataWindow,
    colormap,
    range,
    decimation,
    rowAxis,
  } = spec;
  // Kept for the pane's life, across redraws with new data: the staging canvas (costly to make),
  // and the reduced columns that let a filling result redraw only its new frames.
  const [staging] = useState(() => new StagingCanvas());
  const reduced = useRef(createReducedColumns(DRAW_BUDGET_VALUES));
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || widthCss < 1 || heightCss < 1) return undefined;
    const context = canvas.getContext('2d', { alpha: false });
    if (!context) return undefined;
    const width = Math.max(1, Math.round(widthCss * pixelRatio));
    const height = Math.max(1, Math.round(heightCss * pixelRatio));
    const fitCanvas = () => {
      if (canvas.width !== width) canvas.width = width; // (clears it: only right before a draw)
      if (canvas.height !== height) canvas.height = height;
    };

    if (!data) {
      fitCanvas();
      // Nothing to show: one fill, and no redraw while the view moves.
      context.fillStyle = getComputedStyle(canvas).getPropertyValue('--pane-bg') || '#000';
      context.fillRect(0, 0, width, height);
      delete canvas.dataset.drawn;
      return undefined;
    }
    const drawn = {
      kind,
      header,
      data,
      nRows,
      nFrames,
      frameMap,
      colormap,
      range,
      decimation,
      rowAxis,
      ...(dataWindow ? { window: dataWindow } : {}),
    };
    let image: ImageData | null = null;
    let pending = 0;

    const draw = () => {
      pending = 0;
      const started = performance.now();
      fitCanvas();
      const view = navigation.get().view;
      const shown = windowFor(drawn.rowAxis, nRows, bands.get());
      const rows = rasterRows(shown.count, height);
      if (!image || image.height !== rows) image = new ImageData(width, rows);
      const pixels = new Uint32Array(image.data.buffer);
      rasterizePane(drawn, view, width, rows, pixelRatio, pixels, shown, reduced.current);
      if (!staging.blit(context, image, width, height)) return;
      if (reduced.current.deferred > 0) {
        schedule(); // the columns past the draw budget, in the next frame
        return;
      }
      canvas.dataset.drawn = header;
      measureDraw(kind, header, started);
    };
    const schedule = () => {
      if (!pending) pending = requestAnimationFrame(draw);
    };
    schedule();
    const unsubscribe = navigation.subscribe(schedule);
    const unsubscribeBands = drawn.rowAxis === 'mel' ? bands.subscribe(schedule) : () => {};
    return () => {
      unsubscribe();
      unsubscribeBands();
      if (pending) cancelAnimationFrame(pending);
    };
  }, [
    canvasRef,
    staging,
    navigation,
    bands,
    widthCss,
    heightCss,
    pixelRatio,
    kind,
    header,
    data,
    nRows,
    nFrames,
    frameMap,
    dataWindow,
    colormap,
    range,
    decimation,
    rowAxis,
  ]);
}
