/**
 * Transfer lists for postMessage. Moving an ArrayBuffer is only safe, and only possible, when the
 * message owns all of it: Node's `Buffer.from`/`allocUnsafe` hand out slices of a shared 8 KiB pool
 * which Node 22 (Electron's) marks untransferable (DataCloneError) and Node 20 silently copies.
 * So a view is transferred only when it spans its whole, non-shared, non-empty buffer; anything
 * else is left out of the list and copied by structured clone.
 *
 * The sender must not use a transferred buffer again: pass only views made for this message.
 */

/** Extra test for buffers the runtime refuses to move (Node ≥ 21 `isMarkedAsUntransferable`). */
export type UntransferableTest = (buffer: ArrayBuffer) => boolean;

function isArrayBuffer(value: unknown): value is ArrayBuffer {
  return Object.prototype.toString.call(value) === '[object ArrayBuffer]';
}

/** The distinct ArrayBuffers behind `views` that can be moved rather than copied. */
export function transferListFor(
  views: Iterable<ArrayBufferView>,
  isUntransferable?: UntransferableTest,
): ArrayBuffer[] {
  const list = new Set<ArrayBuffer>();
  for (const view of views) {
    const buffer = view.buffer;
    if (!isArrayBuffer(buffer)) continue; // a SharedArrayBuffer is shared, never moved
    if (buffer.byteLength === 0) continue; // empty, or already detached
    if (view.byteOffset !== 0 || view.byteLength !== buffer.byteLength) continue; // a slice (pool)
    if (isUntransferable?.(buffer)) continue;
    list.add(buffer);
  }
  return [...list];
}

/** Every typed array or DataView reachable from `value` through plain objects, arrays and Maps. */
export function collectViews(value: unknown, into: ArrayBufferView[] = [], depth = 0): ArrayBufferView[] {
  if (depth > 16 || typeof value !== 'object' || value === null) return into;
  if (ArrayBuffer.isView(value)) {
    into.push(value);
  } else if (Array.isArray(value)) {
    for (const item of value) collectViews(item, into, depth + 1);
  } else if (value instanceof Map) {
    for (const item of value.values()) collectViews(item, into, depth + 1);
  } else {
    for (const item of Object.values(value)) collectViews(item, into, depth + 1);
  }
  return into;
}

/** The transfer list for a message whose typed arrays were all made for it (e.g. a job's result). */
export function transferListForMessage(
  message: unknown,
  isUntransferable?: UntransferableTest,
): ArrayBuffer[] {
  return transferListFor(collectViews(message), isUntransferable);
}
