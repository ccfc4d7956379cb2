import { useEffect, useRef } from 'react';
import type { CSSProperties } from 'react';
import { wheelPixels } from '../hooks/usePlotInteraction';
import { bandsZoomed } from '../state/navigation';
import type { NavigationStores } from '../state/navigation';
import { useTinyStore } from '../hooks/useTinyStore';
import { panRows, windowFor } from '../render/row-window';

/** Zoom factor per pixel of wheel delta over the band axis: one 100 px notch ≈ 1.22. */
const BAND_ZOOM_PER_PX = 0.002;
/** Rows moved per pixel of Shift+wheel (or horizontal) delta over the band axis. */
const BAND_PAN_PER_PX = 0.05;

/**
 * The mel pane's band axis as a control (frequency zoom, docs/workspace.md): the wheel zooms the
 * bands around the one under the cursor, Shift+wheel moves them up and down, double-click shows
 * every band again. All mel panes share the window (stores.bands); the labels follow it.
 */
export function BandAxis({
  stores,
  nBands,
  style,
}: {
  stores: Pick<NavigationStores, 'bands'>;
  nBands: number;
  style: CSSProperties;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const shown = windowFor('mel', nBands, useTinyStore(stores.bands));
  useEffect(() => {
    const element = ref.current;
    if (!element) return undefined;
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      const dx = wheelPixels(event, event.deltaX);
      const dy = wheelPixels(event, event.deltaY);
      const bands = stores.bands.get();
      if (event.shiftKey || Math.abs(dx) > Math.abs(dy)) {
        if (!bands) return;
        const delta = event.shiftKey && dx === 0 ? dy : dx;
        const rows = -Math.sign(delta) * Math.max(1, Math.round(Math.abs(delta) * BAND_PAN_PER_PX));
        stores.bands.set(panRows(bands, rows, nBands));
        return;
      }
      const rect = element.getBoundingClientRect();
      const anchor = (event.clientY - rect.top) / Math.max(1, rect.height);
      stores.bands.set(bandsZoomed(bands, Math.exp(-dy * BAND_ZOOM_PER_PX), anchor, nBands));
    };
    const onDoubleClick = () => stores.bands.set(null);
    element.addEventListener('wheel', onWheel, { passive: false });
    element.addEventListener('dblclick', onDoubleClick);
    return () => {
      element.removeEventListener('wheel', onWheel);
      element.removeEventListener('dblclick', onDoubleClick);
    };
  }, [stores, nBands]);
  return (
    <div
      ref={ref}
      className="band-axis"
      data-testid="band-axis"
      data-first={shown.first}
      data-count={shown.count}
      style={style}
      title="Wheel: zoom the bands · Shift + wheel: move them · double-click: all bands (Alt + ↑ ↓, Alt + 0)"
    />
  );
}
