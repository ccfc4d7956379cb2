/**
 * A CLI pool worker (worker_threads): one engine on one thread, running the chunks of one job
 * the pool sends it. The stack comes once per job; each chunk brings only its input window, and
 * goes back with its own frames (buffers transferred, not copied).
 */
import { parentPort } from 'node:worker_threads';
import { planChunks, type ChunkPlan } from '../../shared/backend/chunks';
import { fastBackend } from '../../shared/backend/fast/fast-backend';
import { nativeBackend } from '../../shared/backend/onnx/native-backend';
import type { Backend } from '../../shared/backend/types';
import { wasmBackend } from '../../shared/backend/wasm/embedded';
import { rememberPacked } from '../../shared/backend/wasm/wasm-backend';
import type { KernelVariant } from '../../shared/backend/wasm/kernel-instance';
import type { Conv1dStack } from '../../shared/model/types';
import { loadOnnxRuntime } from '../native/onnxruntime';
import type { PoolKind, PoolReply, PoolRequest } from './pool-protocol';

async function backendFor(kind: PoolKind, variant?: KernelVariant): Promise<Backend> {
  switch (kind) {
    case 'js':
      return fastBackend;
    case 'wasm':
      return wasmBackend(variant ?? 'auto');
    case 'native': {
      const loaded = await loadOnnxRuntime();
      if (!loaded.ok) throw new Error(loaded.reason);
      return nativeBackend(loaded.runtime, { threads: 1 });
    }
  }
}

/** The last stack this worker was sent (the packed layers are cached with its layers). */
let cached: { id: number; stack: Conv1dStack } | null = null;
let job: { backend: Backend; stack: Conv1dStack; plan: ChunkPlan; keep: number[] } | null = null;

function post(reply: PoolReply, transfer: ArrayBuffer[] = []): void {
  parentPort!.postMessage(reply, transfer);
}

async function handle(request: PoolRequest): Promise<void> {
  if (request.type === 'job') {
    const backend = await backendFor(request.kind, request.variant);
    const { nChannels, nFrames, chunkFrames, lastLayer, keep, packed } = request;
    if (request.stack) {
      cached = { id: request.stackId, stack: request.stack };
      for (const p of packed) rememberPacked(p);
    }
    if (cached?.id !== request.stackId) throw new Error(`the pool sent no stack ${request.stackId}`);
    const stack = cached.stack;
    job = { backend, stack, plan: planChunks(stack, nChannels, nFrames, { chunkFrames, lastLayer }), keep };
    post({ ok: true, type: 'ready', backend: backend.name });
    return;
  }
  if (!job) throw new Error('a chunk arrived before its job');
  const result = await job.backend.runChunk(job.stack, request.input, job.plan, request.index, {
    keepActivations: job.keep,
  });
  const buffers = new Set<ArrayBuffer>([
    result.residual.data.buffer as ArrayBuffer,
    result.output.data.buffer as ArrayBuffer,
  ]);
  for (const a of result.activations.values()) buffers.add(a.data.buffer as ArrayBuffer);
  post({ ok: true, type: 'chunk', result }, [...buffers]);
}

parentPort!.on('message', (request: PoolRequest) => {
  handle(request).catch((error: unknown) => {
    const e = error instanceof Error ? error : new Error(String(error));
    post({ ok: false, error: { name: e.name, message: e.message } });
  });
});
