import { useEffect } from 'react';
import type { RefObject } from 'react';
import type { PaneSpec } from '../app/panes';
import { recordDraw } from '../app/metrics';
import { rasterizePane, rasterRows } from '../render/pane-raster';
import type { Navigation } from '../state/navigation';
import type { TinyStore } from '../state/tiny-store';

/**
 * Keeps a plot canvas showing `spec` under the current time view: rasterises the visible
 * frames × rows at device resolution into ImageData (width × rows, rows ≤ the plot's device
 * height), then scales it to the canvas height. Redraws at most once per animation frame when the
 * view changes. After a draw with data the canvas carries `data-drawn` = the pane's header.
 */
export function usePlotDrawing(
  canvasRef: RefObject<HTMLCanvasElement | null>,
  spec: PaneSpec,
  navigation: TinyStore<Navigation>,
  widthCss: number,
  heightCss: number,
  pixelRatio: number,
): void {
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || widthCss < 1 || heightCss < 1) return undefined;
    const context = canvas.getContext('2d', { alpha: false });
    const staging = document.createElement('canvas');
    const stagingContext = staging.getContext('2d');
    if (!context || !stagingContext) return undefined;
    let image: ImageData | null = null;
    let pending = 0;

    const draw = () => {
      pending = 0;
      const started = performance.now();
      const width = Math.max(1, Math.round(widthCss * pixelRatio));
      const height = Math.max(1, Math.round(heightCss * pixelRatio));
      if (canvas.width !== width) canvas.width = width;
      if (canvas.height !== height) canvas.height = height;
      const { data } = spec;
      if (!data) {
        context.fillStyle = getComputedStyle(canvas).getPropertyValue('--pane-bg') || '#000';
        context.fillRect(0, 0, width, height);
        delete canvas.dataset.drawn;
        return;
      }
      const rows = rasterRows(spec.nRows, height);
      if (!image || image.width !== width || image.height !== rows) {
        image = new ImageData(width, rows);
        staging.width = width;
        staging.height = rows;
      }
      const view = navigation.get().view;
      rasterizePane({ ...spec, data }, view, width, rows, pixelRatio, new Uint32Array(image.data.buffer));
      stagingContext.putImageData(image, 0, 0);
      context.imageSmoothingEnabled = false;
      context.drawImage(staging, 0, 0, width, rows, 0, 0, width, height);
      canvas.dataset.drawn = spec.header;
      recordDraw(spec.kind, spec.header, performance.now() - started);
    };
    const schedule = () => {
      if (!pending) pending = requestAnimationFrame(draw);
    };
    schedule();
    const unsubscribe = navigation.subscribe(schedule);
    return () => {
      unsubscribe();
      if (pending) cancelAnimationFrame(pending);
    };
  }, [canvasRef, spec, navigation, widthCss, heightCss, pixelRatio]);
}
