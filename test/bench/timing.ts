/** Timing helpers for `npm run bench`: medians over repeated runs (the machine is shared and noisy). */
import { medianOf } from '../helpers/median';

export interface Timing {
  /** Median wall-clock time per call. */
  medianMs: number;
  /**
   * Median CPU time of the process per call: less disturbed than wall time when other processes
   * compete for the cores (it leaves out the time spent waiting for one).
   */
  cpuMedianMs: number;
  minMs: number;
  runs: number;
}

/** Wall time of one awaited call, in ms. */
export async function timeOnce(run: () => Promise<unknown> | unknown): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

/** Runs `fn` `warmup` times untimed, then `runs` times; returns medians and the minimum. */
export function time(fn: () => unknown, runs = 21, warmup = 3): Timing {
  for (let i = 0; i < warmup; i++) fn();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    fn();
    wall.push(performance.now() - start);
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1000);
  }
  return { medianMs: medianOf(wall), cpuMedianMs: medianOf(cpu), minMs: Math.min(...wall), runs };
}

/** `12.34 ms` */
export function ms(value: number): string {
  return `${value.toFixed(value < 10 ? 2 : 1)} ms`;
}

/** Wall and CPU medians of one computation. */
export interface Measured {
  wallMs: number;
  cpuMs: number;
}

/**
 * One aligned line: label, ours, the torch numbers (or why there are none), and ours/torch, each
 * as wall time and (in brackets) CPU time.
 */
export function comparisonLine(label: string, ours: Measured, torch: Measured | string): string {
  const pair = (m: Measured) => `${ms(m.wallMs).padStart(9)} (cpu ${ms(m.cpuMs).padStart(8)})`;
  const torchText = typeof torch === 'string' ? torch.padStart(24) : pair(torch);
  const ratio =
    typeof torch === 'string'
      ? ''
      : `   ours/torch ${(ours.wallMs / torch.wallMs).toFixed(2)}× (cpu ${(ours.cpuMs / torch.cpuMs).toFixed(2)}×)`;
  return `  ${label.padEnd(50)} ours ${pair(ours)}   torch ${torchText}${ratio}`;
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
  /** `args`: the options written after the section's name (see args.ts); throws BenchArgumentError on bad ones. */
  run(args: readonly string[]): Promise<void> | void;
}
