/**
 * The host's two runs of a stack over an open input, both chunked over its workers (chunked.ts):
 * the whole post-net (`runProcess`: every output frame, each chunk handed on as a part the
 * moment it is done, assembled for export) and one layer's output over a range of its frames
 * (`runLayerWindow`: only the chunks that range needs, reduced to columns in the workers).
 */
import type {
  InputDocument,
  LayerActivations,
  LayerOutputRequest,
  LayerSummary,
  ProcessRequest,
  ResultPart,
} from '../api/contract';
import { InvalidArgumentError } from '../api/errors';
import { columnsOf, ColumnAssembly } from '../backend/columns';
import { planChunksOfShapes, type FrameRange } from '../backend/chunks';
import type { EngineUsed } from '../backend/engine-choice';
import type { JobPool } from '../jobs/pool';
import type { WorkerEngine } from '../jobs/protocol';
import { chunkFramesFor, chunkOrder, chunkWindow, runChunks, type ChunkRunOutcome } from './chunked';
import type { WeightsSource } from './weights';

export interface RunContext {
  pool: JobPool;
  input: InputDocument;
  weightsId: string;
  source: WeightsSource;
  layers: readonly LayerSummary[];
  /** Fraction done and a label, for the window's progress bar. */
  onProgress: (fraction: number, label: string) => void;
  /** True once the host was asked to cancel after this run began. */
  stopped: () => boolean;
}

/** The engine a run reports; a run with no chunk at all (nothing asked for) names none. */
function engineUsed({ engine, workers }: ChunkRunOutcome): EngineUsed {
  const ran: WorkerEngine = engine ?? { name: 'none', kind: 'js', note: null };
  return { ...ran, workers };
}

/** The whole stack's output, `[nMels, nFrames]` each, and what ran it. */
export interface ProcessedRun {
  nMels: number;
  nFrames: number;
  residual: Float32Array;
  output: Float32Array;
  engine: EngineUsed;
}

/** Writes a chunk's `[channels, frames]` part into `into` `[channels, total]` at frame `start`. */
function place(into: Float32Array, total: number, part: Float32Array, channels: number, start: number): void {
  const frames = part.length / channels;
  for (let c = 0; c < channels; c++) into.set(part.subarray(c * frames, (c + 1) * frames), c * total + start);
}

/**
 * Runs the stack over the input chunk by chunk, the request's first frames first; `onPart` gets
 * each chunk's output as it arrives (for the window), and the whole is assembled here.
 */
export async function runProcess(
  context: RunContext,
  request: ProcessRequest,
  onPart: (part: ResultPart) => void,
): Promise<ProcessedRun> {
  const { pool, input, layers } = context;
  const { mel } = input;
  const lastLayer = layers.length - 1;
  const chunkFrames = chunkFramesFor(layers, lastLayer, mel.nFrames, pool.lanes);
  const plan = planChunksOfShapes(layers, mel.nFrames, { chunkFrames });
  const geometry = plan.geometry[lastLayer]!;
  const nMels = geometry.outChannels;
  const nFrames = geometry.outFrames;
  const residual = new Float32Array(nMels * nFrames);
  const output = new Float32Array(nMels * nFrames);
  const engine = request.engine ?? 'auto';
  const outcome = await runChunks({
    pool,
    weightsId: context.weightsId,
    source: context.source,
    order: chunkOrder(plan, { start: 0, end: nFrames }, request.first),
    job: (index) => ({
      kind: 'process-chunk',
      weightsId: context.weightsId,
      engine,
      chunk: { nFrames: mel.nFrames, chunkFrames, lastLayer, index, sourceName: input.name },
      input: chunkWindow(mel, plan.chunks[index]!.input),
    }),
    onResult: (chunk) => {
      place(residual, nFrames, chunk.residual, nMels, chunk.own.start);
      place(output, nFrames, chunk.output, nMels, chunk.own.start);
      onPart({
        stream: request.stream,
        inputId: input.id,
        inputRevision: input.revision,
        weightsId: context.weightsId,
        start: chunk.own.start,
        end: chunk.own.end,
        nMels,
        residual: chunk.residual,
        output: chunk.output,
      });
    },
    onProgress: context.onProgress,
    stopped: context.stopped,
  });
  return { nMels, nFrames, residual, output, engine: engineUsed(outcome) };
}

/** Throws unless `layer` is one of the weights' layers (a caller's mistake, named). */
function checkLayer(layers: readonly LayerSummary[], layer: number): void {
  if (!layers[layer]) {
    const count = layers.length;
    throw new InvalidArgumentError(
      `layer ${layer} does not exist: the weights have ${count} layer${count === 1 ? '' : 's'} (0…${count - 1})`,
    );
  }
}

/**
 * Layer `request.layer`'s output over `request.frames` (clipped to the layer's frames), at most
 * `maxColumns` columns: runs layers 0 … layer only, and only the chunks those frames come from.
 */
export async function runLayerWindow(
  context: RunContext,
  request: LayerOutputRequest,
): Promise<{ activations: LayerActivations; engine: EngineUsed }> {
  const { pool, input, layers } = context;
  const { layer, reduce } = request;
  checkLayer(layers, layer);
  const { nFrames } = input.mel;
  const chunkFrames = chunkFramesFor(layers, layer, nFrames, pool.lanes);
  const plan = planChunksOfShapes(layers, nFrames, { chunkFrames, lastLayer: layer });
  const { outChannels, outFrames } = plan.geometry[layer]!;
  const frames: FrameRange = {
    start: Math.min(request.frames.start, outFrames),
    end: Math.min(request.frames.end, outFrames),
  };
  const step = Math.max(1, Math.ceil((frames.end - frames.start) / request.maxColumns));
  const columns = columnsOf(frames, step);
  const wanted = { start: columns.start * step, end: Math.min(columns.end * step, outFrames) };
  const assembly = new ColumnAssembly(outChannels, step, columns, reduce);
  const outcome = await runChunks({
    pool,
    weightsId: context.weightsId,
    source: context.source,
    order: chunkOrder(plan, wanted, wanted),
    job: (index) => ({
      kind: 'layer-chunk',
      weightsId: context.weightsId,
      engine: request.engine ?? 'auto',
      chunk: { nFrames, chunkFrames, lastLayer: layer, index, sourceName: input.name },
      input: chunkWindow(input.mel, plan.chunks[index]!.input),
      step,
      reduce,
    }),
    onResult: (chunk) => assembly.add(chunk.columns),
    onProgress: context.onProgress,
    stopped: context.stopped,
  });
  const activations: LayerActivations = {
    layer,
    nChannels: outChannels,
    nFrames: assembly.count,
    data: assembly.data,
    firstFrame: columns.start * step,
    step,
    totalFrames: outFrames,
    reduce,
  };
  return { activations, engine: engineUsed(outcome) };
}
