/**
 * This machine's float32 multiply-add peak per core, measured rather than assumed: a small FMA
 * loop in C (test/bench/fma-peak.c, compiled here with cc -O2 -march=native when cc exists) for
 * the CPU's widest vectors, and the WASM kernel's own 128-bit loop (wasm/peak.ts) for what a
 * WebAssembly kernel can reach in this runtime.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kernelInstance } from '../../shared/backend/wasm/embedded';
import type { KernelVariant } from '../../shared/backend/wasm/kernel-instance';

export interface NativePeak {
  fma128: number;
  muladd128: number;
  fma256: number;
  fma512?: number;
}

/** GFLOP/s of the C loop, or why it could not run. */
export function nativePeak(): NativePeak | string {
  const dir = mkdtempSync(join(tmpdir(), 'postnet-fma-'));
  try {
    const binary = join(dir, 'fma-peak');
    const source = join(import.meta.dirname, 'fma-peak.c');
    const build = spawnSync('cc', ['-O2', '-march=native', '-ffp-contract=off', source, '-o', binary], {
      encoding: 'utf8',
    });
    if (build.error || build.status !== 0)
      return `no C compiler peak (cc: ${build.error?.message ?? build.stderr.trim().split('\n')[0]})`;
    const run = spawnSync(binary, [], { encoding: 'utf8' });
    if (run.status !== 0) return `the FMA loop failed: ${run.stderr.trim()}`;
    return JSON.parse(run.stdout) as NativePeak;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** GFLOP/s of the WASM kernel's 128-bit loop in this runtime (best of 7). */
export async function wasmPeak(variant: KernelVariant): Promise<number> {
  const kernel = await kernelInstance(variant);
  const iterations = 5_000_000;
  kernel.exports.peakLoop(10_000, 1);
  let best = Infinity;
  for (let i = 0; i < 7; i++) {
    const start = performance.now();
    kernel.exports.peakLoop(iterations, 1);
    best = Math.min(best, performance.now() - start);
  }
  return (iterations * 12 * 8) / (best / 1000) / 1e9;
}
