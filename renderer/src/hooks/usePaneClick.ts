import { useEffect, useRef } from 'react';
import type { RefObject } from 'react';
import { frameAtPx } from '../render/view';
import type { Navigation } from '../state/navigation';
import type { TinyStore } from '../state/tiny-store';

/** A press that moves no more than this (CSS px) before it is released is a click, not a drag. */
export const CLICK_SLOP_PX = 4;

/** True when a press at `down` released at `up` (client CSS px) is a click rather than a drag. */
export function isClick(down: { x: number; y: number }, up: { x: number; y: number }): boolean {
  return Math.hypot(up.x - down.x, up.y - down.y) <= CLICK_SLOP_PX;
}

/**
 * A primary-button click on a plot (pressed and released without dragging): reports the frame
 * coordinate under it (fractional, input frames) and the height as a fraction of the plot. A drag
 * pans (usePlotInteraction) and reports nothing here. Its own listeners, so other click
 * behaviours (moving the play position, pinning a cell) can sit beside it.
 */
export function usePaneClick(
  elementRef: RefObject<HTMLElement | null>,
  navigation: TinyStore<Navigation>,
  onClick: ((frame: number, yFraction: number) => void) | undefined,
): void {
  const latest = useRef(onClick);
  useEffect(() => {
    latest.current = onClick;
  }, [onClick]);
  useEffect(() => {
    const element = elementRef.current;
    if (!element) return undefined;
    let down: { x: number; y: number } | null = null;
    const onPointerDown = (event: PointerEvent) => {
      down = event.button === 0 ? { x: event.clientX, y: event.clientY } : null;
    };
    const onPointerUp = (event: PointerEvent) => {
      const from = down;
      down = null;
      if (!from || event.button !== 0 || !isClick(from, { x: event.clientX, y: event.clientY })) return;
      const rect = element.getBoundingClientRect();
      const x = event.clientX - rect.left;
      const y = event.clientY - rect.top;
      if (x < 0 || x >= rect.width || y < 0 || y >= rect.height) return;
      latest.current?.(frameAtPx(navigation.get().view, x), y / rect.height);
    };
    const onCancel = () => {
      down = null;
    };
    element.addEventListener('pointerdown', onPointerDown);
    element.addEventListener('pointerup', onPointerUp);
    element.addEventListener('pointercancel', onCancel);
    return () => {
      element.removeEventListener('pointerdown', onPointerDown);
      element.removeEventListener('pointerup', onPointerUp);
      element.removeEventListener('pointercancel', onCancel);
    };
  }, [elementRef, navigation]);
}
