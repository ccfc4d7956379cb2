/**
 * File drops on a target (the window, or a panel inside it): `onDragging(true)` while files are
 * dragged over it, `onDrop(files)` when they are dropped. Only drags that carry files count (a
 * dragged text selection does not light it up). dragenter/dragleave also fire as the pointer
 * crosses the target's children, so it counts them rather than going dark on the first leave.
 * A nested target keeps its drop to itself (the window's bubbling drop handler does not also
 * open the files); every target ends its highlight on any drop, in the capture phase, so the
 * window's overlay goes away even when a nested target took the drop.
 */

/** The part of a DragEvent the target reads (a plain Event with `dataTransfer` in tests). */
type DragLike = Event & { dataTransfer?: DataTransfer | null };

export interface DropTargetOptions {
  onDrop: (files: File[]) => void;
  onDragging: (dragging: boolean) => void;
  /** True inside another drop target: its drops do not reach the outer one. */
  nested: boolean;
}

function hasFiles(event: DragLike): boolean {
  return event.dataTransfer?.types.includes('Files') ?? false;
}

/** Listens on `target`; returns the function that stops listening. */
export function attachDropTarget(target: EventTarget, options: DropTargetOptions): () => void {
  const { onDrop, onDragging, nested } = options;
  let depth = 0;
  const enter = (event: DragLike) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    depth++;
    onDragging(true);
  };
  const over = (event: DragLike) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
  };
  const leave = () => {
    if (depth === 0) return; // a leave of a drag it did not count
    depth--;
    if (depth === 0) onDragging(false);
  };
  const drop = (event: DragLike) => {
    event.preventDefault();
    if (nested) event.stopPropagation();
    const files = [...(event.dataTransfer?.files ?? [])];
    if (files.length > 0) onDrop(files);
  };
  const end = () => {
    depth = 0;
    onDragging(false);
  };
  const listeners: [string, (event: DragLike) => void, boolean][] = [
    ['dragenter', enter, false],
    ['dragover', over, false],
    ['dragleave', leave, false],
    ['drop', drop, false],
    ['dragend', end, false],
    ['drop', end, true],
  ];
  for (const [type, listener, capture] of listeners) target.addEventListener(type, listener, capture);
  return () => {
    for (const [type, listener, capture] of listeners) target.removeEventListener(type, listener, capture);
  };
}
