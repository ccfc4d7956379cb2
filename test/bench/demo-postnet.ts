/**
 * Bench section `demo-postnet`: the bundled demo post-net's held-out figure, recomputed by our
 * engine (the blur of shared/demo/smoothing.ts, the post-net on the TypeScript backend) from the
 * committed held-out set, clip by clip, beside PyTorch's (test/fixtures/demo-postnet/pytorch.npz).
 * The MSE to the clean mel is over the cells where clean > −9.
 *
 *   npm run bench -- demo-postnet
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fastBackend } from '../../shared/backend/fast/fast-backend';
import { maskedMse, smoothLikeDecoder } from '../../shared/demo/smoothing';
import { DEMO_WEIGHTS_FILE, demoWeightsFromBytes } from '../../shared/demo/weights';
import { parseNpz } from '../../shared/formats/npz';
import { TACOTRON2_MEL } from '../../shared/mel/config';
import { processSpectrogram } from '../../shared/pipeline/process';
import { toFloat32 } from '../../shared/tensor';
import { readFixture } from '../helpers/fixtures';
import { sectionOptions } from './args';
import type { BenchSection } from './timing';

interface Clip {
  key: string;
  voice?: string;
  source: string;
  file?: string;
}

export const demoPostnetSection: BenchSection = {
  name: 'demo-postnet',
  title: 'the demo post-net on the held-out set: MSE to the clean mel, smoothed input vs output',
  async run(args) {
    sectionOptions('demo-postnet', args, {});
    const bytes = new Uint8Array(
      readFileSync(join(import.meta.dirname, '..', '..', 'resources', DEMO_WEIGHTS_FILE)),
    );
    const { stack } = demoWeightsFromBytes(bytes, 80);
    const held = parseNpz(readFixture('demo-postnet', 'heldout.npz'), 'heldout.npz');
    const manifest = JSON.parse(new TextDecoder().decode(readFixture('demo-postnet', 'heldout.json'))) as {
      clips: Clip[];
    };
    const pytorch = parseNpz(readFixture('demo-postnet', 'pytorch.npz'), 'pytorch.npz');
    let sumIn = 0;
    let sumOut = 0;
    let cells = 0;
    for (const clip of manifest.clips) {
      const clean = toFloat32(held.get(clip.key)!);
      const nFrames = clean.length / 80;
      const blurred = smoothLikeDecoder(clean, 80, nFrames);
      const mel = {
        data: blurred,
        nMels: 80,
        nFrames,
        config: { ...TACOTRON2_MEL },
        source: { name: clip.key, kind: 'npy' as const },
      };
      const { output } = await processSpectrogram(stack, mel, { backend: fastBackend });
      const before = maskedMse(blurred, clean);
      const after = maskedMse(output, clean);
      sumIn += before.sumSquared;
      sumOut += after.sumSquared;
      cells += before.cells;
      const what = `${clip.key} ${clip.source.split(' ')[0]} ${clip.voice ?? clip.file?.replace('sense_and_sensibility_01_austen_64kb-', 'LibriVox ') ?? ''}`;
      const lower = (100 * (1 - after.mse / before.mse)).toFixed(1);
      console.log(
        `  ${what.padEnd(64)} MSE ${before.mse.toFixed(4)} → ${after.mse.toFixed(4)} (${lower} % lower)`,
      );
    }
    const reduction = 1 - sumOut / sumIn;
    const torch = pytorch.get('reduction')!.data[0]!;
    console.log(
      `  all ${cells} cells: MSE ${(sumIn / cells).toFixed(4)} → ${(sumOut / cells).toFixed(4)}, ` +
        `${(100 * reduction).toFixed(1)} % lower (PyTorch: ${(100 * torch).toFixed(1)} %; target ≥ 40 %)`,
    );
  },
};
