/**
 * Bench section `layers`: what one layer's output costs through the real worker, before and after
 * `layerOutput`, in the same run. Before: a `process` job keeping that layer (the whole stack runs,
 * and output and residual travel back with it). After: a `layer-output` job (layers 0 … L only,
 * only that layer's data back). 10 s of audio (862 frames) unless told, default Tacotron 2 post-net; runs are
 * interleaved (before, after, before, …) so a busy machine slows both alike.
 *
 *   npm run bench -- layers          or   npx tsx test/bench/layers.ts [--runs 7] [--seconds 10]
 */
import { bytesHeld } from '../../shared/host/kept';
import { layerMacs } from '../../shared/model/geometry';
import { TACOTRON2_MEL } from '../../shared/mel/config';
import { analyzeWav } from '../../shared/pipeline/analyze';
import { defaultWeights } from '../../shared/weights/load';
import { createTestOwner } from '../electron/worker/start-worker';
import { medianOf } from '../helpers/median';
import { runSections, sectionOptions } from './args';
import { ms, row, timeOnce, type BenchSection } from './timing';
import { toneWav } from './worker';
import { wholeProcessJob } from '../helpers/chunk-jobs';

const LAYERS = [0, 2, 4] as const;

export interface LayerTiming {
  layer: number;
  beforeMs: number;
  afterMs: number;
  /** Multiply-accumulates of layers 0 … layer over those of the whole stack: the ideal ratio. */
  macShare: number;
  beforeBytes: number;
  afterBytes: number;
}

export interface LayersBench {
  seconds: number;
  nFrames: number;
  rows: LayerTiming[];
}

export async function runLayersBench(runs = 7, seconds = 10): Promise<LayersBench> {
  const mel = analyzeWav(toneWav(seconds), 'tone.wav', TACOTRON2_MEL).mel;
  const { stack } = defaultWeights();
  const macs = stack.layers.map((layer) => layerMacs(layer, mel.nFrames));
  const total = macs.reduce((a, b) => a + b, 0);
  const owner = createTestOwner();
  try {
    await owner.run({ kind: 'load-default-weights', weightsId: 'w' });
    // before: the whole stack's output (what a process run computes); after: the layer's chunk alone.
    const before = (_layer: number) => owner.run(wholeProcessJob('w', mel, stack.layers.length - 1, 'auto'));
    const after = (layer: number) =>
      owner.run({
        ...wholeProcessJob('w', mel, layer, 'auto'),
        kind: 'layer-chunk',
        step: 1,
        reduce: 'absmax',
      });
    for (const layer of LAYERS) await Promise.all([before(layer), after(layer)]); // warm-up (JIT, folding)
    const rows: LayerTiming[] = [];
    for (const layer of LAYERS) {
      const beforeTimes: number[] = [];
      const afterTimes: number[] = [];
      let beforeBytes = 0;
      let afterBytes = 0;
      for (let i = 0; i < runs; i++) {
        beforeTimes.push(
          await timeOnce(async () => {
            beforeBytes = bytesHeld([await before(layer)]); // distinct buffers, as they travel
          }),
        );
        afterTimes.push(
          await timeOnce(async () => void (afterBytes = (await after(layer)).columns.data.byteLength)),
        );
      }
      rows.push({
        layer,
        beforeMs: medianOf(beforeTimes),
        afterMs: medianOf(afterTimes),
        macShare: macs.slice(0, layer + 1).reduce((a, b) => a + b, 0) / total,
        beforeBytes,
        afterBytes,
      });
    }
    return { seconds, nFrames: mel.nFrames, rows };
  } finally {
    await owner.dispose();
  }
}

export function formatLayersBench({ seconds, nFrames, rows }: LayersBench): string {
  const widths = [8, 30, 24, 14, 12];
  const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
  return [
    `  one layer's output of the default post-net over ${nFrames} frames (${seconds} s), through the worker; medians:`,
    row(
      ['layer', 'before: process + activations', 'after: layer-output', 'after/before', 'MAC share'],
      widths,
    ),
    ...rows.map((r) =>
      row(
        [
          `conv ${r.layer}`,
          `${ms(r.beforeMs)} (${mb(r.beforeBytes)} back)`,
          `${ms(r.afterMs)} (${mb(r.afterBytes)} back)`,
          `${(r.afterMs / r.beforeMs).toFixed(2)}×`,
          `${(100 * r.macShare).toFixed(1)} %`,
        ],
        widths,
      ),
    ),
  ].join('\n');
}

export const layersSection: BenchSection = {
  name: 'layers',
  title: 'one layer output: the whole stack (before) vs stopping after the layer (after)',
  async run(args) {
    const options = sectionOptions('layers', args, { runs: 'integer', seconds: 'integer' });
    console.log(formatLayersBench(await runLayersBench(options.runs ?? 7, options.seconds ?? 10)));
  },
};

if (import.meta.url === `file://${process.argv[1]}`) {
  await runSections(() => [{ section: layersSection, args: process.argv.slice(2) }]);
}
