/**
 * Splitting time into chunks that can run apart (on several workers, or streamed), with results
 * exactly equal to one run over every frame. The rule, for every layer from the last back to the
 * first: a chunk computes a range of the layer's output frames, which reads the input frames that
 * range's receptive field covers (the kernel span around each frame, the padding taken off), and
 * that input range is what the layer before must compute. Summed over a stack of stride-1 layers
 * that keep T frames, a chunk of frames [a, b) reads input frames [a − left, b + right), the halo
 * `stackHalo` gives: the receptive field minus the frame itself (Tacotron 2's post-net: 10 and 10).
 *
 * Two refinements make the chunked result bit for bit the unchunked one, whatever the kernel:
 * - every computed range starts on a multiple of FRAME_ALIGN and its input covers whole tiles
 *   (Winograd tiles of m frames sit at multiples of m in global frame numbers, so a frame's tile,
 *   and its rounding, are the same in every chunking);
 * - the frames a chunk computes for the halo are read from exact inputs, never from a chunk edge's
 *   zeros, because each layer's input range is the previous layer's computed range.
 * The chunks' `own` ranges partition each layer's output: where a kept layer's frames come from.
 */
import { conv1dGeometry, type Conv1dGeometry, type LayerShape } from '../model/geometry';
import type { Conv1dStack } from '../model/types';
import { FRAME_ALIGN, planStack } from './plan';

/** Frames [start, end) of one layer's output (or of the stack's input), global indices. */
export interface FrameRange {
  start: number;
  end: number;
}

export interface LayerChunk {
  /** The layer's output frames the chunk computes (starts on a multiple of FRAME_ALIGN). */
  compute: FrameRange;
  /** The part of `compute` the chunk contributes: the chunks' own ranges partition the output. */
  own: FrameRange;
}

export interface StackChunk {
  index: number;
  /** The stack's input frames the chunk reads, within [0, nFrames). */
  input: FrameRange;
  /** Layers 0 … lastLayer. */
  layers: LayerChunk[];
}

export interface ChunkPlan {
  nFrames: number;
  lastLayer: number;
  /** Each layer's whole-run geometry. */
  geometry: Conv1dGeometry[];
  chunks: StackChunk[];
}

export interface ChunkOptions {
  /** Output frames of the last layer per chunk (rounded up to a multiple of FRAME_ALIGN). */
  chunkFrames: number;
  /** The last layer to compute (default: every layer). */
  lastLayer?: number;
}

const alignDown = (frame: number): number => Math.floor(frame / FRAME_ALIGN) * FRAME_ALIGN;
const alignUp = (frame: number): number => Math.ceil(frame / FRAME_ALIGN) * FRAME_ALIGN;

/** Input frames output frames [start, end) read (unclipped): the receptive field of one layer. */
export function inputRangeOf(g: Conv1dGeometry, range: FrameRange): FrameRange {
  return {
    start: range.start * g.stride - g.padLeft,
    end: (range.end - 1) * g.stride - g.padLeft + g.dilation * (g.kernelSize - 1) + 1,
  };
}

const clip = (range: FrameRange, length: number): FrameRange => ({
  start: Math.max(0, Math.min(length, range.start)),
  end: Math.max(0, Math.min(length, range.end)),
});

/**
 * Frames a stack of frame-keeping layers (stride 1) reads on each side of an output frame:
 * left = Σ padLeft, right = Σ (dilation·(k − 1) − padLeft). Null when a layer is strided.
 */
export function stackHalo(stack: Conv1dStack): { left: number; right: number } | null {
  let left = 0;
  let right = 0;
  for (const layer of stack.layers) {
    if (layer.stride !== 1) return null;
    const g = conv1dGeometry(layer, layer.dilation * (layer.kernelSize - 1) + 1);
    left += g.padLeft;
    right += g.dilation * (g.kernelSize - 1) - g.padLeft;
  }
  return { left, right };
}

/**
 * The chunks of a run over `nFrames` input frames (checking the stack and the input length first,
 * as a run does). One chunk when `chunkFrames` covers the whole output.
 */
export function planChunks(
  stack: Conv1dStack,
  nChannels: number,
  nFrames: number,
  options: ChunkOptions,
): ChunkPlan {
  const lastLayer = options.lastLayer ?? stack.layers.length - 1;
  const geometry = planStack(stack, { nChannels, nFrames, data: new Float32Array(0) }, lastLayer, false);
  return planChunksOver(geometry, nFrames, options.chunkFrames);
}

/**
 * The same plan from the layers' shapes alone (a host holds a weights summary, not the stack):
 * equal to `planChunks` for the stack those layers describe, so a host and its workers agree.
 */
export function planChunksOfShapes(
  layers: readonly LayerShape[],
  nFrames: number,
  options: ChunkOptions,
): ChunkPlan {
  const lastLayer = options.lastLayer ?? layers.length - 1;
  if (!layers[lastLayer])
    throw new RangeError(`layer ${lastLayer} does not exist: there are ${layers.length}`);
  const geometry: Conv1dGeometry[] = [];
  let frames = nFrames;
  for (const layer of layers.slice(0, lastLayer + 1)) {
    const g = conv1dGeometry(layer, frames);
    geometry.push(g);
    frames = g.outFrames;
  }
  return planChunksOver(geometry, nFrames, options.chunkFrames);
}

/** The chunks over layers whose whole-run geometry is known (the last one is the plan's last). */
function planChunksOver(geometry: Conv1dGeometry[], nFrames: number, requestedFrames: number): ChunkPlan {
  if (!Number.isInteger(requestedFrames) || requestedFrames < 1) {
    throw new RangeError(`chunkFrames must be a positive integer, got ${requestedFrames}`);
  }
  const lastLayer = geometry.length - 1;
  const chunkFrames = alignUp(requestedFrames);
  const finalFrames = geometry[lastLayer]!.outFrames;
  const count = Math.max(1, Math.ceil(finalFrames / chunkFrames));
  /** Where chunk j's own range starts in layer i: the final chunk start, scaled to the layer's length. */
  const ownStart = (i: number, j: number): number =>
    j >= count
      ? geometry[i]!.outFrames
      : Math.floor((j * chunkFrames * geometry[i]!.outFrames) / finalFrames);
  const chunks: StackChunk[] = [];
  for (let j = 0; j < count; j++) {
    const layers: LayerChunk[] = new Array(lastLayer + 1);
    let need: FrameRange | null = null; // what the layer after needs of this layer's output
    for (let i = lastLayer; i >= 0; i--) {
      const g = geometry[i]!;
      const own = { start: ownStart(i, j), end: ownStart(i, j + 1) };
      const wanted = need
        ? { start: Math.min(need.start, own.start), end: Math.max(need.end, own.end) }
        : own;
      const compute = clip({ start: alignDown(wanted.start), end: wanted.end }, g.outFrames);
      layers[i] = { compute, own };
      // Whole tiles: the kernel may compute up to the next multiple of FRAME_ALIGN.
      need = clip(inputRangeOf(g, { start: compute.start, end: alignUp(compute.end) }), g.inFrames);
    }
    chunks.push({ index: j, input: need!, layers });
  }
  return { nFrames, lastLayer, geometry, chunks };
}

/**
 * The geometry a layer kernel sees when it computes output frames `compute` from a window of its
 * input starting at global frame `windowStart`, `windowFrames` long: frames outside the window
 * read as zeros, which planChunks makes true (outside the input) or unread. padLeft may be
 * negative: the window then starts before the first frame the range reads.
 */
export function localGeometry(
  g: Conv1dGeometry,
  windowStart: number,
  windowFrames: number,
  compute: FrameRange,
): Conv1dGeometry {
  const padLeft = g.padLeft + windowStart - compute.start * g.stride;
  const outFrames = compute.end - compute.start;
  const span = g.dilation * (g.kernelSize - 1) + 1;
  return {
    ...g,
    inFrames: windowFrames,
    outFrames,
    padLeft,
    padRight: (outFrames - 1) * g.stride + span - windowFrames - padLeft,
  };
}
