import { useEffect, useRef } from 'react';
import type { PaneSpec } from '../app/panes';
import { useElementSize } from '../hooks/useElementSize';
import type { CanvasTheme } from '../render/draw';
import type { FrameClock } from '../render/mel-axis';
import { TIME_AXIS_HEIGHT } from '../render/pane-layout';
import type { NavigationStores } from '../state/navigation';
import { SpectrogramPane } from './SpectrogramPane';
import { TimeAxis } from './TimeAxis';

/** Height of a pane's one-line header, in CSS px (kept in sync with .pane-header). */
export const PANE_HEADER_HEIGHT = 22;

interface Props {
  panes: readonly PaneSpec[];
  bandCentresHz: Float64Array;
  clock: FrameClock;
  stores: NavigationStores;
  pixelRatio: number;
  theme: CanvasTheme;
  /** Reports the pane width and plot-body height so the view's bounds follow the window. */
  onSize: (paneWidth: number, bodyHeight: number) => void;
  /** Closes the layer-output pane. */
  onCloseLayer: () => void;
}

/**
 * The panes stacked on one time axis (input, output, residual, and a layer's output when one is
 * shown); sizes come from the container, never from content.
 */
export function PaneStack({
  panes,
  bandCentresHz,
  clock,
  stores,
  pixelRatio,
  theme,
  onSize,
  onCloseLayer,
}: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const { width, height } = useElementSize(ref);
  const bodyHeight = Math.max(
    40,
    Math.floor((height - TIME_AXIS_HEIGHT) / panes.length - PANE_HEADER_HEIGHT),
  );
  useEffect(() => {
    if (width > 0) onSize(width, bodyHeight);
  }, [width, bodyHeight, onSize]);
  const timelineFrames = panes[0]?.nFrames ?? 0;
  return (
    <div className="pane-stack" ref={ref}>
      {width > 0 &&
        panes.map((spec) => (
          <SpectrogramPane
            key={spec.kind}
            spec={spec}
            bandCentresHz={bandCentresHz}
            stores={stores}
            timelineFrames={timelineFrames}
            width={width}
            height={bodyHeight}
            pixelRatio={pixelRatio}
            theme={theme}
            onClose={spec.kind === 'layer' ? onCloseLayer : undefined}
          />
        ))}
      {width > 0 && panes[0]?.data && (
        <TimeAxis
          navigation={stores.navigation}
          clock={clock}
          width={width}
          pixelRatio={pixelRatio}
          theme={theme}
        />
      )}
    </div>
  );
}
