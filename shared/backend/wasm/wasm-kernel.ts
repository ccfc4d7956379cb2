/**
 * The WASM layer kernel behind the driver: for a range of output frames it copies the input tile
 * into the module's memory channels-last (`[frame][channel]`, zeros where the conv pads), runs the
 * gemm micro-kernel once per tap (direct) or transforms, runs one gemm per transformed point and
 * transforms back (Winograd F(m, r)), then copies the `[frame][channel]` output tile into the
 * layer's `[outChannels, outFrames]` output and applies the activation there.
 */
import type { Conv1dGeometry } from '../../model/geometry';
import type { Conv1dLayer } from '../../model/types';
import type { LayerKernel } from '../driver';
import type { Activations } from '../types';
import {
  ACTIVATION_CODES,
  BLOCK_FRAMES,
  START_ADD,
  START_BIAS,
  START_ZERO,
  type KernelInstance,
} from './kernel-instance';
import { BLOCK_CHANNELS, type DirectPacked, type PackedLayer, type WinogradPacked } from './pack';

const roundUp = (n: number, multiple: number): number => Math.ceil(n / multiple) * multiple;

/** Input channels per tile row, padded so the Winograd transform reads whole f32x4 lanes. */
const rowChannels = (g: Conv1dGeometry): number => roundUp(g.inChannels, 4);

/** Writes input frames [first, first + frames) of every channel at `at` (floats) as `[frame][rowC]`, zeros outside the input. */
function fillTile(
  memory: Float32Array,
  at: number,
  input: Activations,
  g: Conv1dGeometry,
  first: number,
  frames: number,
): void {
  const rowC = rowChannels(g);
  memory.fill(0, at, at + frames * rowC);
  const from = Math.max(0, first);
  const to = Math.min(g.inFrames, first + frames);
  for (let c = 0; c < g.inChannels; c++) {
    const source = c * g.inFrames;
    let target = at + (from - first) * rowC + c;
    for (let f = from; f < to; f++, target += rowC) memory[target] = input.data[source + f]!;
  }
}

/** Copies output frames [0, n) of the `[frame][rowO]` tile at `at` into `out` frames [t0, t0 + n). */
function copyOut(
  memory: Float32Array,
  at: number,
  packed: PackedLayer,
  g: Conv1dGeometry,
  out: Float32Array,
  t0: number,
  n: number,
): void {
  const rowO = g.groups * packed.outPerGroupPadded;
  for (let group = 0; group < g.groups; group++) {
    for (let j = 0; j < g.outPerGroup; j++) {
      const o = group * g.outPerGroup + j;
      let source = at + group * packed.outPerGroupPadded + j;
      const target = o * g.outFrames + t0;
      for (let u = 0; u < n; u++, source += rowO) out[target + u] = memory[source]!;
    }
  }
}

function runDirect(
  kernel: KernelInstance,
  packed: DirectPacked,
  input: Activations,
  g: Conv1dGeometry,
  out: Float32Array,
  t0: number,
  t1: number,
): void {
  const n = t1 - t0;
  const nPad = roundUp(n, BLOCK_FRAMES);
  const rowC = rowChannels(g);
  const rowO = g.groups * packed.outPerGroupPadded;
  const xFrames = (nPad - 1) * g.stride + (g.kernelSize - 1) * g.dilation + 1;
  const tileBytes = roundUp(xFrames * rowC * 4, 64);
  const { weights, scratch } = kernel.prepare(packed, tileBytes + nPad * rowO * 4);
  const x = scratch;
  const y = scratch + tileBytes;
  fillTile(kernel.f32, x / 4, input, g, t0 * g.stride - g.padLeft, xFrames);
  const e = kernel.exports;
  for (let group = 0; group < g.groups; group++) {
    for (let k = 0; k < g.kernelSize; k++) {
      e.gemm(
        weights + (group * g.kernelSize + k) * packed.planeFloats * 4,
        x + (k * g.dilation * rowC + group * g.inPerGroup) * 4,
        g.stride * rowC * 4,
        y + group * packed.outPerGroupPadded * 4,
        rowO * 4,
        weights + (packed.biasAt + group * packed.outPerGroupPadded) * 4,
        packed.outPerGroupPadded / BLOCK_CHANNELS,
        g.inPerGroup,
        nPad,
        k === 0 ? START_BIAS : START_ADD,
      );
    }
  }
  activate(kernel, packed, y, nPad * rowO);
  copyOut(kernel.f32, y / 4, packed, g, out, t0, n);
}

function runWinograd(
  kernel: KernelInstance,
  packed: WinogradPacked,
  input: Activations,
  g: Conv1dGeometry,
  out: Float32Array,
  t0: number,
  t1: number,
): void {
  const { m, alpha } = packed.matrices;
  const n = t1 - t0;
  const nTiles = Math.ceil(n / m);
  const nTilesPad = roundUp(nTiles, BLOCK_FRAMES);
  const rowC = rowChannels(g);
  const rowO = packed.outPerGroupPadded;
  const xFrames = nTilesPad * m + g.kernelSize - 1;
  const tileBytes = roundUp(xFrames * rowC * 4, 64);
  const vPoint = nTilesPad * rowC * 4;
  const mPoint = nTilesPad * rowO * 4;
  const { weights, scratch } = kernel.prepare(
    packed,
    tileBytes + alpha * (vPoint + mPoint) + nTilesPad * m * rowO * 4,
  );
  const x = scratch;
  const v = x + tileBytes;
  const mm = v + alpha * vPoint;
  const y = mm + alpha * mPoint;
  fillTile(kernel.f32, x / 4, input, g, t0 - g.padLeft, xFrames);
  const e = kernel.exports;
  e.winogradInput(weights + packed.btAt * 4, alpha, m, x, rowC * 4, v, rowC * 4, vPoint, nTilesPad, rowC / 4);
  for (let xi = 0; xi < alpha; xi++) {
    e.gemm(
      weights + xi * packed.planeFloats * 4,
      v + xi * vPoint,
      rowC * 4,
      mm + xi * mPoint,
      rowO * 4,
      0,
      rowO / BLOCK_CHANNELS,
      g.inChannels,
      nTilesPad,
      START_ZERO,
    );
  }
  e.winogradOutput(
    weights + packed.atAt * 4,
    alpha,
    m,
    mm,
    rowO * 4,
    mPoint,
    weights + packed.biasAt * 4,
    y,
    rowO * 4,
    nTiles,
    rowO / 4,
  );
  activate(kernel, packed, y, nTiles * m * rowO);
  copyOut(kernel.f32, y / 4, packed, g, out, t0, n);
}

/** The layer's activation over `floats` floats of the output tile at byte `y` (a multiple of 4 floats). */
function activate(kernel: KernelInstance, packed: PackedLayer, y: number, floats: number): void {
  const code = ACTIVATION_CODES[packed.layer.activation];
  if (code !== ACTIVATION_CODES.identity) kernel.exports.activate(y, floats / 4, code);
}

/** A driver LayerKernel computing `layer` over `input` with `packed` in `kernel`'s module. */
export function wasmLayerKernel(
  kernel: KernelInstance,
  packed: PackedLayer,
  layer: Conv1dLayer,
  input: Activations,
  g: Conv1dGeometry,
): LayerKernel {
  const output = new Float32Array(layer.outChannels * g.outFrames);
  return {
    output,
    run(t0, t1) {
      if (packed.method === 'winograd') runWinograd(kernel, packed, input, g, output, t0, t1);
      else runDirect(kernel, packed, input, g, output, t0, t1);
    },
  };
}
