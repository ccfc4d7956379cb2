/** Progress reporting that stays cheap: at most one update per interval reaches the other side. */

/** About 10 updates a second: smooth enough for a bar, cheap enough for IPC. */
export const PROGRESS_INTERVAL_MS = 100;

/**
 * Wraps `emit` so that the first update passes at once and later ones only when `intervalMs`
 * has gone by since the last one that passed. Updates in between are dropped (the next one
 * that passes carries the newer state), so a job with thousands of chunks sends ~10 a second.
 */
export function throttleProgress<T>(
  emit: (update: T) => void,
  intervalMs = PROGRESS_INTERVAL_MS,
  now: () => number = () => Date.now(),
): (update: T) => void {
  let last = -Infinity;
  return (update) => {
    const time = now();
    if (time - last < intervalMs) return;
    last = time;
    emit(update);
  };
}
