/**
 * A long WAV's mel over the CLI's worker pool (pool.ts's workers): the frames are cut into ranges
 * of MEL_CHUNK_FRAMES; for each, this thread decodes just the samples the range reads
 * (shared/pipeline/analyze-range.ts) and hands them to the next free worker, which sends back the
 * range's `[nMels, count]` columns. The result is analyzeWav's, bit for bit; decoding errors (NaN
 * in float data) come from this thread in sample order, as analyzeWav's do. Short files, one core
 * or no pool worker: analyzeWav on this thread.
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { readWavHeader, type WavHeader } from '../../shared/audio/wav';
import { withSource } from '../../shared/errors';
import type { MelConfig } from '../../shared/mel/config';
import { analyzeWav, audioInfoOf, type AnalyzedWav } from '../../shared/pipeline/analyze';
import { melFramesOf, melRangeInput } from '../../shared/pipeline/analyze-range';
import { giveBack, poolWorkerStart, request, takeWorkers, unwrap, type StartWorker } from './pool';
import type { PoolReply } from './pool-protocol';

/** Below this many frames (≈ 4 min at 22.05 kHz, hop 256) one thread beats starting workers. */
export const MIN_POOL_MEL_FRAMES = 20_000;

/** Frames per range: 8,192 frames read 2.1 M samples (8 MiB of float32) and take ≈ 0.1 s. */
export const MEL_CHUNK_FRAMES = 8192;

/** The checked header and the mel's frame count; errors name the file, as analyzeWav's do. */
function planned(bytes: Uint8Array, name: string, config: MelConfig): { header: WavHeader; nFrames: number } {
  try {
    const header = readWavHeader(bytes);
    return { header, nFrames: melFramesOf(header, config).nFrames };
  } catch (error) {
    throw withSource(name, error);
  }
}

export interface MelPoolOptions {
  /** Default: one per core. */
  workers?: number;
  /** Default: the CLI entry point's (pool.ts setPoolWorker). */
  start?: StartWorker;
  /** Default MIN_POOL_MEL_FRAMES. */
  minFrames?: number;
  /** Default MEL_CHUNK_FRAMES. */
  chunkFrames?: number;
}

export async function analyzeWavOnPool(
  bytes: Uint8Array,
  name: string,
  config: MelConfig,
  options: MelPoolOptions = {},
): Promise<AnalyzedWav> {
  const start = options.start ?? poolWorkerStart();
  const workers = options.workers ?? availableParallelism();
  const chunkFrames = options.chunkFrames ?? MEL_CHUNK_FRAMES;
  if (!start || workers <= 1) return analyzeWav(bytes, name, config);
  const { header, nFrames } = planned(bytes, name, config);
  if (nFrames < (options.minFrames ?? MIN_POOL_MEL_FRAMES)) return analyzeWav(bytes, name, config);
  const { nMels } = config;
  const data = new Float32Array(nMels * nFrames);
  const nChunks = Math.ceil(nFrames / chunkFrames);
  const team = takeWorkers(start, Math.min(workers, nChunks));
  let failed = false;
  let next = 0;
  const drive = async (worker: Worker): Promise<void> => {
    while (next < nChunks) {
      const first = next++ * chunkFrames;
      const frames = { start: first, end: Math.min(nFrames, first + chunkFrames) };
      const input = melRangeInput(header, config, frames);
      const reply = unwrap<Extract<PoolReply, { type: 'mel' }>>(
        await request(worker, { type: 'mel', input }, [input.samples.buffer as ArrayBuffer]),
      );
      const count = frames.end - frames.start;
      for (let m = 0; m < nMels; m++) {
        data.set(reply.data.subarray(m * count, (m + 1) * count), m * nFrames + frames.start);
      }
    }
  };
  try {
    await Promise.all(team.map(drive));
  } catch (error) {
    failed = true;
    throw withSource(name, error);
  } finally {
    if (failed) await Promise.all(team.map((w) => w.terminate()));
    else giveBack(start, team);
  }
  const warnings = header.warnings.map((text) => `${name}: ${text}`);
  const mel = { data, nMels, nFrames, config, source: { name, kind: 'wav' as const } };
  return { audio: audioInfoOf(header), mel, warnings };
}
