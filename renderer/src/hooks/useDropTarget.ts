import { useEffect, useRef, useState } from 'react';
import type { RefObject } from 'react';
import { attachDropTarget } from '../app/drop-target';

/**
 * Makes `target` (the whole window, or an element inside it) a drop target for files: returns
 * true while files are dragged over it and calls the latest `onDrop` with the dropped files. An
 * element target keeps its drops from the window's (see app/drop-target.ts). The listeners stay
 * attached while `onDrop` changes, so a re-render mid-drag does not lose count of the drag.
 */
export function useDropTarget(
  target: 'window' | RefObject<HTMLElement | null>,
  onDrop: (files: File[]) => void,
): boolean {
  const [dragging, setDragging] = useState(false);
  const latestOnDrop = useRef(onDrop);
  useEffect(() => {
    latestOnDrop.current = onDrop;
  }, [onDrop]);
  useEffect(() => {
    const element = target === 'window' ? window : target.current;
    if (!element) return undefined;
    return attachDropTarget(element, {
      onDrop: (files) => latestOnDrop.current(files),
      onDragging: setDragging,
      nested: target !== 'window',
    });
  }, [target]);
  return dragging;
}
