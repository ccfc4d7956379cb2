/** Messages between the CLI's chunk pool (pool.ts) and its workers (pool-worker.ts). */
import type { ChunkRunResult, FrameWindow } from '../../shared/backend/types';
import type { Conv1dStack } from '../../shared/model/types';

/** The engines a pool worker can run: one thread each. */
export type PoolKind = 'wasm' | 'js' | 'native';

export type PoolRequest =
  | {
      type: 'job';
      kind: PoolKind;
      stack: Conv1dStack;
      nChannels: number;
      nFrames: number;
      chunkFrames: number;
      lastLayer: number;
      keep: number[];
    }
  | { type: 'chunk'; index: number; input: FrameWindow };

export type PoolReply =
  | { ok: true; type: 'ready'; backend: string }
  | { ok: true; type: 'chunk'; result: ChunkRunResult }
  | { ok: false; error: { name: string; message: string } };
