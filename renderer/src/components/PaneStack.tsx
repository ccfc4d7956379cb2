import { useEffect, useRef } from 'react';
import type { CSSProperties, FocusEvent, KeyboardEvent } from 'react';
import { cursorHover, cursorStart, rowsShowing, stepCursor, viewShowing } from '../app/keyboard-cursor';
import type { PaneSpec } from '../app/panes';
import { useElementSize } from '../hooks/useElementSize';
import type { CanvasTheme } from '../render/draw';
import type { PaneMark } from '../render/marks';
import type { FrameClock } from '../render/mel-axis';
import { PANE_CSS_VARIABLES, PANE_HEADER_HEIGHT, TIME_AXIS_HEIGHT } from '../render/pane-layout';
import { rowAtFractionIn, windowFor } from '../render/row-window';
import type { NavigationStores } from '../state/navigation';
import { SpectrogramPane } from './SpectrogramPane';
import { TimeAxis } from './TimeAxis';

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
  /** A click on a pane's plot (no drag), at an input frame coordinate: moves the play position. */
  onPlotClick?: (frame: number, yFraction: number) => void;
  /** The microscope's marks, by pane kind. */
  marks?: Readonly<Record<string, readonly PaneMark[]>>;
  /** A click on a cell of a pane (its own frame and row): the microscope pins it. */
  onPick?: (spec: PaneSpec, cell: { frame: number; row: number }) => void;
}

/**
 * The panes stacked on one time axis (input, output, residual, and a layer's output when one is
 * shown); sizes come from the container, never from content. The stack is one tab stop: focused
 * from the keyboard it shows the crosshair, which the arrow keys move (app/keyboard-cursor.ts).
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
  onPlotClick,
  marks,
  onPick,
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
  const keyboard = useKeyboardCursor(panes[0], stores);
  return (
    <div
      className="pane-stack"
      id="pane-stack"
      ref={ref}
      style={PANE_CSS_VARIABLES as CSSProperties}
      tabIndex={0}
      role="group"
      aria-label="Spectrograms: arrow keys move the crosshair (Shift: 10), Home and End jump to the ends; values in the readout below"
      onKeyDown={keyboard.onKeyDown}
      onPointerDown={keyboard.onPointerDown}
      onFocus={keyboard.onFocus}
      onBlur={keyboard.onBlur}
    >
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
            onPlotClick={onPlotClick}
            marks={marks?.[spec.kind]}
            onPick={onPick ? (cell) => onPick(spec, cell) : undefined}
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

/** The keyboard crosshair over the top pane's frames and rows, in the shared hover and view. */
function useKeyboardCursor(top: PaneSpec | undefined, stores: NavigationStores) {
  // True while the keyboard put the crosshair there (so blur clears it, not a mouse hover).
  const owned = useRef(false);
  // True when the stack was focused from the keyboard: after a click (a drag to pan) the arrows
  // keep panning as everywhere else in the window.
  const viaKeyboard = useRef(false);
  const limits = top?.data ? { nFrames: top.nFrames, nRows: top.nRows } : null;
  const place = (cell: { frame: number; row: number }) => {
    if (!limits) return;
    const current = stores.navigation.get();
    const view = viewShowing(current.view, cell.frame, current.bounds);
    if (view !== current.view) stores.navigation.set({ ...current, view });
    const bands = rowsShowing(stores.bands.get(), cell.row, limits.nRows);
    if (bands !== stores.bands.get()) stores.bands.set(bands);
    stores.hover.set(cursorHover(cell, limits.nRows, windowFor('mel', limits.nRows, bands)));
    owned.current = true;
  };
  return {
    onPointerDown() {
      viaKeyboard.current = false;
    },
    onFocus(event: FocusEvent<HTMLDivElement>) {
      if (event.target !== event.currentTarget) return;
      viaKeyboard.current = event.target.matches(':focus-visible');
      if (!limits || !viaKeyboard.current) return;
      if (stores.hover.get() === null) {
        const { view, bounds } = stores.navigation.get();
        place(cursorStart(view, bounds, limits));
      }
    },
    onBlur(event: FocusEvent<HTMLDivElement>) {
      if (event.target !== event.currentTarget || !owned.current) return;
      owned.current = false;
      stores.hover.set(null);
    },
    onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
      if (!limits || event.target !== event.currentTarget || !viaKeyboard.current) return;
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      const hover = stores.hover.get();
      const { view, bounds } = stores.navigation.get();
      const at = hover
        ? {
            frame: hover.frame,
            row: rowAtFractionIn(hover.yFraction, windowFor('mel', limits.nRows, stores.bands.get())),
          }
        : cursorStart(view, bounds, limits);
      const next = stepCursor(at, event.key, event.shiftKey, limits);
      if (!next) return;
      // The window's shortcuts pan on ← →; here the arrows move the crosshair instead.
      event.preventDefault();
      event.stopPropagation();
      place(next);
    },
  };
}
