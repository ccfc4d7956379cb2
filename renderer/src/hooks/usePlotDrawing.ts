import { useEffect } from 'react';
import type { RefObject } from 'react';
import type { PaneSpec } from '../app/panes';
import { recordDraw } from '../app/metrics';
import { colormapPacked, packRgb } from '../render/colormaps';
import { rasterize } from '../render/raster';
import type { Navigation } from '../state/navigation';
import type { TinyStore } from '../state/tiny-store';

/** Columns past the last frame (only when a short input is zoomed in): neutral grey. */
const BEYOND_DATA = packRgb(128, 128, 128);

/**
 * Keeps a plot canvas showing `spec` under the current time view: rasterises the visible
 * frames × bands at device resolution into ImageData (width × nMels), then scales it to the
 * canvas height. Redraws at most once per animation frame when the view changes.
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
      const { data, nMels, nFrames } = spec;
      if (!data) {
        context.fillStyle = getComputedStyle(canvas).getPropertyValue('--pane-bg') || '#000';
        context.fillRect(0, 0, width, height);
        return;
      }
      if (!image || image.width !== width || image.height !== nMels) {
        image = new ImageData(width, nMels);
        staging.width = width;
        staging.height = nMels;
      }
      const lut = colormapPacked(spec.colormap);
      rasterize(
        {
          data,
          nMels,
          nFrames,
          view: navigation.get().view,
          widthPx: width,
          pixelRatio,
          range: spec.range,
          lut,
          decimation: spec.decimation,
          background: BEYOND_DATA,
        },
        new Uint32Array(image.data.buffer),
      );
      stagingContext.putImageData(image, 0, 0);
      context.imageSmoothingEnabled = false;
      context.drawImage(staging, 0, 0, width, nMels, 0, 0, width, height);
      recordDraw(spec.kind, performance.now() - started, true);
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
