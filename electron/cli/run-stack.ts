/**
 * The selected backend as the Backend the pipeline runs: WASM and TypeScript go over the worker
 * pool (pool.ts) when there are several cores and the input is long enough to pay for starting
 * the workers; native runs in-process on its own threads (one session with a thread per core was
 * faster here than a pool of one-thread sessions: docs/engine.md).
 */
import { planStack } from '../../shared/backend/plan';
import type { Backend } from '../../shared/backend/types';
import type { SelectedBackend } from './backend';
import { poolWorkerAvailable, runOnPool } from './pool';

/** Below this many frames one thread is about as fast as starting workers (docs/engine.md). */
export const MIN_POOL_FRAMES = 1000;

export function runOnSelected(selected: SelectedBackend): Backend {
  const { backend, kind, threads } = selected;
  if (kind === 'native' || threads <= 1 || !poolWorkerAvailable()) return backend;
  const pooled = (frames: number) => frames >= MIN_POOL_FRAMES;
  return {
    name: `${backend.name} on ${threads} worker threads`,
    async run(stack, input, options = {}) {
      if (!pooled(input.nFrames)) return backend.run(stack, input, options);
      planStack(stack, input);
      return runOnPool({ kind, workers: threads, stack, input, lastLayer: stack.layers.length - 1, options });
    },
    async runUntil(stack, input, options) {
      if (!pooled(input.nFrames)) return backend.runUntil(stack, input, options);
      const { stopAfterLayer } = options;
      planStack(stack, input, stopAfterLayer);
      const result = await runOnPool({
        kind,
        workers: threads,
        stack,
        input,
        lastLayer: stopAfterLayer,
        options,
      });
      const activations = new Map(result.activations ?? []);
      activations.set(stopAfterLayer, result.residual);
      return { stoppedAfterLayer: stopAfterLayer, activations };
    },
    runChunk: (stack, input, plan, index, options) => backend.runChunk(stack, input, plan, index, options),
  };
}
