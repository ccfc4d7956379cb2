/** Messages between the CLI's chunk pool (pool.ts) and its workers (pool-worker.ts). */
import type { ChunkRunResult, FrameWindow } from '../../shared/backend/types';
import type { KernelVariant } from '../../shared/backend/wasm/kernel-instance';
import type { PackedLayer } from '../../shared/backend/wasm/pack';
import type { Conv1dStack } from '../../shared/model/types';

/** The engines a pool worker can run: one thread each. */
export type PoolKind = 'wasm' | 'js' | 'native';

export type PoolRequest =
  | {
      type: 'job';
      kind: PoolKind;
      /** For 'wasm': the kernel build to run (default: the best this runtime validates). */
      variant?: KernelVariant;
      /** Which stack: sent (with its packed layers) only to a worker that does not have it yet. */
      stackId: number;
      stack: Conv1dStack | null;
      nChannels: number;
      nFrames: number;
      chunkFrames: number;
      lastLayer: number;
      keep: number[];
      /** WASM: the stack's layers packed for the kernel (their `layer` is the stack's, by identity). */
      packed: PackedLayer[];
    }
  | { type: 'chunk'; index: number; input: FrameWindow };

export type PoolReply =
  | { ok: true; type: 'ready'; backend: string }
  | { ok: true; type: 'chunk'; result: ChunkRunResult }
  | { ok: false; error: { name: string; message: string } };
