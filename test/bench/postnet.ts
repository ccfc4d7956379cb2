/**
 * Bench section `postnet`: the Tacotron 2 post-net (80 → 512 ×4 → 80, k = 5) over 862 frames
 * (10 s at hop 256, 22.05 kHz) with our backends, and the same model in PyTorch in the same run
 * (1 thread, its default, and every core) when /usr/bin/python3 has torch; then our error against
 * every PyTorch fixture family. Wall and CPU-time medians (the machine is shared: CPU time leaves
 * out the time spent waiting for a core).
 *
 *   npm run bench -- postnet          or   npx tsx test/bench/postnet.ts [--frames 862] [--runs 7]
 */
import { fastBackend } from '../../shared/backend/fast/fast-backend';
import { referenceBackend } from '../../shared/backend/reference/reference-backend';
import type { Backend } from '../../shared/backend/types';
import { buildStack } from '../../shared/model/build';
import { layerMacs } from '../../shared/model/geometry';
import { SeededRandom } from '../../shared/model/rng';
import type { Conv1dStack } from '../../shared/model/types';
import { defaultWeights, loadWeights } from '../../shared/weights/load';
import { compareArrays } from '../helpers/close';
import { readFixture } from '../helpers/fixtures';
import { medianOf } from '../helpers/median';
import {
  floatsOf,
  functionalLayer,
  readJsonFixture,
  readNpzFixture,
  scaleOf,
  type FunctionalCase,
  residualOutputOf,
} from '../shared/backend/fixtures';
import { fullPostnetTensors } from '../shared/backend/seeded-postnet';
import { runSections, sectionOptions } from './args';
import { ms, type BenchSection, type Measured } from './timing';
import { runTorch, torchAvailability } from './torch';

/** The target for the fast backend on this model, single thread. */
const TARGET_GFLOPS = 4;

/** FLOPs of one pass: 2 per multiply-accumulate (what PyTorch profilers count too). */
export function stackFlops(stack: Conv1dStack, frames: number): number {
  return stack.layers.reduce((sum, layer) => sum + 2 * layerMacs(layer, frames), 0);
}

interface Timed extends Measured {
  minMs: number;
}

/** Wall and CPU medians of `backend.run` after one warm-up run (JIT, folded-weight cache). */
async function timeBackend(
  backend: Backend,
  stack: Conv1dStack,
  frames: number,
  runs: number,
): Promise<Timed> {
  const input = {
    nChannels: 80,
    nFrames: frames,
    data: new SeededRandom(1).fillUniform(80 * frames, -11.5, 1),
  };
  await backend.run(stack, input);
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    await backend.run(stack, input);
    wall.push(performance.now() - start);
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1000);
  }
  return { wallMs: medianOf(wall), cpuMs: medianOf(cpu), minMs: Math.min(...wall) };
}

const TORCH_SCRIPT = `
import os
from torch import nn
frames, runs = args["frames"], args["runs"]
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
default_threads = torch.get_num_threads()
results = []
for threads in sorted({1, default_threads, os.cpu_count() or 1}):
    torch.set_num_threads(threads)
    with torch.no_grad():
        results.append({"threads": threads, "default": threads == default_threads, **median_ms(lambda: model(x), runs, 1)})
print(json.dumps(results))
`;

interface TorchTime extends Measured {
  threads: number;
  default: boolean;
}

export interface PostnetBenchResult {
  frames: number;
  gflop: number;
  fast: Timed;
  /** The reference timed on a tenth of the frames, scaled up by the FLOPs. */
  reference: Timed & { frames: number };
  torch: TorchTime[] | string;
}

export async function runPostnetBench(frames = 862, runs = 7): Promise<PostnetBenchResult> {
  const { stack } = defaultWeights();
  const gflop = stackFlops(stack, frames) / 1e9;
  const fast = await timeBackend(fastBackend, stack, frames, runs);
  const refFrames = Math.max(8, Math.round(frames / 10));
  const ref = await timeBackend(referenceBackend, stack, refFrames, 1);
  const scale = frames / refFrames;
  const reference = {
    wallMs: ref.wallMs * scale,
    cpuMs: ref.cpuMs * scale,
    minMs: ref.minMs * scale,
    frames: refFrames,
  };
  const torchRun = runTorch<TorchTime[]>(TORCH_SCRIPT, { frames, runs });
  return { frames, gflop, fast, reference, torch: torchRun.ok ? torchRun.result : torchRun.reason };
}

export function formatPostnetBench(r: PostnetBenchResult): string {
  const gflops = (m: Measured) =>
    `${(r.gflop / (m.wallMs / 1000)).toFixed(2).padStart(6)} GFLOP/s (cpu ${(r.gflop / (m.cpuMs / 1000)).toFixed(2)})`;
  const line = (label: string, m: Measured, extra = '') =>
    `  ${label.padEnd(44)} ${ms(m.wallMs).padStart(10)} (cpu ${ms(m.cpuMs).padStart(10)})  ${gflops(m)}${extra}`;
  const lines = [
    `Tacotron 2 post-net, 80→512×4→80, k=5: ${r.frames} frames, ${r.gflop.toFixed(2)} GFLOP per pass; medians`,
    line(fastBackend.name, r.fast, `  best ${ms(r.fast.minMs)}; target ≥ ${TARGET_GFLOPS} GFLOP/s`),
    line(
      `${referenceBackend.name} (${r.reference.frames} frames, ×${(r.frames / r.reference.frames).toFixed(1)})`,
      r.reference,
    ),
  ];
  if (typeof r.torch === 'string') {
    lines.push(`  pytorch: ${r.torch}`);
  } else {
    for (const t of r.torch) {
      const label = `pytorch, ${t.threads} thread${t.threads === 1 ? '' : 's'}${t.default ? ' (its default)' : ''}`;
      const ratio = `  ours/torch ${(r.fast.wallMs / t.wallMs).toFixed(1)}× (cpu ${(r.fast.cpuMs / t.cpuMs).toFixed(1)}×)`;
      lines.push(line(label, t, ratio));
    }
  }
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
          expected: residualOutputOf(speech),
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

/**
 * How far PyTorch's own float32 result is from its float64 one on the full-size post-net (both
 * committed in postnet_full.npz): the scale of error float32 accumulation brings, beside ours.
 */
export function torchFloat32Gap(): { maxAbs: number; maxNormRel: number } {
  const full = readNpzFixture('conv', 'postnet_full.npz');
  const float64 = full.get('residual64')!.data;
  const { maxAbsError } = compareArrays(floatsOf(full, 'residual'), float64, { atol: Infinity });
  return { maxAbs: maxAbsError, maxNormRel: maxAbsError / scaleOf(float64) };
}

export function formatTorchGap({ maxAbs, maxNormRel }: ReturnType<typeof torchFloat32Gap>): string {
  return (
    `  ${"PyTorch's own float32 vs its float64 (full-size post-net)".padEnd(58)} ${'torch'.padEnd(20)}  1 cases  ` +
    `abs ${maxAbs.toExponential(2)}  rel ${maxNormRel.toExponential(2)}`
  );
}

export const postnetSection: BenchSection = {
  name: 'postnet',
  title: 'the Conv1d post-net: speed beside PyTorch, accuracy against PyTorch fixtures',
  async run(args) {
    const options = sectionOptions('postnet', args, {
      frames: 'integer',
      runs: 'integer',
      speed: 'boolean',
      accuracy: 'boolean',
    });
    // Neither flag (or both): speed and accuracy.
    const all = options.speed === options.accuracy;
    if (all || options.speed) {
      console.log(formatPostnetBench(await runPostnetBench(options.frames ?? 862, options.runs ?? 7)));
      const availability = torchAvailability();
      if (availability.ok) console.log(`  (${availability.version})`);
    }
    if (all || options.accuracy) {
      console.log(formatAccuracy(await runAccuracyReport()));
      console.log(formatTorchGap(torchFloat32Gap()));
    }
  },
};

if (import.meta.url === `file://${process.argv[1]}`) {
  await runSections(() => [{ section: postnetSection, args: process.argv.slice(2) }]);
}
