import { describe, expect, it } from 'vitest';
import { poolChunkFrames, runOnPool } from '../../../electron/cli/pool';
import { poolWorkerStarter } from '../../../electron/cli/pool-start';
import { fastBackend } from '../../../shared/backend/fast/fast-backend';
import { wasmBackend } from '../../../shared/backend/wasm/embedded';
import { CancelledError } from '../../../shared/errors';
import { buildStack } from '../../../shared/model/build';
import { initPostnetTensors } from '../../../shared/model/defaults';
import { SeededRandom } from '../../../shared/model/rng';

/** The pool's workers from source, as `npm run cli` starts them. */
const start = poolWorkerStarter(new URL('../../../electron/cli/index.ts', import.meta.url).href);
const { stack } = buildStack(
  initPostnetTensors(new SeededRandom(21), { nMels: 80, embeddingDim: 96, kernelSize: 5, nConvolutions: 5 }),
);
const frames = 1300;
const input = {
  nChannels: 80,
  nFrames: frames,
  data: new SeededRandom(22).fillUniform(80 * frames, -11.5, 1),
};

function identical(a: Float32Array, b: Float32Array): string {
  if (a.length !== b.length) return `lengths ${a.length} and ${b.length}`;
  const i = a.findIndex((v, j) => !Object.is(v, b[j]));
  return i === -1 ? 'identical' : `first difference at ${i}: ${a[i]} vs ${b[i]}`;
}

describe('the CLI worker pool', () => {
  it('splits a long input into one chunk per worker, or 2,400-frame chunks past that', () => {
    expect(poolChunkFrames(862, 2)).toBe(432);
    expect(poolChunkFrames(86_200, 2)).toBe(2400);
  });

  it.each(['wasm', 'js'] as const)(
    '%s on 2 workers gives the one-thread run bit for bit, kept layers too',
    async (kind) => {
      const one = await (kind === 'wasm' ? wasmBackend() : fastBackend).run(stack, input, {
        keepActivations: [1],
      });
      const fractions: number[] = [];
      const pooled = await runOnPool({
        kind,
        workers: 2,
        stack,
        input,
        lastLayer: 4,
        options: { keepActivations: [1], onProgress: (p) => fractions.push(p.fraction) },
        start,
      });
      expect(identical(pooled.output.data, one.output.data)).toBe('identical');
      expect(identical(pooled.activations!.get(1)!.data, one.activations!.get(1)!.data)).toBe('identical');
      expect(fractions.at(-1)).toBe(1);
    },
  );

  it('stops handing out chunks once cancelled, with CancelledError', async () => {
    const signal = { aborted: false };
    const run = runOnPool({
      kind: 'js',
      workers: 1,
      stack,
      input: { ...input, nFrames: 2000, data: new SeededRandom(23).fillUniform(80 * 2000, -11.5, 1) },
      lastLayer: 4,
      options: { signal, onProgress: () => (signal.aborted = true) },
      start,
    });
    await expect(run).rejects.toThrow(CancelledError);
  });

  it('fails with the worker’s error when a chunk fails there', async () => {
    const broken = {
      ...stack,
      layers: [{ ...stack.layers[0]!, activation: 'gelu' as never }, ...stack.layers.slice(1)],
    };
    await expect(
      runOnPool({ kind: 'js', workers: 2, stack: broken, input, lastLayer: 4, options: {}, start }),
    ).rejects.toThrow(/gelu/);
  });
});
