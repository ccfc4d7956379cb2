/**
 * The fast conv1d: register blocks of 3 output channels × 4 output frames (12 float64
 * accumulators; with the 3 weights and the one input value in flight that is 16 values, the number
 * of registers V8 has for doubles on x64, so nothing spills). It reads a zero-padded float64 copy of
 * the input and weights re-laid by foldLayer, so the inner loop over (input channel, tap) has no
 * bounds tests and reads weights contiguously. Each weight loaded is used for 4 frames and each
 * input value for 3 filters. docs/engine.md has the measurements behind the block shape.
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

/** One block's sums, `[OUT_BLOCK][TIME_BLOCK]`, on their way to the output (reused, never shared across awaits). */
const sums = new Float64Array(OUT_BLOCK * TIME_BLOCK);

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
  const unitSteps = g.stride === 1 && g.dilation === 1;
  for (let group = 0; group < g.groups; group++) {
    for (let block = 0; block < folded.outPerGroupPadded; block += OUT_BLOCK) {
      const firstWeight = (group * folded.outPerGroupPadded + block) * g.inPerGroup * g.kernelSize;
      const firstRow = group * g.inPerGroup * x.rowLength;
      for (let t = t0; t < t1; t += TIME_BLOCK) {
        if (unitSteps) blockUnitSteps(folded.weights, x, g, firstWeight, firstRow + t);
        else blockStrided(folded.weights, x, g, firstWeight, firstRow + t * g.stride);
        storeBlock(folded, g, out, group, block, t, t1);
      }
    }
  }
}

/** stride 1, dilation 1: the 4 frames read 4 neighbouring input values per tap. */
function blockUnitSteps(
  w: Float64Array,
  x: PaddedInput,
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
  // prettier-ignore
  sums[0] = a00;
  sums[1] = a01;
  sums[2] = a02;
  sums[3] = a03;
  sums[4] = a10;
  sums[5] = a11;
  // prettier-ignore
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
  x: PaddedInput,
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
  // prettier-ignore
  sums[0] = a00;
  sums[1] = a01;
  sums[2] = a02;
  sums[3] = a03;
  sums[4] = a10;
  sums[5] = a11;
  // prettier-ignore
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
