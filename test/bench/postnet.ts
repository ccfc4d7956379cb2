/**
 * Bench section `postnet`: the Tacotron 2 post-net (80 → 512 ×4 → 80, k = 5) on every engine
 * beside PyTorch and onnxruntime in the same run (postnet-speed.ts), then every backend's error
 * against every PyTorch fixture family. Wall and CPU-time medians (the machine is shared: CPU time
 * leaves out the time spent waiting for a core).
 *
 *   npm run bench -- postnet [--frames N] [--runs N] [--speed | --accuracy]
 *   (or npx tsx test/bench/postnet.ts …); without --frames: T = 862, 8,620 and 86,200
 */
import { loadOnnxRuntime } from '../../electron/native/onnxruntime';
import { fastBackend } from '../../shared/backend/fast/fast-backend';
import { nativeBackend } from '../../shared/backend/onnx/native-backend';
import { supportedVariants, wasmBackend } from '../../shared/backend/wasm/embedded';
import { referenceBackend } from '../../shared/backend/reference/reference-backend';
import type { Backend } from '../../shared/backend/types';
import { buildStack } from '../../shared/model/build';
import type { Conv1dStack } from '../../shared/model/types';
import { defaultWeights, loadWeights } from '../../shared/weights/load';
import { compareArrays } from '../helpers/close';
import { readFixture } from '../helpers/fixtures';
import {
  floatsOf,
  functionalLayer,
  randomStack,
  type RandomStackCase,
  readJsonFixture,
  readNpzFixture,
  scaleOf,
  type FunctionalCase,
  residualOutputOf,
} from '../shared/backend/fixtures';
import { fullPostnetTensors } from '../shared/backend/seeded-postnet';
import { runSections, sectionOptions } from './args';
import { formatSpeed, runSpeedBench } from './postnet-speed';
import type { BenchSection } from './timing';
import { torchAvailability } from './torch';

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
  const randomArrays = readNpzFixture('conv', 'random_stacks.npz');
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
      'seeded random stacks (k 1…7, stride, dilation, groups, odd sizes)',
      readJsonFixture<RandomStackCase[]>('conv', 'random_stacks.json').map((c) => ({
        name: c.name,
        run: runOn(randomStack(c, randomArrays), floatsOf(randomArrays, `${c.name}.x`), 'output'),
        expected: floatsOf(randomArrays, `${c.name}.y`),
      })),
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

/** Every backend this runtime has: TypeScript, both WASM builds with and without Winograd, native. */
async function accuracyBackends(): Promise<Backend[]> {
  const backends: Backend[] = [fastBackend, referenceBackend];
  for (const variant of supportedVariants()) {
    backends.push(wasmBackend(variant), wasmBackend(variant, { winograd: false }));
  }
  const ort = await loadOnnxRuntime();
  if (ort.ok) backends.push(nativeBackend(ort.runtime, { threads: 1 }));
  return backends;
}

/** Our error against every PyTorch fixture family, per backend. */
export async function runAccuracyReport(): Promise<AccuracyRow[]> {
  const rows: AccuracyRow[] = [];
  const backends = await accuracyBackends();
  for (const [family, cases] of accuracyCases()) {
    for (const backend of backends) {
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
      `  ${r.family.padEnd(64)} ${r.backend.padEnd(36)} ${String(r.cases).padStart(2)} cases  ` +
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
    `  ${"PyTorch's own float32 vs its float64 (full-size post-net)".padEnd(64)} ${'torch'.padEnd(36)}  1 cases  ` +
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
      const frames = options.frames ? [options.frames] : [862, 8620, 86_200];
      console.log(formatSpeed(await runSpeedBench(frames, options.runs)));
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
