import { describe, expect, it } from 'vitest';
import { analyzeWavOnPool } from '../../../electron/cli/mel-pool';
import { poolWorkerStarter } from '../../../electron/cli/pool-start';
import { WavFormatError } from '../../../shared/errors';
import { HIFIGAN_MEL, TACOTRON2_MEL } from '../../../shared/mel/config';
import { analyzeWav } from '../../../shared/pipeline/analyze';
import { makeWav, packFloats, packInts } from '../../helpers/make-wav';

/** The pool's workers from source, as `npm run cli` starts them. */
const start = poolWorkerStarter(new URL('../../../electron/cli/index.ts', import.meta.url).href);

function sameBits(a: Float32Array, b: Float32Array): string {
  if (a.length !== b.length) return `lengths ${a.length} and ${b.length}`;
  const x = new Uint32Array(a.buffer, a.byteOffset, a.length);
  const y = new Uint32Array(b.buffer, b.byteOffset, b.length);
  const i = x.findIndex((v, j) => v !== y[j]);
  return i === -1 ? 'identical' : `first difference at ${i}: ${a[i]} vs ${b[i]}`;
}

function chirp(n: number): number[] {
  return Array.from({ length: n }, (_, i) => Math.round(12000 * Math.sin(i * 1e-6 * i)));
}

describe('a WAV’s mel on the CLI worker pool', () => {
  it('2 workers, uneven ranges, resampled and not, both presets: analyzeWav’s numbers bit for bit', async () => {
    for (const rateHz of [22050, 16000]) {
      const bytes = makeWav({ sampleRateHz: rateHz, nChannels: 2, data: packInts(chirp(2 * 30_001), 16) });
      for (const config of [TACOTRON2_MEL, HIFIGAN_MEL]) {
        const one = analyzeWav(bytes, 'a.wav', config);
        const pooled = await analyzeWavOnPool(bytes, 'a.wav', config, {
          start,
          workers: 2,
          minFrames: 0,
          chunkFrames: 13,
        });
        expect(sameBits(pooled.mel.data, one.mel.data), `${rateHz} Hz ${config.preset}`).toBe('identical');
        expect(pooled.audio).toEqual(one.audio);
        expect(pooled.mel.nFrames).toBe(one.mel.nFrames);
      }
    }
  }, 60_000);

  it('NaN in float data fails as analyzeWav does: the file and the first bad sample named', async () => {
    const values = Array.from({ length: 40_000 }, (_, i) => Math.sin(i * 0.01) * 0.5);
    values[31_234] = NaN;
    values[35_000] = NaN;
    const bytes = makeWav({ formatTag: 3, bitsPerSample: 32, data: packFloats(values, 32) });
    const run = analyzeWavOnPool(bytes, 'nan.wav', TACOTRON2_MEL, {
      start,
      workers: 2,
      minFrames: 0,
      chunkFrames: 9,
    });
    await expect(run).rejects.toThrow(WavFormatError);
    await expect(
      analyzeWavOnPool(bytes, 'nan.wav', TACOTRON2_MEL, { start, workers: 2, minFrames: 0, chunkFrames: 9 }),
    ).rejects.toThrow(/^nan\.wav: the WAV's float data holds NaN at sample 31234 /);
  }, 60_000);
});
