import { useEffect, useRef } from 'react';
import { paneName } from '../app/panes';
import type { PaneSpec } from '../app/panes';
import { usePlotDrawing } from '../hooks/usePlotDrawing';
import { usePlotInteraction } from '../hooks/usePlotInteraction';
import type { CanvasTheme } from '../render/draw';
import { drawPaneFrame } from '../render/draw';
import { AXIS_CAPTIONS, paneLayout } from '../render/pane-layout';
import { paneFrameParts } from '../render/pane-raster';
import type { NavigationStores } from '../state/navigation';
import type { PaneMark } from '../render/marks';
import { rowAtFraction } from '../render/pane-layout';
import { frameAtPx } from '../render/view';
import { Crosshair } from './Crosshair';
import { Playhead } from './Playhead';
import { PaneMarks } from './microscope/PaneMarks';

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
  /** The microscope's marks on this pane (the pinned cell, its window, its receptive field). */
  marks?: readonly PaneMark[];
  /** A click (not a drag) on a cell: its frame in the pane's own frames and its row. */
  onPick?: (cell: { frame: number; row: number }) => void;
}

/** A press that moves less than this (CSS px) before it is released is a click, not a pan. */
const CLICK_SLOP_PX = 4;

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

  usePlotDrawing(plotRef, spec, stores.navigation, plot.width, plot.height, pixelRatio);
  usePlotInteraction(hitRef, stores, timelineFrames);

  const { rowAxis, nRows, colormap, range, data } = spec;
  useEffect(() => {
    const canvas = frameRef.current;
    const context = canvas?.getContext('2d');
    if (!canvas || !context || width < 1 || height < 1) return;
    canvas.width = Math.round(width * pixelRatio);
    canvas.height = Math.round(height * pixelRatio);
    context.setTransform(pixelRatio, 0, 0, pixelRatio, 0, 0);
    context.clearRect(0, 0, width, height);
    const { axis, colours } = paneFrameParts({ rowAxis, nRows, colormap, range, data }, bandCentresHz);
    drawPaneFrame(context, paneLayout(width, height), axis, colours, theme);
  }, [width, height, pixelRatio, bandCentresHz, rowAxis, nRows, colormap, range, data, theme]);

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
        <div
          ref={hitRef}
          className={onPick && spec.data ? 'pane-hit pickable' : 'pane-hit'}
          style={plotStyle}
          onPointerDown={(event) => (pressRef.current = { x: event.clientX, y: event.clientY })}
          onClick={(event) => {
            const press = pressRef.current;
            pressRef.current = null;
            if (!onPick || !spec.data || !press) return;
            if (Math.hypot(event.clientX - press.x, event.clientY - press.y) > CLICK_SLOP_PX) return;
            const box = event.currentTarget.getBoundingClientRect();
            const inputFrame = frameAtPx(stores.navigation.get().view, event.clientX - box.left);
            const frame = Math.floor((inputFrame - spec.frameMap.offset) / spec.frameMap.stride);
            const row = rowAtFraction((event.clientY - box.top) / box.height, spec.nRows);
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
