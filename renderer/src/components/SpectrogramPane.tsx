import { useEffect, useRef } from 'react';
import type { PaneSpec } from '../app/panes';
import { usePlotDrawing } from '../hooks/usePlotDrawing';
import { usePlotInteraction } from '../hooks/usePlotInteraction';
import type { CanvasTheme } from '../render/draw';
import { drawPaneFrame } from '../render/draw';
import { paneLayout } from '../render/pane-layout';
import type { NavigationStores } from '../state/navigation';
import { Crosshair } from './Crosshair';

interface Props {
  spec: PaneSpec;
  bandCentresHz: Float64Array;
  stores: NavigationStores;
  width: number;
  height: number;
  pixelRatio: number;
  theme: CanvasTheme;
}

/**
 * One spectrogram pane: header, frequency axis and colour bar (the frame canvas, redrawn when
 * they change), the plot (redrawn when the view moves) and the mirrored crosshair.
 */
export function SpectrogramPane({ spec, bandCentresHz, stores, width, height, pixelRatio, theme }: Props) {
  const frameRef = useRef<HTMLCanvasElement>(null);
  const plotRef = useRef<HTMLCanvasElement>(null);
  const hitRef = useRef<HTMLDivElement>(null);
  const layout = paneLayout(width, height);
  const { plot } = layout;

  usePlotDrawing(plotRef, spec, stores.navigation, plot.width, plot.height, pixelRatio);
  usePlotInteraction(hitRef, stores, spec.nMels, spec.nFrames);

  useEffect(() => {
    const canvas = frameRef.current;
    const context = canvas?.getContext('2d');
    if (!canvas || !context || width < 1 || height < 1) return;
    canvas.width = Math.round(width * pixelRatio);
    canvas.height = Math.round(height * pixelRatio);
    context.setTransform(pixelRatio, 0, 0, pixelRatio, 0, 0);
    context.clearRect(0, 0, width, height);
    drawPaneFrame(context, paneLayout(width, height), bandCentresHz, spec.colormap, spec.range, theme);
  }, [width, height, pixelRatio, bandCentresHz, spec.colormap, spec.range, theme]);

  const plotStyle = { left: plot.x, top: plot.y, width: plot.width, height: plot.height };
  return (
    <section className="pane" data-kind={spec.kind} aria-label={`${spec.kind} spectrogram`}>
      <header className="pane-header" title={spec.header}>
        <span className="axis-caption">band · Hz</span>
        <span className="pane-title">{spec.header}</span>
      </header>
      <div className="pane-body" style={{ height }}>
        <canvas ref={frameRef} className="pane-frame" style={{ width, height }} />
        <canvas ref={plotRef} className="pane-plot" style={plotStyle} data-kind={spec.kind} />
        <div ref={hitRef} className="pane-hit" style={plotStyle}>
          <Crosshair
            stores={stores}
            widthPx={plot.width}
            nFrames={spec.nFrames}
            receptiveLayers={spec.receptiveLayers}
          />
        </div>
        {spec.data ? null : (
          <div className="pane-placeholder" style={plotStyle}>
            {spec.placeholder}
          </div>
        )}
      </div>
    </section>
  );
}
