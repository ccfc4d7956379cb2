import { useEffect, useRef } from 'react';
import { paneName } from '../app/panes';
import type { PaneSpec } from '../app/panes';
import { usePlotDrawing } from '../hooks/usePlotDrawing';
import { isClick, usePaneClick } from '../hooks/usePaneClick';
import { usePlotInteraction } from '../hooks/usePlotInteraction';
import type { CanvasTheme } from '../render/draw';
import { drawPaneFrame } from '../render/draw';
import { AXIS_CAPTIONS, paneLayout } from '../render/pane-layout';
import { paneFrameParts } from '../render/pane-raster';
import type { NavigationStores } from '../state/navigation';
import type { PaneMark } from '../render/marks';
import { frameAtPx } from '../render/view';
import { Crosshair } from './Crosshair';
import { Playhead } from './Playhead';
import { BandAxis } from './BandAxis';
import { PaneMarks } from './microscope/PaneMarks';
import { useTinyStore } from '../hooks/useTinyStore';
import { rowAtFractionIn, windowFor } from '../render/row-window';

interface Props {
  spec: PaneSpec;
  bandCentresHz: Float64Array;
  stores: NavigationStores;
  /** Frames of the input: the shared time axis every pane is hovered in. */
  timelineFrames: number;
  width: number;
  height: number;
  pixelRatio: number;
  theme: CanvasTheme;
  /** For the layer pane: closes it. */
  onClose?: () => void;
  /** A click on the plot (no drag): the input frame coordinate and the height fraction under it. */
  onPlotClick?: (frame: number, yFraction: number) => void;
  /** The microscope's marks on this pane (the pinned cell, its window, its receptive field). */
  marks?: readonly PaneMark[];
  /** A click (not a drag) on a cell: its frame in the pane's own frames and its row. */
  onPick?: (cell: { frame: number; row: number }) => void;
}

/**
 * One pane: header, row axis and colour bar (the frame canvas, redrawn when they change), the
 * plot (redrawn when the view moves) and the mirrored crosshair.
 */
export function SpectrogramPane(props: Props) {
  const { spec, bandCentresHz, stores, timelineFrames, width, height, pixelRatio, theme, onClose } = props;
  const { marks, onPick } = props;
  const pressRef = useRef<{ x: number; y: number } | null>(null);
  const frameRef = useRef<HTMLCanvasElement>(null);
  const plotRef = useRef<HTMLCanvasElement>(null);
  const hitRef = useRef<HTMLDivElement>(null);
  const layout = paneLayout(width, height);
  const { plot } = layout;

  usePlotDrawing(plotRef, spec, stores.navigation, stores.bands, plot.width, plot.height, pixelRatio);
  usePlotInteraction(hitRef, stores, timelineFrames);
  usePaneClick(hitRef, stores.navigation, spec.data ? props.onPlotClick : undefined);

  const { rowAxis, nRows, colormap, range, data } = spec;
  const bandWindow = useTinyStore(stores.bands);
  const rows = rowAxis === 'mel' && bandWindow ? windowFor(rowAxis, nRows, bandWindow) : undefined;
  useEffect(() => {
    const canvas = frameRef.current;
    const context = canvas?.getContext('2d');
    if (!canvas || !context || width < 1 || height < 1) return;
    canvas.width = Math.round(width * pixelRatio);
    canvas.height = Math.round(height * pixelRatio);
    context.setTransform(pixelRatio, 0, 0, pixelRatio, 0, 0);
    context.clearRect(0, 0, width, height);
    const parts = paneFrameParts({ rowAxis, nRows, colormap, range, data }, bandCentresHz, rows);
    drawPaneFrame(context, paneLayout(width, height), parts.axis, parts.colours, theme);
  }, [width, height, pixelRatio, bandCentresHz, rowAxis, nRows, colormap, range, data, theme, rows]);

  const plotStyle = { left: plot.x, top: plot.y, width: plot.width, height: plot.height };
  return (
    <section className="pane" data-kind={spec.kind} aria-label={paneName(spec)}>
      <header className="pane-header" title={spec.header}>
        <span className="axis-caption">{AXIS_CAPTIONS[spec.rowAxis]}</span>
        {spec.badge && (
          <span className="pane-badge" data-testid={`badge-${spec.kind}`}>
            {spec.badge}
          </span>
        )}
        <span className="pane-title">{spec.header}</span>
        {onClose && (
          <button
            type="button"
            className="pane-close"
            onClick={onClose}
            title="Hide the layer output (L)"
            aria-label="Hide the layer output"
          >
            ×
          </button>
        )}
      </header>
      <div className="pane-body" style={{ height }}>
        <canvas ref={frameRef} className="pane-frame" style={{ width, height }} data-kind={spec.kind} />
        <canvas ref={plotRef} className="pane-plot" style={plotStyle} data-kind={spec.kind} />
        {rowAxis === 'mel' && spec.data && (
          <BandAxis
            stores={stores}
            nBands={nRows}
            style={{ left: 0, top: plot.y, width: plot.x, height: plot.height }}
          />
        )}
        <div
          ref={hitRef}
          className={onPick && spec.data ? 'pane-hit pickable' : 'pane-hit'}
          style={plotStyle}
          onPointerDown={(event) => (pressRef.current = { x: event.clientX, y: event.clientY })}
          onClick={(event) => {
            const press = pressRef.current;
            pressRef.current = null;
            if (!onPick || !spec.data || !press) return;
            if (!isClick(press, { x: event.clientX, y: event.clientY })) return;
            const box = event.currentTarget.getBoundingClientRect();
            const inputFrame = frameAtPx(stores.navigation.get().view, event.clientX - box.left);
            const frame = Math.floor((inputFrame - spec.frameMap.offset) / spec.frameMap.stride);
            const shown = windowFor(spec.rowAxis, spec.nRows, stores.bands.get());
            const row = rowAtFractionIn((event.clientY - box.top) / box.height, shown);
            if (frame >= 0 && frame < spec.nFrames) onPick({ frame, row });
          }}
        >
          <Playhead stores={stores} widthPx={plot.width} />
          {marks && marks.length > 0 && (
            <PaneMarks
              marks={marks}
              spec={spec}
              navigation={stores.navigation}
              width={plot.width}
              height={plot.height}
              rows={rows}
            />
          )}
          <Crosshair
            stores={stores}
            widthPx={plot.width}
            nFrames={timelineFrames}
            receptive={spec.receptive}
          />
        </div>
        {spec.data ? null : (
          <div className="pane-placeholder" style={plotStyle} data-testid={`placeholder-${spec.kind}`}>
            {spec.placeholder}
          </div>
        )}
      </div>
    </section>
  );
}
