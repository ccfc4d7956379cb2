/**
 * The CLI's worker pool: one job's chunks (shared/backend/chunks.ts) spread over worker threads,
 * one engine per thread, put back together as one run's result (bit for bit the single-thread
 * run's, since each chunk computes its frames exactly as a whole run does). Workers take the next
 * chunk as they finish one; progress counts finished chunks; a cancelled run stops handing out
 * chunks and ends the workers. Workers stay (idle, unref'd) for the process's next run.
 */
import type { Worker } from 'node:worker_threads';
import { packedLayer } from '../../shared/backend/wasm/wasm-backend';
import { assembleChunks, sliceWindow } from '../../shared/backend/chunk-run';
import { planChunks } from '../../shared/backend/chunks';
import type { Activations, ChunkRunResult, RunOptions, RunResult } from '../../shared/backend/types';
import { throwIfCancelled } from '../../shared/cancel';
import type { Conv1dStack } from '../../shared/model/types';
import type { KernelVariant } from '../../shared/backend/wasm/kernel-instance';
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
  variant?: KernelVariant;
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
  const workers = takeWorkers(start, size);
  let failed = false;
  try {
    const stackId = idOf(stack);
    const job = (worker: Worker): PoolRequest => ({
      type: 'job',
      kind: run.kind,
      variant: run.variant,
      stackId,
      stack: hasStack.get(worker) === stackId ? null : stack,
      nChannels: input.nChannels,
      nFrames: input.nFrames,
      chunkFrames,
      lastLayer,
      keep,
      // Packed once here (and cached with the stack) rather than once per worker per job.
      packed:
        run.kind === 'wasm' && hasStack.get(worker) !== stackId
          ? stack.layers.slice(0, lastLayer + 1).map((l) => packedLayer(l, true))
          : [],
    });
    await Promise.all(
      workers.map(async (w) => {
        unwrap(await request(w, job(w)));
        hasStack.set(w, stackId);
      }),
    );
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
  } catch (error) {
    failed = true;
    throw error;
  } finally {
    // A failed or cancelled run may leave a worker busy: end those; keep the others for the next run.
    if (failed) await Promise.all(workers.map((w) => w.terminate()));
    else giveBack(start, workers);
  }
}

/** Stacks by identity, and the stack each worker holds, so a stack crosses to a worker once. */
const stackIds = new WeakMap<Conv1dStack, number>();
const hasStack = new WeakMap<Worker, number>();
let nextStackId = 1;

function idOf(stack: Conv1dStack): number {
  let id = stackIds.get(stack);
  if (id === undefined) stackIds.set(stack, (id = nextStackId++));
  return id;
}

/**
 * Idle workers kept for the next run of the process (a folder of inputs runs one job per file),
 * unref'd so they never keep the CLI from exiting.
 */
const idle = new Map<StartWorker, Worker[]>();

function takeWorkers(start: StartWorker, count: number): Worker[] {
  const kept = idle.get(start) ?? [];
  const workers = kept.splice(0, count);
  while (workers.length < count) workers.push(start());
  for (const w of workers) w.ref();
  return workers;
}

function giveBack(start: StartWorker, workers: Worker[]): void {
  for (const w of workers) w.unref();
  idle.set(start, [...(idle.get(start) ?? []), ...workers]);
}
