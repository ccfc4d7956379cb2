/**
 * The post-net's speed side by side, one run: every engine of ours at 1 thread and at one thread
 * per core, PyTorch at 1 thread and one per core, onnxruntime-node (our native backend, in one
 * session with N threads and as a pool of one-thread sessions), at T = 862, 8,620 and 86,200
 * frames (10 s, 100 s, 1,000 s of audio): medians, GFLOP/s, % of this CPU's measured FMA peak.
 * Relaxed SIMD is what Electron 45 and Chromium run; Node 20 has it behind a V8 flag, which the
 * bench turns on (setFlagsFromString) so both WASM builds run here. On a shared machine wall time
 * includes waiting for a core; CPU time (all threads of this process, or of PyTorch's) does not,
 * so both ratios to PyTorch at equal threads are printed.
 */
import { existsSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { availableParallelism } from 'node:os';
import { loadOnnxRuntime } from '../../electron/native/onnxruntime';
import { runOnPool } from '../../electron/cli/pool';
import { poolWorkerStarter } from '../../electron/cli/pool-start';
import type { PoolKind } from '../../electron/cli/pool-protocol';
import { fastBackend } from '../../shared/backend/fast/fast-backend';
import { nativeBackend } from '../../shared/backend/onnx/native-backend';
import type { Activations, Backend } from '../../shared/backend/types';
import { supportedVariants, wasmBackend } from '../../shared/backend/wasm/embedded';
import type { KernelVariant } from '../../shared/backend/wasm/kernel-instance';
import { SeededRandom } from '../../shared/model/rng';
import type { Conv1dStack } from '../../shared/model/types';
import { defaultWeights } from '../../shared/weights/load';
import { medianOf } from '../helpers/median';
import { nativePeak, wasmPeak, type NativePeak } from './peak';
import { layerMacs } from '../../shared/model/geometry';
import { runTorch } from './torch';

setFlagsFromString('--experimental-wasm-relaxed-simd');

/** FLOPs of one pass: 2 per multiply-accumulate (what PyTorch profilers count too). */
export function stackFlops(stack: Conv1dStack, frames: number): number {
  return stack.layers.reduce((sum, layer) => sum + 2 * layerMacs(layer, frames), 0);
}

export interface SpeedRow {
  engine: string;
  threads: number;
  frames: number;
  wallMs: number;
  cpuMs: number;
  runs: number;
}

export interface SpeedReport {
  rows: SpeedRow[];
  torch: SpeedRow[] | string;
  peak: NativePeak | string;
  wasmPeak: Partial<Record<KernelVariant, number>>;
  cores: number;
  gflopPerFrame: number;
}

/**
 * Pool workers as the built CLI starts them (out/main/cli-worker.js, after `npm run build`), or
 * from source under tsx, which compiles every worker's TypeScript on each start (seconds).
 */
const builtCli = new URL('../../out/main/cli.js', import.meta.url);
const poolFrom = existsSync(new URL('./cli-worker.js', builtCli))
  ? 'the built out/main/cli-worker.js'
  : 'source (tsx; run `npm run build` first for the built worker)';
const start = poolWorkerStarter(
  poolFrom.startsWith('the built')
    ? builtCli.href
    : new URL('../../electron/cli/index.ts', import.meta.url).href,
);

type Runner = (stack: Conv1dStack, input: Activations) => Promise<unknown>;

function pooled(kind: PoolKind, workers: number, variant?: KernelVariant): Runner {
  return (stack, input) =>
    runOnPool({
      kind,
      variant,
      workers,
      stack,
      input,
      lastLayer: stack.layers.length - 1,
      options: {},
      start,
    });
}

const direct =
  (backend: Backend): Runner =>
  (stack, input) =>
    backend.run(stack, input);

async function timeRunner(
  run: Runner,
  stack: Conv1dStack,
  frames: number,
  runs: number,
): Promise<Omit<SpeedRow, 'engine' | 'threads'>> {
  const input = {
    nChannels: 80,
    nFrames: frames,
    data: new SeededRandom(1).fillUniform(80 * frames, -11.5, 1),
  };
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const cpuStart = process.cpuUsage();
    const t0 = performance.now();
    await run(stack, input);
    wall.push(performance.now() - t0);
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1000);
  }
  return { frames, wallMs: medianOf(wall), cpuMs: medianOf(cpu), runs };
}

const TORCH_SPEED = `
import os
from torch import nn
def block(i, o):
    return nn.Sequential(nn.Conv1d(i, o, 5, padding=2), nn.BatchNorm1d(o))
class Postnet(nn.Module):
    def __init__(self):
        super().__init__()
        self.convolutions = nn.ModuleList([block(80, 512)] + [block(512, 512) for _ in range(3)] + [block(512, 80)])
    def forward(self, x):
        for conv in self.convolutions[:-1]:
            x = torch.tanh(conv(x))
        return self.convolutions[-1](x)
model = Postnet().eval()
rows = []
for frames, runs in args["plan"]:
    x = torch.randn(1, 80, frames)
    for threads in sorted({1, os.cpu_count() or 1}):
        torch.set_num_threads(threads)
        with torch.no_grad():
            rows.append({"engine": "pytorch", "threads": threads, "frames": frames, "runs": runs,
                         **median_ms(lambda: model(x), runs, 1)})
print(json.dumps(rows))
`;

/** Runs per length: a few medians where runs are short, one where a run takes seconds. */
export function runsFor(frames: number, runs?: number): number {
  return runs ?? (frames <= 1000 ? 5 : frames <= 10_000 ? 3 : 1);
}

export async function runSpeedBench(frameList: readonly number[], runs?: number): Promise<SpeedReport> {
  const { stack } = defaultWeights();
  const cores = availableParallelism();
  const engines: { engine: string; threads: number; run: Runner; maxFrames?: number }[] = [];
  const ort = await loadOnnxRuntime();
  if (ort.ok) {
    engines.push({
      engine: 'native onnxruntime (1 session)',
      threads: 1,
      run: direct(nativeBackend(ort.runtime, { threads: 1 })),
    });
    engines.push({
      engine: 'native onnxruntime (1 session)',
      threads: cores,
      run: direct(nativeBackend(ort.runtime, { threads: cores })),
    });
    engines.push({
      engine: 'native onnxruntime (pool of 1-thread)',
      threads: cores,
      run: pooled('native', cores),
    });
  }
  for (const variant of supportedVariants()) {
    engines.push({ engine: `wasm-${variant}`, threads: 1, run: direct(wasmBackend(variant)) });
    engines.push({ engine: `wasm-${variant} (pool)`, threads: cores, run: pooled('wasm', cores, variant) });
    engines.push({
      engine: `wasm-${variant}-direct (no Winograd)`,
      threads: 1,
      run: direct(wasmBackend(variant, { winograd: false })),
      maxFrames: 8620,
    });
  }
  engines.push({ engine: 'typescript-blocked', threads: 1, run: direct(fastBackend), maxFrames: 862 });
  engines.push({
    engine: 'typescript-blocked (pool)',
    threads: cores,
    run: pooled('js', cores),
    maxFrames: 862,
  });
  const rows: SpeedRow[] = [];
  // Warm-up: JIT, packed weights, sessions.
  for (const e of engines) await timeRunner(e.run, stack, 96, 1);
  for (const frames of frameList) {
    for (const e of engines) {
      if (e.maxFrames !== undefined && frames > e.maxFrames) continue;
      rows.push({
        engine: e.engine,
        threads: e.threads,
        ...(await timeRunner(e.run, stack, frames, runsFor(frames, runs))),
      });
    }
  }
  const torchRun = runTorch<SpeedRow[]>(TORCH_SPEED, { plan: frameList.map((f) => [f, runsFor(f, runs)]) });
  const wasm: Partial<Record<KernelVariant, number>> = {};
  for (const variant of supportedVariants()) wasm[variant] = await wasmPeak(variant);
  return {
    rows,
    torch: torchRun.ok ? torchRun.result : torchRun.reason,
    peak: nativePeak(),
    wasmPeak: wasm,
    cores,
    gflopPerFrame: stackFlops(stack, 1) / 1e9,
  };
}

/** The table: one block per length, ours and PyTorch, ms / GFLOP/s / % of peak / × PyTorch at equal threads. */
export function formatSpeed(r: SpeedReport): string {
  const peakPerCore =
    typeof r.peak === 'string' ? null : Math.max(r.peak.fma256, r.peak.fma512 ?? 0, r.peak.fma128);
  const lines: string[] = [];
  const wasmPeaks = Object.entries(r.wasmPeak)
    .map(([v, g]) => `wasm ${v} loop ${g!.toFixed(1)}`)
    .join(', ');
  lines.push(
    `pool workers: ${poolFrom}, kept between runs (the first run of each engine, a warm-up, starts them)`,
  );
  lines.push(
    typeof r.peak === 'string'
      ? `FMA peak: ${r.peak}; ${wasmPeaks} GFLOP/s per core`
      : `FMA peak per core (GFLOP/s, measured): 512-bit ${r.peak.fma512?.toFixed(1) ?? '—'}, 256-bit ${r.peak.fma256.toFixed(1)}, ` +
          `128-bit ${r.peak.fma128.toFixed(1)} (mul+add ${r.peak.muladd128.toFixed(1)}); ${wasmPeaks}; ${r.cores} cores`,
  );
  const torch = typeof r.torch === 'string' ? [] : r.torch;
  if (typeof r.torch === 'string') lines.push(`pytorch: ${r.torch}`);
  const frameList = [...new Set(r.rows.map((row) => row.frames))];
  for (const frames of frameList) {
    const gflop = r.gflopPerFrame * frames;
    lines.push(`T = ${frames} frames (${gflop.toFixed(1)} GFLOP per pass), medians:`);
    lines.push(
      `  ${'engine'.padEnd(40)} thr ${'ms'.padStart(10)} ${'cpu ms'.padStart(10)} ${'GFLOP/s'.padStart(8)} ${'% peak'.padStart(7)}  × pytorch (wall, cpu)`,
    );
    const all = [
      ...torch.filter((t) => t.frames === frames),
      ...r.rows.filter((row) => row.frames === frames),
    ];
    for (const row of all) {
      const gflops = gflop / (row.wallMs / 1000);
      const peak = peakPerCore ? `${((100 * gflops) / (peakPerCore * row.threads)).toFixed(0)}%` : '—';
      const reference = torch.find((t) => t.frames === frames && t.threads === row.threads);
      const ratio =
        reference && row.engine !== 'pytorch'
          ? `${(row.wallMs / reference.wallMs).toFixed(2)}×, ${(row.cpuMs / reference.cpuMs).toFixed(2)}×`
          : '';
      lines.push(
        `  ${row.engine.padEnd(40)} ${String(row.threads).padStart(3)} ${row.wallMs.toFixed(1).padStart(10)} ${row.cpuMs.toFixed(0).padStart(10)} ` +
          `${gflops.toFixed(1).padStart(8)} ${peak.padStart(7)}  ${ratio}`,
      );
    }
  }
  return lines.join('\n');
}
