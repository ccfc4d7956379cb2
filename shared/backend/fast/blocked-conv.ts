/**
 * The fast conv1d: register blocks of 3 output channels × 4 output frames (12 float64
 * accumulators; with the 3 weights and the one input value in flight that is 16 values, the number
 * of registers V8 has for doubles on x64, so nothing spills). It reads a zero-padded float64 tile of
 * the input and weights re-laid by foldLayer, so the inner loop over (input channel, tap) has no
 * bounds tests and reads weights contiguously. Each weight loaded is used for 4 frames and each
 * input value for 3 filters. docs/engine.md has the measurements behind the block shape.
 */
import type { Conv1dGeometry } from '../../model/geometry';
import type { Activations } from '../types';
import { OUT_BLOCK, type FoldedLayer } from './fold';

/** Output frames computed together by one kernel block. */
export const TIME_BLOCK = 4;

/**
 * The input frames one chunk of output frames reads, as float64 with the zero padding written out,
 * so the inner loop never tests frame bounds. Refilled for every chunk (a few hundred KB that stay
 * in cache) instead of copying the whole padded input.
 */
export interface InputTile {
  /** `[inChannels, rowLength]`: tile frame j of channel c is `data[c · rowLength + j]`. */
  data: Float64Array;
  rowLength: number;
  /** Output frame whose first tap reads tile frame 0. */
  t0: number;
}

/** Input frames (padding included) the output frames [t0, t1), rounded up to whole time blocks, read. */
function tileFrames(g: Conv1dGeometry, t0: number, t1: number): number {
  const blockEnd = t0 + Math.ceil((t1 - t0) / TIME_BLOCK) * TIME_BLOCK;
  return (blockEnd - 1 - t0) * g.stride + (g.kernelSize - 1) * g.dilation + 1;
}

/** Fills (or grows) `tile` with the input frames output frames [t0, t1) read, zeros outside the input. */
export function fillInputTile(
  input: Activations,
  g: Conv1dGeometry,
  t0: number,
  t1: number,
  tile: InputTile | null,
): InputTile {
  const rowLength = tileFrames(g, t0, t1);
  const result =
    tile && tile.data.length >= g.inChannels * rowLength
      ? { data: tile.data, rowLength, t0 }
      : { data: new Float64Array(g.inChannels * rowLength), rowLength, t0 };
  const first = t0 * g.stride - g.padLeft; // input frame at tile frame 0
  const from = Math.max(0, first);
  const to = Math.min(g.inFrames, first + rowLength);
  for (let c = 0; c < g.inChannels; c++) {
    const row = c * rowLength;
    result.data.fill(0, row, row + rowLength);
    const source = c * g.inFrames;
    for (let f = from; f < to; f++) result.data[row + f - first] = input.data[source + f]!;
  }
  return result;
}

/** One block's sums, `[OUT_BLOCK][TIME_BLOCK]`, on their way to the output (reused, never shared across awaits). */
const sums = new Float64Array(OUT_BLOCK * TIME_BLOCK);

/**
 * Writes conv(x) + folded bias for output frames [x.t0, t1) into `out` `[outChannels, outFrames]`
 * (before the activation), reading the tile `fillInputTile` made for that range.
 */
export function convBlocked(
  folded: FoldedLayer,
  x: InputTile,
  g: Conv1dGeometry,
  out: Float32Array,
  t1: number,
): void {
  const t0 = x.t0;
  const unitSteps = g.stride === 1 && g.dilation === 1;
  for (let group = 0; group < g.groups; group++) {
    for (let block = 0; block < folded.outPerGroupPadded; block += OUT_BLOCK) {
      const firstWeight = (group * folded.outPerGroupPadded + block) * g.inPerGroup * g.kernelSize;
      const firstRow = group * g.inPerGroup * x.rowLength;
      for (let t = t0; t < t1; t += TIME_BLOCK) {
        const firstInput = firstRow + (t - t0) * g.stride;
        if (unitSteps) blockUnitSteps(folded.weights, x, g, firstWeight, firstInput);
        else blockStrided(folded.weights, x, g, firstWeight, firstInput);
        storeBlock(folded, g, out, group, block, t, t1);
      }
    }
  }
}

/** stride 1, dilation 1: the 4 frames read 4 neighbouring input values per tap. */
function blockUnitSteps(
  w: Float64Array,
  x: InputTile,
  g: Conv1dGeometry,
  firstWeight: number,
  firstInput: number,
): void {
  const xs = x.data;
  const row = x.rowLength;
  const K = g.kernelSize;
  const inPerGroup = g.inPerGroup;
  // prettier-ignore
  let a00 = 0, a01 = 0, a02 = 0, a03 = 0, a10 = 0, a11 = 0, a12 = 0, a13 = 0, a20 = 0, a21 = 0, a22 = 0, a23 = 0;
  let wi = firstWeight;
  for (let c = 0; c < inPerGroup; c++) {
    let xi = firstInput + c * row;
    for (let k = 0; k < K; k++, xi++, wi += 3) {
      const w0 = w[wi]!;
      const w1 = w[wi + 1]!;
      const w2 = w[wi + 2]!;
      let v = xs[xi]!;
      a00 += w0 * v;
      a10 += w1 * v;
      a20 += w2 * v;
      v = xs[xi + 1]!;
      a01 += w0 * v;
      a11 += w1 * v;
      a21 += w2 * v;
      v = xs[xi + 2]!;
      a02 += w0 * v;
      a12 += w1 * v;
      a22 += w2 * v;
      v = xs[xi + 3]!;
      a03 += w0 * v;
      a13 += w1 * v;
      a23 += w2 * v;
    }
  }
  sums[0] = a00;
  sums[1] = a01;
  sums[2] = a02;
  sums[3] = a03;
  sums[4] = a10;
  sums[5] = a11;
  sums[6] = a12;
  sums[7] = a13;
  sums[8] = a20;
  sums[9] = a21;
  sums[10] = a22;
  sums[11] = a23;
}

/** Any stride and dilation: the same block, with strided input reads. */
function blockStrided(
  w: Float64Array,
  x: InputTile,
  g: Conv1dGeometry,
  firstWeight: number,
  firstInput: number,
): void {
  const xs = x.data;
  const row = x.rowLength;
  const { kernelSize: K, inPerGroup, stride: s, dilation: d } = g;
  // prettier-ignore
  let a00 = 0, a01 = 0, a02 = 0, a03 = 0, a10 = 0, a11 = 0, a12 = 0, a13 = 0, a20 = 0, a21 = 0, a22 = 0, a23 = 0;
  let wi = firstWeight;
  for (let c = 0; c < inPerGroup; c++) {
    let xi = firstInput + c * row;
    for (let k = 0; k < K; k++, xi += d, wi += 3) {
      const w0 = w[wi]!;
      const w1 = w[wi + 1]!;
      const w2 = w[wi + 2]!;
      let v = xs[xi]!;
      a00 += w0 * v;
      a10 += w1 * v;
      a20 += w2 * v;
      v = xs[xi + s]!;
      a01 += w0 * v;
      a11 += w1 * v;
      a21 += w2 * v;
      v = xs[xi + 2 * s]!;
      a02 += w0 * v;
      a12 += w1 * v;
      a22 += w2 * v;
      v = xs[xi + 3 * s]!;
      a03 += w0 * v;
      a13 += w1 * v;
      a23 += w2 * v;
    }
  }
  sums[0] = a00;
  sums[1] = a01;
  sums[2] = a02;
  sums[3] = a03;
  sums[4] = a10;
  sums[5] = a11;
  sums[6] = a12;
  sums[7] = a13;
  sums[8] = a20;
  sums[9] = a21;
  sums[10] = a22;
  sums[11] = a23;
}

/** Adds the folded bias and writes the block's frames below t1 of its real (unpadded) filters. */
function storeBlock(
  folded: FoldedLayer,
  g: Conv1dGeometry,
  out: Float32Array,
  group: number,
  block: number,
  t: number,
  t1: number,
): void {
  const frames = Math.min(TIME_BLOCK, t1 - t);
  const filters = Math.min(OUT_BLOCK, g.outPerGroup - block);
  for (let lane = 0; lane < filters; lane++) {
    const o = group * g.outPerGroup + block + lane;
    const b = folded.bias[group * folded.outPerGroupPadded + block + lane]!;
    const base = o * g.outFrames + t;
    for (let j = 0; j < frames; j++) out[base + j] = sums[lane * TIME_BLOCK + j]! + b;
  }
}
