/**
 * A run over a spectrogram split into chunks of time (shared/backend/chunks.ts) and spread over
 * the host's workers (shared/jobs/pool.ts): each lane takes the next chunk as it finishes one,
 * in the order asked (the frames on screen first, then outwards), and each result is handed on
 * as it arrives, so the window fills in while the rest computes. Chunks are exact: put together,
 * they are the one-run result bit for bit. A lane whose worker lost the weights (restarted) gets
 * them again and runs the chunk once more; a cancel stops every lane before its next chunk.
 */
import type { FrameRange, ChunkPlan } from '../backend/chunks';
import { sliceWindow } from '../backend/chunk-run';
import type { FrameWindow } from '../backend/types';
import { CancelledError } from '../errors';
import { layerMacs, type LayerShape } from '../model/geometry';
import { FRAME_ALIGN } from '../backend/plan';
import type { Spectrogram } from '../spectrogram';
import { laneRunner, type JobPool } from '../jobs/pool';
import type { JobOf, WorkerEngine, WorkerJobResults } from '../jobs/protocol';
import { withWeightsLoaded, type WeightsSource } from './weights';

/** About this many multiply-accumulates per chunk: ~0.2–0.4 s of one core, a part every few tenths. */
const CHUNK_MACS = 8e9;
/** Chunk lengths stay within these (frames), so small models still fill in as they go. */
const MIN_CHUNK_FRAMES = 480;
const MAX_CHUNK_FRAMES = 8192;

/**
 * Output frames per chunk for layers 0 … lastLayer over `nFrames` frames on `lanes` workers: about
 * CHUNK_MACS of work, and at least one chunk per worker on a short input (the halo and the tile
 * rounding cost a few dozen frames per chunk, far less than leaving a core idle).
 */
export function chunkFramesFor(
  layers: readonly LayerShape[],
  lastLayer: number,
  nFrames: number,
  lanes: number,
): number {
  const macsPerFrame = layers.slice(0, lastLayer + 1).reduce((sum, layer) => sum + layerMacs(layer, 1), 0);
  const byWork = Math.min(
    MAX_CHUNK_FRAMES,
    Math.max(MIN_CHUNK_FRAMES, CHUNK_MACS / Math.max(1, macsPerFrame)),
  );
  const perLane = Math.ceil(nFrames / Math.max(1, lanes));
  const frames = Math.min(byWork, perLane);
  return Math.max(FRAME_ALIGN, Math.ceil(frames / FRAME_ALIGN) * FRAME_ALIGN);
}

/** Distance from chunk range `own` to `focus` in frames (0 when they meet). */
function distance(own: FrameRange, focus: FrameRange): number {
  if (own.end <= focus.start) return focus.start - own.end + 1;
  if (own.start >= focus.end) return own.start - focus.end + 1;
  return 0;
}

/**
 * The chunks of `plan` whose own frames of the last layer meet `wanted`, in the order to run
 * them: those meeting `first` (the frames on screen) from left to right, then the others by their
 * distance from it, nearest first (ties: the earlier one).
 */
export function chunkOrder(plan: ChunkPlan, wanted: FrameRange, first?: FrameRange): number[] {
  const last = plan.lastLayer;
  const meets = (own: FrameRange, range: FrameRange) => own.start < range.end && own.end > range.start;
  const chosen = plan.chunks.filter((chunk) => meets(chunk.layers[last]!.own, wanted));
  const focus = first && first.end > first.start ? first : null;
  if (!focus) return chosen.map((chunk) => chunk.index);
  return chosen
    .map((chunk) => ({ index: chunk.index, d: distance(chunk.layers[last]!.own, focus) }))
    .sort((a, b) => a.d - b.d || a.index - b.index)
    .map(({ index }) => index);
}

export type ChunkJobKind = 'process-chunk' | 'layer-chunk';

export interface ChunkRun<K extends ChunkJobKind> {
  pool: JobPool;
  weightsId: string;
  /** How to rebuild the weights in a worker that lost them. */
  source: WeightsSource;
  /** The chunk indices to run, in order. */
  order: readonly number[];
  /** The job for chunk `index` (made afresh for each attempt: its window is moved to the worker). */
  job: (index: number) => JobOf<K>;
  /** Each chunk's result, as it arrives. */
  onResult: (result: WorkerJobResults[K]) => void;
  /** Fraction of the run done (0…1, finer than chunks) and a label for it. */
  onProgress: (fraction: number, label: string) => void;
  /** True once the host was asked to cancel after this run began. */
  stopped: () => boolean;
}

/** What ran a chunked run: the first chunk's engine, and how many lanes took part. */
export interface ChunkRunOutcome {
  engine: WorkerEngine | null;
  workers: number;
}

/** Runs every chunk of `run.order` over the pool's lanes; rejects with the first failure. */
export async function runChunks<K extends ChunkJobKind>(run: ChunkRun<K>): Promise<ChunkRunOutcome> {
  const { pool, order } = run;
  const workers = Math.min(pool.lanes, order.length);
  const current = new Array<number>(workers).fill(0);
  let next = 0;
  let done = 0;
  let failure: unknown = null;
  let engine: WorkerEngine | null = null;
  const report = (label: string) => {
    const inFlight = current.reduce((sum, fraction) => sum + fraction, 0);
    const chunkLabel = order.length === 1 ? label : `${done} of ${order.length} chunks · ${workers} workers`;
    run.onProgress(order.length === 0 ? 1 : (done + inFlight) / order.length, chunkLabel);
  };

  async function drive(lane: number): Promise<void> {
    while (failure === null && next < order.length) {
      if (run.stopped()) throw new CancelledError('the post-net run was cancelled');
      const index = order[next++]!;
      const result = await withWeightsLoaded(laneRunner(pool, lane), run.weightsId, run.source, () => {
        const job = run.job(index);
        const { input } = job as JobOf<ChunkJobKind>;
        return pool.runOn<K>(lane, job, {
          transfer: [input.data],
          onEvent: (event) => {
            if (event.type !== 'progress') return;
            current[lane] = event.fraction;
            report(event.label);
          },
        });
      });
      current[lane] = 0;
      done++;
      engine ??= result.engine;
      if (failure === null && !run.stopped()) run.onResult(result);
      report('');
    }
  }

  await Promise.all(
    Array.from({ length: workers }, (_, lane) =>
      drive(lane).catch((error: unknown) => {
        failure ??= error;
      }),
    ),
  );
  if (failure !== null) throw failure;
  if (run.stopped()) throw new CancelledError('the post-net run was cancelled');
  return { engine, workers };
}

/** The frames a chunk reads, cut from the whole spectrogram (a copy the worker may keep). */
export function chunkWindow(mel: Spectrogram, range: FrameRange): FrameWindow {
  const whole: FrameWindow = { nChannels: mel.nMels, nFrames: mel.nFrames, data: mel.data, firstFrame: 0 };
  const window = sliceWindow(whole, range);
  // sliceWindow gives the whole input itself when the chunk reads all of it: copy, never move it.
  return window === whole ? { ...whole, data: mel.data.slice() } : window;
}
