/**
 * Post-net speed: the Tacotron 2 post-net (80 → 512 ×4 → 80, k = 5) over 862 frames (10 s at hop
 * 256, 22.05 kHz) with our backends, and the same model in PyTorch in the same run (1 thread and
 * its default) when /usr/bin/python3 has torch. Medians of several runs; ratios within this run.
 *
 *   npx tsx test/bench/postnet.ts [--frames 862] [--runs 7] [--accuracy]
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
import { buildStack } from '../../shared/model/build';
import { defaultWeights, loadWeights } from '../../shared/pipeline/weights';
import { compareArrays } from '../helpers/close';
import { readFixture } from '../helpers/fixtures';
import {
  floatsOf,
  functionalLayer,
  readJsonFixture,
  readNpzFixture,
  scaleOf,
  type FunctionalCase,
} from '../shared/backend/fixtures';
import { fullPostnetTensors } from '../shared/backend/seededPostnet';

const PYTHON = '/usr/bin/python3';

export interface PostnetBenchResult {
  frames: number;
  gflop: number;
  ours: { name: string; medianMs: number; minMs: number; gflops: number }[];
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
  return { median: median(times), min: Math.min(...times) };
}

const TORCH_SCRIPT = `
import json, os, statistics, sys, time
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
for threads in sorted({1, default_threads, os.cpu_count() or 1}):
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
  const gflop = stackFlops(stack, frames) / 1e9;
  const fast = await timeBackend(fastBackend, stack, frames, runs);
  // The reference is ~8× slower: time it on a tenth of the frames and scale by the FLOPs.
  const refFrames = Math.max(8, Math.round(frames / 10));
  const ref = await timeBackend(referenceBackend, stack, refFrames, 1);
  const scale = frames / refFrames;
  const ours = [
    { name: fastBackend.name, medianMs: fast.median, minMs: fast.min, gflops: gflop / (fast.median / 1000) },
    {
      name: `${referenceBackend.name} (${refFrames} frames, scaled)`,
      medianMs: ref.median * scale,
      minMs: ref.min * scale,
      gflops: gflop / ((ref.median * scale) / 1000),
    },
  ];
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
    `post-net (Tacotron 2, 80→512×4→80, k=5): ${r.frames} frames, ${r.gflop.toFixed(2)} GFLOP per pass; medians`,
  ];
  const fast = r.ours[0]!;
  for (const o of r.ours) {
    lines.push(
      `  ${o.name.padEnd(44)} ${o.medianMs.toFixed(0).padStart(7)} ms  ${o.gflops.toFixed(2).padStart(6)} GFLOP/s` +
        `  (best ${o.minMs.toFixed(0)} ms)`,
    );
  }
  for (const t of r.torch) {
    const name = `pytorch, ${t.threads} thread${t.threads === 1 ? '' : 's'}`;
    lines.push(
      `  ${name.padEnd(44)} ${t.medianMs.toFixed(0).padStart(7)} ms  ${t.gflops.toFixed(2).padStart(6)} GFLOP/s` +
        `  (${(fast.medianMs / t.medianMs).toFixed(1)}× faster than ours)`,
    );
  }
  if (r.torchNote) lines.push(`  ${r.torchNote}`);
  return lines.join('\n');
}

export interface AccuracyRow {
  family: string;
  backend: string;
  cases: number;
  /** Largest |ours − PyTorch| over all values of all cases. */
  maxAbs: number;
  /** Largest |ours − PyTorch| / max|PyTorch| of a case (normwise relative error). */
  maxNormRel: number;
}

type Case = { name: string; run: (backend: Backend) => Promise<Float32Array>; expected: ArrayLike<number> };

function accuracyCases(): [string, Case[]][] {
  const functional = readNpzFixture('conv', 'functional.npz');
  const modules = readNpzFixture('conv', 'modules.npz');
  const single = (c: FunctionalCase): Conv1dStack => ({
    kind: c.name,
    layout: 'sequential',
    layers: [functionalLayer(c, functional)],
    residual: false,
  });
  const loaded = (...parts: string[]) =>
    loadWeights([{ name: parts.at(-1)!, bytes: readFixture(...parts) }]).stack;
  const runOn =
    (stack: Conv1dStack, x: Float32Array, pick: 'residual' | 'output' = 'residual') =>
    async (b: Backend) => {
      const nChannels = stack.layers[0]!.inChannels;
      return (await b.run(stack, { nChannels, nFrames: x.length / nChannels, data: x }))[pick].data;
    };
  const small = readNpzFixture('weights', 'postnet_small', 'io.npz');
  const seven = readNpzFixture('weights', 'postnet7_k7', 'io.npz');
  const encoder = readNpzFixture('weights', 'encoder_small', 'io.npz');
  const full = readNpzFixture('conv', 'postnet_full.npz');
  const speech = readNpzFixture('conv', 'default_postnet_speech.npz');
  const fullStack = buildStack(fullPostnetTensors()).stack;
  const names = ['tanh_bn_k5', 'relu_bn_k3_k1_k7', 'strided_dilated_grouped', 'residual_16_24_16_k3'];
  return [
    [
      'F.conv1d (k 1/3/4/5/7, stride, dilation, groups, same)',
      readJsonFixture<FunctionalCase[]>('conv', 'functional.json').map((c) => ({
        name: c.name,
        run: runOn(single(c), floatsOf(functional, `${c.name}.x`)),
        expected: floatsOf(functional, `${c.name}.y`),
      })),
    ],
    [
      'nn.Sequential + eval BatchNorm (explicit JSON)',
      names.map((n) => ({
        name: n,
        run: runOn(loaded('conv', 'modules', `${n}.json`), floatsOf(modules, `${n}.x`)),
        expected: floatsOf(modules, `${n}.y`),
      })),
    ],
    [
      'Tacotron 2 Postnet small / 7-layer k7 / Encoder convs',
      [
        {
          name: 'small',
          run: runOn(loaded('weights', 'postnet_small', 'postnet.npz'), floatsOf(small, 'x'), 'output'),
          expected: floatsOf(small, 'output'),
        },
        {
          name: 'seven',
          run: runOn(loaded('weights', 'postnet7_k7', 'postnet.npz'), floatsOf(seven, 'x'), 'output'),
          expected: floatsOf(seven, 'output'),
        },
        {
          name: 'encoder',
          run: runOn(loaded('weights', 'encoder_small', 'tacotron2_fragment.npz'), floatsOf(encoder, 'x')),
          expected: floatsOf(encoder, 'y'),
        },
      ],
    ],
    [
      'full-size post-net vs torch float32 (residual)',
      [{ name: 'full', run: runOn(fullStack, floatsOf(full, 'x')), expected: floatsOf(full, 'residual') }],
    ],
    [
      'full-size post-net vs torch float64 (residual)',
      [
        {
          name: 'full64',
          run: runOn(fullStack, floatsOf(full, 'x')),
          expected: full.get('residual64')!.data,
        },
      ],
    ],
    [
      'default post-net on a speech mel vs torch float32 (output)',
      [
        {
          name: 'speech',
          run: runOn(defaultWeights().stack, floatsOf(speech, 'x'), 'output'),
          expected: floatsOf(speech, 'output'),
        },
      ],
    ],
  ];
}

/** Our error against every PyTorch fixture family, per backend. */
export async function runAccuracyReport(): Promise<AccuracyRow[]> {
  const rows: AccuracyRow[] = [];
  for (const [family, cases] of accuracyCases()) {
    for (const backend of [fastBackend, referenceBackend]) {
      let maxAbs = 0;
      let maxNormRel = 0;
      for (const c of cases) {
        const ours = await c.run(backend);
        const comparison = compareArrays(ours, c.expected, { atol: Infinity });
        maxAbs = Math.max(maxAbs, comparison.maxAbsError);
        maxNormRel = Math.max(maxNormRel, comparison.maxAbsError / scaleOf(c.expected));
      }
      rows.push({ family, backend: backend.name, cases: cases.length, maxAbs, maxNormRel });
    }
  }
  return rows;
}

export function formatAccuracy(rows: readonly AccuracyRow[]): string {
  const lines = ['accuracy against PyTorch fixtures (max |Δ|, and max |Δ| / max|expected| per case):'];
  for (const r of rows) {
    lines.push(
      `  ${r.family.padEnd(58)} ${r.backend.padEnd(20)} ${String(r.cases).padStart(2)} cases  ` +
        `abs ${r.maxAbs.toExponential(2)}  rel ${r.maxNormRel.toExponential(2)}`,
    );
  }
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: { frames: { type: 'string' }, runs: { type: 'string' }, accuracy: { type: 'boolean' } },
  });
  if (values.accuracy) console.log(formatAccuracy(await runAccuracyReport()));
  const result = await runPostnetBench(Number(values.frames ?? 862), Number(values.runs ?? 7));
  console.log(formatPostnetBench(result));
}
