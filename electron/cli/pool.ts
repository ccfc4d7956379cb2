/**
 * The CLI's worker pool: one job's chunks (shared/backend/chunks.ts) spread over worker threads,
 * one engine per thread, put back together as one run's result (bit for bit the single-thread
 * run's, since each chunk computes its frames exactly as a whole run does). Workers take the next
 * chunk as they finish one; progress counts finished chunks; a cancelled run stops handing out
 * chunks and ends the workers. A pool lives for one run.
 */
import type { Worker } from 'node:worker_threads';
import { assembleChunks, sliceWindow } from '../../shared/backend/chunk-run';
import { planChunks } from '../../shared/backend/chunks';
import type { Activations, ChunkRunResult, RunOptions, RunResult } from '../../shared/backend/types';
import { throwIfCancelled } from '../../shared/cancel';
import type { Conv1dStack } from '../../shared/model/types';
import type { PoolKind, PoolReply, PoolRequest } from './pool-protocol';

/** How a pool starts one worker (the built bundle's file, or the TypeScript source under tsx). */
export type StartWorker = () => Worker;

let defaultStart: StartWorker | null = null;

/** Set by the CLI's entry point, which knows where the worker's code is; unset, runs stay on one thread. */
export function setPoolWorker(start: StartWorker | null): void {
  defaultStart = start;
}

export function poolWorkerAvailable(): boolean {
  return defaultStart !== null;
}

/**
 * Output frames per chunk for `workers` workers over `frames` frames: one chunk per worker for
 * short inputs (the halo and tile rounding cost ~30 frames per layer per chunk), chunks of 2,400
 * frames on long ones so finished workers pick up more and progress moves.
 */
export function poolChunkFrames(frames: number, workers: number): number {
  return Math.min(2400, Math.ceil(frames / workers / 24) * 24);
}

interface PoolRun {
  kind: PoolKind;
  workers: number;
  stack: Conv1dStack;
  input: Activations;
  lastLayer: number;
  options: RunOptions;
  start?: StartWorker;
}

function request(worker: Worker, message: PoolRequest, transfer: ArrayBuffer[] = []): Promise<PoolReply> {
  return new Promise((resolve, reject) => {
    const onMessage = (reply: PoolReply) => {
      worker.off('error', onError);
      resolve(reply);
    };
    const onError = (error: Error) => {
      worker.off('message', onMessage);
      reject(error);
    };
    worker.once('message', onMessage);
    worker.once('error', onError);
    worker.postMessage(message, transfer);
  });
}

function unwrap<T extends PoolReply>(reply: PoolReply): Extract<T, { ok: true }> {
  if (!reply.ok) {
    const error = new Error(reply.error.message);
    error.name = reply.error.name;
    throw error;
  }
  return reply as Extract<T, { ok: true }>;
}

/** Runs layers 0 … lastLayer of `stack` over `input` on `workers` threads. */
export async function runOnPool(run: PoolRun): Promise<RunResult> {
  const start = run.start ?? defaultStart;
  if (!start) throw new Error('no pool worker: the CLI entry point sets one');
  const { stack, input, lastLayer, options } = run;
  const keep = [...new Set(options.keepActivations ?? [])];
  const chunkFrames = poolChunkFrames(input.nFrames, run.workers);
  const plan = planChunks(stack, input.nChannels, input.nFrames, { chunkFrames, lastLayer });
  const size = Math.min(run.workers, plan.chunks.length);
  const workers = Array.from({ length: size }, () => start());
  try {
    const job: PoolRequest = {
      type: 'job',
      kind: run.kind,
      stack,
      nChannels: input.nChannels,
      nFrames: input.nFrames,
      chunkFrames,
      lastLayer,
      keep,
    };
    await Promise.all(workers.map(async (w) => unwrap(await request(w, job))));
    const whole = { ...input, firstFrame: 0 };
    const results: ChunkRunResult[] = new Array(plan.chunks.length);
    let next = 0;
    let done = 0;
    const layerCount = lastLayer + 1;
    const drive = async (worker: Worker): Promise<void> => {
      while (next < plan.chunks.length) {
        throwIfCancelled(options.signal, 'the post-net run');
        const chunk = plan.chunks[next++]!;
        const window = sliceWindow(whole, chunk.input);
        const owned = window.data === input.data ? { ...window, data: window.data.slice() } : window;
        const reply = unwrap<Extract<PoolReply, { type: 'chunk' }>>(
          await request(worker, { type: 'chunk', index: chunk.index, input: owned }, [
            owned.data.buffer as ArrayBuffer,
          ]),
        );
        results[chunk.index] = reply.result;
        done++;
        options.onProgress?.({
          layersDone: done === plan.chunks.length ? layerCount : 0,
          layerCount,
          fraction: done / plan.chunks.length,
        });
      }
    };
    await Promise.all(workers.map(drive));
    throwIfCancelled(options.signal, 'the post-net run');
    return assembleChunks(plan, results);
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
