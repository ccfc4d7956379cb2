/**
 * The fast conv1d: 4 output channels × 4 output frames per register block (16 float64
 * accumulators), reading a zero-padded float64 copy of the input and weights re-laid by foldLayer,
 * so the inner loop over (input channel, tap) has no bounds tests and contiguous weight reads.
 * Each weight loaded is used for 4 frames and each input value for 4 filters.
 */
import type { Conv1dGeometry } from '../../model/geometry';
import type { Activations } from '../types';
import { OUT_BLOCK, type FoldedLayer } from './fold';

/** Output frames computed together by one kernel block. */
export const TIME_BLOCK = 4;

/** The input with padLeft zeros before each row and enough zeros after for the last time block. */
export interface PaddedInput {
  /** `[inChannels, rowLength]`: frame t of channel c is `data[c · rowLength + padLeft + t]`. */
  data: Float64Array;
  rowLength: number;
}

export function padInput(input: Activations, g: Conv1dGeometry): PaddedInput {
  const lastBlockFrames = Math.ceil(g.outFrames / TIME_BLOCK) * TIME_BLOCK;
  const reach = (lastBlockFrames - 1) * g.stride + (g.kernelSize - 1) * g.dilation + 1;
  const rowLength = Math.max(reach, g.padLeft + g.inFrames + g.padRight);
  const data = new Float64Array(g.inChannels * rowLength);
  for (let c = 0; c < g.inChannels; c++) {
    const from = c * g.inFrames;
    const to = c * rowLength + g.padLeft;
    for (let t = 0; t < g.inFrames; t++) data[to + t] = input.data[from + t]!;
  }
  return { data, rowLength };
}

/**
 * Writes conv(x) + folded bias for output frames [t0, t1) into `out` `[outChannels, outFrames]`
 * (before the activation). t0 must be a multiple of TIME_BLOCK.
 */
export function convBlocked(
  folded: FoldedLayer,
  x: PaddedInput,
  g: Conv1dGeometry,
  out: Float32Array,
  t0: number,
  t1: number,
): void {
  for (let group = 0; group < g.groups; group++) {
    for (let block = 0; block < folded.outPerGroupPadded; block += OUT_BLOCK) {
      for (let t = t0; t < t1; t += TIME_BLOCK) {
        if (g.stride === 1 && g.dilation === 1) blockStride1(folded, x, g, out, group, block, t, t1);
        else blockGeneral(folded, x, g, out, group, block, t, t1);
      }
    }
  }
}

function blockStride1(
  folded: FoldedLayer,
  x: PaddedInput,
  g: Conv1dGeometry,
  out: Float32Array,
  group: number,
  block: number,
  t: number,
  t1: number,
): void {
  const w = folded.weights;
  const xs = x.data;
  const row = x.rowLength;
  const K = g.kernelSize;
  const inPerGroup = g.inPerGroup;
  // prettier-ignore
  let a00 = 0, a01 = 0, a02 = 0, a03 = 0, a10 = 0, a11 = 0, a12 = 0, a13 = 0;
  // prettier-ignore
  let a20 = 0, a21 = 0, a22 = 0, a23 = 0, a30 = 0, a31 = 0, a32 = 0, a33 = 0;
  let wi = (group * folded.outPerGroupPadded + block) * inPerGroup * K;
  for (let c = 0; c < inPerGroup; c++) {
    let xi = (group * inPerGroup + c) * row + t;
    for (let k = 0; k < K; k++, xi++, wi += 4) {
      // prettier-ignore
      const x0 = xs[xi]!, x1 = xs[xi + 1]!, x2 = xs[xi + 2]!, x3 = xs[xi + 3]!;
      // prettier-ignore
      const w0 = w[wi]!, w1 = w[wi + 1]!, w2 = w[wi + 2]!, w3 = w[wi + 3]!;
      a00 += w0 * x0;
      a01 += w0 * x1;
      a02 += w0 * x2;
      a03 += w0 * x3;
      a10 += w1 * x0;
      a11 += w1 * x1;
      a12 += w1 * x2;
      a13 += w1 * x3;
      a20 += w2 * x0;
      a21 += w2 * x1;
      a22 += w2 * x2;
      a23 += w2 * x3;
      a30 += w3 * x0;
      a31 += w3 * x1;
      a32 += w3 * x2;
      a33 += w3 * x3;
    }
  }
  // prettier-ignore
  storeBlock(folded, g, out, group, block, t, t1, [a00, a01, a02, a03, a10, a11, a12, a13, a20, a21, a22, a23, a30, a31, a32, a33]);
}

/** Any stride and dilation: the same block, with strided input reads. */
function blockGeneral(
  folded: FoldedLayer,
  x: PaddedInput,
  g: Conv1dGeometry,
  out: Float32Array,
  group: number,
  block: number,
  t: number,
  t1: number,
): void {
  const w = folded.weights;
  const xs = x.data;
  const row = x.rowLength;
  const { kernelSize: K, inPerGroup, stride: s, dilation: d } = g;
  // prettier-ignore
  let a00 = 0, a01 = 0, a02 = 0, a03 = 0, a10 = 0, a11 = 0, a12 = 0, a13 = 0;
  // prettier-ignore
  let a20 = 0, a21 = 0, a22 = 0, a23 = 0, a30 = 0, a31 = 0, a32 = 0, a33 = 0;
  let wi = (group * folded.outPerGroupPadded + block) * inPerGroup * K;
  for (let c = 0; c < inPerGroup; c++) {
    let xi = (group * inPerGroup + c) * row + t * s;
    for (let k = 0; k < K; k++, xi += d, wi += 4) {
      // prettier-ignore
      const x0 = xs[xi]!, x1 = xs[xi + s]!, x2 = xs[xi + 2 * s]!, x3 = xs[xi + 3 * s]!;
      // prettier-ignore
      const w0 = w[wi]!, w1 = w[wi + 1]!, w2 = w[wi + 2]!, w3 = w[wi + 3]!;
      a00 += w0 * x0;
      a01 += w0 * x1;
      a02 += w0 * x2;
      a03 += w0 * x3;
      a10 += w1 * x0;
      a11 += w1 * x1;
      a12 += w1 * x2;
      a13 += w1 * x3;
      a20 += w2 * x0;
      a21 += w2 * x1;
      a22 += w2 * x2;
      a23 += w2 * x3;
      a30 += w3 * x0;
      a31 += w3 * x1;
      a32 += w3 * x2;
      a33 += w3 * x3;
    }
  }
  // prettier-ignore
  storeBlock(folded, g, out, group, block, t, t1, [a00, a01, a02, a03, a10, a11, a12, a13, a20, a21, a22, a23, a30, a31, a32, a33]);
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
  sums: readonly number[],
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
