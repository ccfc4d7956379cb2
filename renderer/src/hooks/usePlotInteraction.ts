import { useEffect } from 'react';
import type { RefObject } from 'react';
import { frameAtPx } from '../render/view';
import { fitted, panned, zoomed } from '../state/navigation';
import type { NavigationStores } from '../state/navigation';

/** Pixels per line for wheel events reported in lines (Firefox), and per page. */
const LINE_PX = 16;
/** Zoom factor per pixel of wheel delta: one 100 px notch zooms by e^0.2 ≈ 1.22. */
const ZOOM_PER_PX = 0.002;

export function wheelPixels(event: WheelEvent, delta: number): number {
  if (event.deltaMode === WheelEvent.DOM_DELTA_LINE) return delta * LINE_PX;
  if (event.deltaMode === WheelEvent.DOM_DELTA_PAGE) return delta * 400;
  return delta;
}

/**
 * Mouse and trackpad navigation on a plot (see docs/workspace.md, "Navigation"):
 * wheel or Ctrl/⌘+wheel (and trackpad pinch) zooms time around the cursor; Shift+wheel and
 * horizontal trackpad scrolling pan; drag pans; double-click fits. Hover updates the shared
 * crosshair. All panes share the stores, so they move together. `nFrames` is the input's frame
 * count: every pane, a layer output too, is hovered in input frames.
 */
export function usePlotInteraction(
  elementRef: RefObject<HTMLElement | null>,
  stores: NavigationStores,
  nFrames: number,
): void {
  useEffect(() => {
    const element = elementRef.current;
    if (!element) return undefined;
    const { navigation, hover } = stores;
    let dragX: number | null = null;

    const local = (event: MouseEvent) => {
      const rect = element.getBoundingClientRect();
      return { x: event.clientX - rect.left, y: event.clientY - rect.top, height: rect.height };
    };
    const updateHover = (event: MouseEvent) => {
      const { x, y, height } = local(event);
      const frame = Math.floor(frameAtPx(navigation.get().view, x));
      if (y < 0 || y >= height || frame < 0 || frame >= nFrames) hover.set(null);
      else hover.set({ frame, yFraction: y / height });
    };
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      const dx = wheelPixels(event, event.deltaX);
      const dy = wheelPixels(event, event.deltaY);
      const zoom = event.ctrlKey || event.metaKey || (!event.shiftKey && Math.abs(dy) > Math.abs(dx));
      if (zoom) navigation.set(zoomed(navigation.get(), Math.exp(-dy * ZOOM_PER_PX), local(event).x));
      else navigation.set(panned(navigation.get(), event.shiftKey && dx === 0 ? dy : dx));
      updateHover(event);
    };
    const onPointerDown = (event: PointerEvent) => {
      if (event.button !== 0) return;
      dragX = event.clientX;
      element.setPointerCapture(event.pointerId);
      element.classList.add('dragging');
    };
    const onPointerMove = (event: PointerEvent) => {
      if (dragX !== null) {
        navigation.set(panned(navigation.get(), dragX - event.clientX));
        dragX = event.clientX;
      }
      updateHover(event);
    };
    const onPointerUp = (event: PointerEvent) => {
      dragX = null;
      if (element.hasPointerCapture(event.pointerId)) element.releasePointerCapture(event.pointerId);
      element.classList.remove('dragging');
    };
    const onLeave = () => {
      if (dragX === null) hover.set(null);
    };
    const onDoubleClick = () => navigation.set(fitted(navigation.get()));

    element.addEventListener('wheel', onWheel, { passive: false });
    element.addEventListener('pointerdown', onPointerDown);
    element.addEventListener('pointermove', onPointerMove);
    element.addEventListener('pointerup', onPointerUp);
    element.addEventListener('pointercancel', onPointerUp);
    element.addEventListener('pointerleave', onLeave);
    element.addEventListener('dblclick', onDoubleClick);
    return () => {
      element.removeEventListener('wheel', onWheel);
      element.removeEventListener('pointerdown', onPointerDown);
      element.removeEventListener('pointermove', onPointerMove);
      element.removeEventListener('pointerup', onPointerUp);
      element.removeEventListener('pointercancel', onPointerUp);
      element.removeEventListener('pointerleave', onLeave);
      element.removeEventListener('dblclick', onDoubleClick);
    };
  }, [elementRef, stores, nFrames]);
}
