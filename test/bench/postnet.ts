/**
 * Post-net speed: the Tacotron 2 post-net (80 → 512 ×4 → 80, k = 5) over 862 frames (10 s at hop
 * 256, 22.05 kHz) with our backends, and the same model in PyTorch in the same run (1 thread and
 * its default) when /usr/bin/python3 has torch. Medians of several runs; ratios within this run.
 *
 *   npx tsx test/bench/postnet.ts [--frames 862] [--runs 7]
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { fastBackend } from '../../shared/backend/fast/fastBackend';
import { referenceBackend } from '../../shared/backend/reference/referenceBackend';
import type { Backend } from '../../shared/backend/types';
import { layerMacs } from '../../shared/model/geometry';
import type { Conv1dStack } from '../../shared/model/types';
import { SeededRandom } from '../../shared/model/rng';
import { defaultWeights } from '../../shared/pipeline/weights';

const PYTHON = '/usr/bin/python3';

export interface PostnetBenchResult {
  frames: number;
  gflop: number;
  ours: { name: string; medianMs: number; gflops: number }[];
  torch: { threads: number; medianMs: number; gflops: number }[];
  torchNote: string | null;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** FLOPs of one pass: 2 per multiply-accumulate (what PyTorch profilers count too). */
export function stackFlops(stack: Conv1dStack, frames: number): number {
  return stack.layers.reduce((sum, layer) => sum + 2 * layerMacs(layer, frames), 0);
}

async function timeBackend(
  backend: Backend,
  stack: Conv1dStack,
  frames: number,
  runs: number,
): Promise<number> {
  const input = {
    nChannels: 80,
    nFrames: frames,
    data: new SeededRandom(1).fillUniform(80 * frames, -11.5, 1),
  };
  await backend.run(stack, input); // warm-up: JIT and the folded-weight cache
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await backend.run(stack, input);
    times.push(performance.now() - start);
  }
  return median(times);
}

const TORCH_SCRIPT = `
import json, statistics, sys, time
import torch
from torch import nn
frames, runs = int(sys.argv[1]), int(sys.argv[2])
default_threads = torch.get_num_threads()
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
x = torch.randn(1, 80, frames)
out = []
for threads in sorted({1, default_threads}):
    torch.set_num_threads(threads)
    with torch.no_grad():
        model(x)
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            model(x)
            times.append((time.perf_counter() - start) * 1000)
    out.append({"threads": threads, "medianMs": statistics.median(times)})
print(json.dumps({"torch": torch.__version__, "defaultThreads": default_threads, "results": out}))
`;

function timeTorch(
  frames: number,
  runs: number,
): { results: { threads: number; medianMs: number }[]; note: string } {
  if (!existsSync(PYTHON)) return { results: [], note: `${PYTHON} not found: PyTorch timing skipped` };
  const run = spawnSync(PYTHON, ['-c', TORCH_SCRIPT, String(frames), String(runs)], { encoding: 'utf8' });
  if (run.status !== 0) {
    return {
      results: [],
      note: `PyTorch timing skipped: ${(run.stderr || run.error?.message || '').trim().split('\n').at(-1)}`,
    };
  }
  const parsed = JSON.parse(run.stdout) as {
    torch: string;
    defaultThreads: number;
    results: { threads: number; medianMs: number }[];
  };
  return {
    results: parsed.results,
    note: `torch ${parsed.torch}, default ${parsed.defaultThreads} thread(s)`,
  };
}

export async function runPostnetBench(frames = 862, runs = 7): Promise<PostnetBenchResult> {
  const { stack } = defaultWeights();
  const flops = stackFlops(stack, frames);
  const gflop = flops / 1e9;
  const ours = [];
  const fastMs = await timeBackend(fastBackend, stack, frames, runs);
  ours.push({ name: fastBackend.name, medianMs: fastMs, gflops: gflop / (fastMs / 1000) });
  // The reference is ~10× slower: time it on a tenth of the frames and scale by the FLOPs.
  const refFrames = Math.max(8, Math.round(frames / 10));
  const refMs = (await timeBackend(referenceBackend, stack, refFrames, 1)) * (frames / refFrames);
  ours.push({
    name: `${referenceBackend.name} (${refFrames} frames, scaled)`,
    medianMs: refMs,
    gflops: gflop / (refMs / 1000),
  });
  const torch = timeTorch(frames, runs);
  return {
    frames,
    gflop,
    ours,
    torch: torch.results.map((r) => ({ ...r, gflops: gflop / (r.medianMs / 1000) })),
    torchNote: torch.note,
  };
}

export function formatPostnetBench(r: PostnetBenchResult): string {
  const lines = [
    `post-net (Tacotron 2, 80→512×4→80, k=5): ${r.frames} frames, ${r.gflop.toFixed(2)} GFLOP per pass`,
  ];
  const fast = r.ours[0]!;
  for (const o of r.ours)
    lines.push(
      `  ${o.name.padEnd(44)} ${o.medianMs.toFixed(0).padStart(7)} ms  ${o.gflops.toFixed(2).padStart(6)} GFLOP/s`,
    );
  for (const t of r.torch) {
    const name = `pytorch, ${t.threads} thread${t.threads === 1 ? '' : 's'}`;
    lines.push(
      `  ${name.padEnd(44)} ${t.medianMs.toFixed(0).padStart(7)} ms  ${t.gflops.toFixed(2).padStart(6)} GFLOP/s  ` +
        `(ours ${(t.medianMs / fast.medianMs).toFixed(2)}× its speed)`,
    );
  }
  if (r.torchNote) lines.push(`  ${r.torchNote}`);
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { frames: { type: 'string' }, runs: { type: 'string' } } });
  const result = await runPostnetBench(Number(values.frames ?? 862), Number(values.runs ?? 7));
  console.log(formatPostnetBench(result));
}
