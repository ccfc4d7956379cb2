/**
 * Runs one piece of work per input of a batch, in order: a failed input is reported as one
 * `error: …` line and skipped, the others still run; a progress line says how many are done and
 * when the rest should be. The caller exits 1 when any failed.
 */
import type { CommandIo } from './command';
import type { BatchItem } from './inputs';

/** `12 s`, `3 min 20 s`, `1 h 05 min`: a duration on the progress line. */
export function formatSeconds(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}

/** `progress: 3/120 files, 1 failed, 4 s elapsed, ETA 2 min 40 s` (the ETA from the mean so far). */
export function progressText(done: number, total: number, failed: number, elapsedMs: number): string {
  const failures = failed > 0 ? `, ${failed} failed` : '';
  const elapsed = `${formatSeconds(elapsedMs / 1000)} elapsed`;
  if (done === total) return `progress: ${done}/${total} files${failures}, ${elapsed}`;
  const eta = done === 0 ? '' : `, ETA ${formatSeconds(((total - done) * elapsedMs) / done / 1000)}`;
  return `progress: ${done}/${total} files${failures}, ${elapsed}${eta}`;
}

export interface BatchOutcome {
  done: number;
  failed: number;
}

/**
 * `work(item)` for each item; it returns the item's whole `warning: …` / `note: …` lines. Errors
 * from one item are that item's only: reported (its first line, as the one-file CLI does) and counted.
 */
export async function runBatch(
  items: readonly BatchItem[],
  io: CommandIo,
  work: (item: BatchItem) => Promise<readonly string[]>,
  now: () => number = Date.now,
): Promise<BatchOutcome> {
  const started = now();
  let failed = 0;
  io.progress(progressText(0, items.length, 0, 0), items.length === 0);
  for (let i = 0; i < items.length; i++) {
    try {
      for (const line of await work(items[i]!)) io.line(line);
    } catch (error) {
      failed++;
      const message = error instanceof Error ? error.message : String(error);
      io.line(`error: ${message.split('\n')[0]}`);
    }
    io.progress(progressText(i + 1, items.length, failed, now() - started), i + 1 === items.length);
  }
  return { done: items.length - failed, failed };
}
