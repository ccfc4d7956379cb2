import { useEffect, useRef, useState } from 'react';
import type { KeyboardEvent, PointerEvent } from 'react';
import type { PaneSpec } from '../app/panes';
import { useElementSize } from '../hooks/useElementSize';
import { useTinyStore } from '../hooks/useTinyStore';
import type { FrameClock } from '../render/mel-axis';
import { frameToSeconds } from '../render/mel-axis';
import {
  OVERVIEW_HEIGHT,
  frameAtOverviewPx,
  grabOffset,
  overviewBox,
  overviewKeyView,
  viewGrabbedAt,
  visibleFrames,
} from '../render/overview';
import { FREQ_AXIS_WIDTH, plotWidthFor } from '../render/pane-layout';
import { rasterRows, rasterizePane } from '../render/pane-raster';
import { createReducedColumns, DRAW_BUDGET_VALUES } from '../render/reduced-columns';
import { StagingCanvas } from '../hooks/staging-canvas';
import type { NavigationStores } from '../state/navigation';

interface Props {
  /** The top pane (the input, or the clean mel in the demo): drawn whole; none (the text panes): no strip. */
  spec: PaneSpec | undefined;
  stores: Pick<NavigationStores, 'navigation' | 'playhead'>;
  clock: FrameClock;
  pixelRatio: number;
}

/**
 * The overview strip above the panes, as in Sonic Visualiser: the whole file, lined up with the
 * plots, with the visible range as a box and the play position as a line. A press centres the
 * view there (inside the box it grabs the box), a drag moves it; focused, ← → Page Up / Down Home
 * End move the view (render/overview.ts).
 */
export function Overview({ spec, stores, clock, pixelRatio }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const { width } = useElementSize(ref);
  const stripWidth = plotWidthFor(width);
  const data = spec?.data ?? null;
  return (
    <div className="overview" ref={ref} style={{ height: spec ? OVERVIEW_HEIGHT + 2 : 0 }}>
      {spec && (
        <span className="overview-caption" style={{ width: FREQ_AXIS_WIDTH - 8 }}>
          overview
        </span>
      )}
      {width > 0 && spec && data && (
        <OverviewStrip
          spec={spec}
          data={data}
          stores={stores}
          clock={clock}
          widthPx={stripWidth}
          pixelRatio={pixelRatio}
        />
      )}
    </div>
  );
}

function OverviewStrip({
  spec,
  data,
  stores,
  clock,
  widthPx,
  pixelRatio,
}: Omit<Props, 'spec'> & { spec: PaneSpec; data: Float32Array; widthPx: number }) {
  const canvasRef = useOverviewCanvas(spec, data, widthPx, pixelRatio);
  const { view, bounds } = useTinyStore(stores.navigation);
  const playhead = useTinyStore(stores.playhead);
  const grab = useRef<number | null>(null);
  const nFrames = bounds.nFrames;
  const box = overviewBox(view, bounds, widthPx);
  const shown = visibleFrames(view, bounds);
  const frameAt = (event: PointerEvent<HTMLDivElement>) =>
    frameAtOverviewPx(event.clientX - event.currentTarget.getBoundingClientRect().left, nFrames, widthPx);
  const moveTo = (frame: number) => {
    const current = stores.navigation.get();
    const next = viewGrabbedAt(current.view, current.bounds, frame, grab.current ?? 0);
    stores.navigation.set({ ...current, view: next });
  };
  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return;
    const frame = frameAt(event);
    const current = stores.navigation.get();
    grab.current = grabOffset(current.view, current.bounds, frame);
    event.currentTarget.setPointerCapture(event.pointerId);
    moveTo(frame);
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (grab.current !== null) moveTo(frameAt(event));
  };
  const onPointerUp = (event: PointerEvent<HTMLDivElement>) => {
    grab.current = null;
    if (event.currentTarget.hasPointerCapture(event.pointerId))
      event.currentTarget.releasePointerCapture(event.pointerId);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const current = stores.navigation.get();
    const next = overviewKeyView(current.view, current.bounds, event.key, event.shiftKey);
    if (!next) return;
    // Page Up / Down, Home and End are the playback keys elsewhere; here they move the view.
    event.preventDefault();
    event.stopPropagation();
    stores.navigation.set({ ...current, view: next });
  };
  const startS = frameToSeconds(clock, view.startFrame);
  const endS = frameToSeconds(clock, shown.first + shown.count);
  const totalS = frameToSeconds(clock, nFrames);
  const playX = playhead === null ? null : (playhead / Math.max(1, nFrames)) * widthPx;
  return (
    <div
      className="overview-strip"
      data-testid="overview"
      style={{ left: FREQ_AXIS_WIDTH, width: widthPx, height: OVERVIEW_HEIGHT }}
      tabIndex={0}
      role="scrollbar"
      aria-orientation="horizontal"
      aria-controls="pane-stack"
      aria-label="Overview of the whole file: click or drag to move the view; ← → Page Up / Down Home End move it"
      aria-valuemin={0}
      aria-valuemax={Number(totalS.toFixed(3))}
      aria-valuenow={Number(startS.toFixed(3))}
      aria-valuetext={`${startS.toFixed(2)} s to ${endS.toFixed(2)} s of ${totalS.toFixed(2)} s`}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onKeyDown={onKeyDown}
    >
      <canvas
        ref={canvasRef}
        className="overview-canvas"
        style={{ width: widthPx, height: OVERVIEW_HEIGHT }}
      />
      <div
        className="overview-box"
        data-testid="overview-box"
        data-first={shown.first.toFixed(2)}
        data-count={shown.count.toFixed(2)}
        style={{ left: box.leftPx, width: box.widthPx }}
      />
      {playX !== null && <div className="overview-playhead" style={{ left: Math.round(playX) }} />}
    </div>
  );
}

/** Draws the whole of `spec` into the strip's canvas (again only when the data, colours or size change). */
function useOverviewCanvas(spec: PaneSpec, data: Float32Array, widthCss: number, pixelRatio: number) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  // Kept across redraws (see usePlotDrawing): a filling result redraws only its new columns.
  const [staging] = useState(() => new StagingCanvas());
  const reduced = useRef(createReducedColumns(DRAW_BUDGET_VALUES));
  const { nRows, nFrames, frameMap, colormap, range, decimation } = spec;
  useEffect(() => {
    const canvas = canvasRef.current;
    const context = canvas?.getContext('2d', { alpha: false });
    if (!canvas || !context || widthCss < 1) return undefined;
    const width = Math.max(1, Math.round(widthCss * pixelRatio));
    const height = Math.max(1, Math.round(OVERVIEW_HEIGHT * pixelRatio));
    const rows = rasterRows(nRows, height);
    // Tasks of their own: not the one that commits a new input, nor the frame the panes draw in
    // (each reads the whole input: 4 M values for ten minutes), DRAW_BUDGET_VALUES at a time.
    const image = new ImageData(width, rows);
    const pixels = new Uint32Array(image.data.buffer);
    const whole = { startFrame: 0, framesPerPixel: nFrames / widthCss };
    const source = { data, nRows, nFrames, frameMap, colormap, range, decimation };
    let timer: ReturnType<typeof setTimeout>;
    const draw = () => {
      rasterizePane(source, whole, width, rows, pixelRatio, pixels, undefined, reduced.current);
      if (canvas.width !== width) canvas.width = width;
      if (canvas.height !== height) canvas.height = height;
      if (!staging.blit(context, image, width, height)) return;
      if (reduced.current.deferred > 0) timer = setTimeout(draw, 0);
      else canvas.dataset.drawn = spec.header;
    };
    timer = setTimeout(draw, 0);
    return () => clearTimeout(timer);
  }, [
    staging,
    data,
    nRows,
    nFrames,
    frameMap,
    colormap,
    range,
    decimation,
    widthCss,
    pixelRatio,
    spec.header,
  ]);
  return canvasRef;
}
