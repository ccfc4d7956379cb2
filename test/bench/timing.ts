/** Timing helpers for `npm run bench`: medians over repeated runs (the machine is shared and noisy). */

export interface Timing {
  medianMs: number;
  minMs: number;
  runs: number;
}

/** Runs `fn` `warmup` times untimed, then `runs` times; returns the median and the minimum. */
export function time(fn: () => unknown, runs = 21, warmup = 3): Timing {
  for (let i = 0; i < warmup; i++) fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { medianMs: samples[Math.floor(runs / 2)]!, minMs: samples[0]!, runs };
}

/** `12.34 ms` */
export function ms(value: number): string {
  return `${value.toFixed(value < 10 ? 2 : 1)} ms`;
}

/** One aligned line: label, ours, the torch number (or why there is none), and ours/torch. */
export function comparisonLine(label: string, oursMs: number, torchMs: number | string): string {
  const torch = typeof torchMs === 'number' ? ms(torchMs) : torchMs;
  const ratio = typeof torchMs === 'number' ? `   ours/torch ${(oursMs / torchMs).toFixed(2)}×` : '';
  return `  ${label.padEnd(50)} ours ${ms(oursMs).padStart(9)}   torch ${torch.padStart(9)}${ratio}`;
}

/** A table row with fixed-width columns. */
export function row(cells: readonly (string | number)[], widths: readonly number[]): string {
  return '  ' + cells.map((c, i) => String(c).padEnd(widths[i] ?? 0)).join(' ');
}

/** One part of `npm run bench` (mel, and later post-net): prints its own lines. */
export interface BenchSection {
  /** Short name to select it: `npm run bench -- mel`. */
  name: string;
  title: string;
  run(): Promise<void> | void;
}
