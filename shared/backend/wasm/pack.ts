/**
 * Lays a layer's weights out for the WASM kernel, BatchNorm folded in (fast/fold.ts's scale and
 * shift, in float64, rounded to float32 once), output channels in blocks of BLOCK_CHANNELS (the
 * gemm micro-kernel's 8 lanes), each group's channels padded with zero filters to whole blocks.
 * - direct: one `[block][inPerGroup][8]` plane per (group, tap): a conv is one gemm per tap,
 *   adding into the same output tile (the tap's input is the tile shifted by tap·dilation frames).
 * - winograd F(m, r): the filters transformed by G in float64, one `[block][inChannels][8]` plane
 *   per transformed point ξ; the data transforms Bᵀ and Aᵀ travel with them.
 * Everything goes into one Float32Array (what is uploaded into the module's memory) at `offsets`.
 */
import type { Conv1dLayer } from '../../model/types';
import { foldedAffine } from '../fast/fold';
import { transformFilter, winogradMatrices, type WinogradMatrices } from './winograd';

/** Output channels per gemm block: the wasm module exports the same number (checked on load). */
export const BLOCK_CHANNELS = 8;

interface PackedCommon {
  layer: Conv1dLayer;
  /** Output channels per group rounded up to whole blocks; the tile row holds groups × this. */
  outPerGroupPadded: number;
  /** Float offsets into `data`: the weight planes and the bias `[groups · outPerGroupPadded]`. */
  weightsAt: number;
  biasAt: number;
  /** Floats in one weight plane. */
  planeFloats: number;
  data: Float32Array;
}

export interface DirectPacked extends PackedCommon {
  method: 'direct';
}

export interface WinogradPacked extends PackedCommon {
  method: 'winograd';
  matrices: WinogradMatrices;
  /** Float offsets of Bᵀ `[α][α]` and Aᵀ `[m][α]` in `data`. */
  btAt: number;
  atAt: number;
}

export type PackedLayer = DirectPacked | WinogradPacked;

function paddedOut(layer: Conv1dLayer): number {
  return Math.ceil(layer.outChannels / layer.groups / BLOCK_CHANNELS) * BLOCK_CHANNELS;
}

/** Where filter j (within its group) of input channel c sits in a `[block][inPerGroup][8]` plane. */
function blockIndex(inPerGroup: number, j: number, c: number): number {
  return (Math.floor(j / BLOCK_CHANNELS) * inPerGroup + c) * BLOCK_CHANNELS + (j % BLOCK_CHANNELS);
}

export function packDirect(layer: Conv1dLayer): DirectPacked {
  const { groups, kernelSize: K } = layer;
  const inPerGroup = layer.inChannels / groups;
  const outPerGroup = layer.outChannels / groups;
  const outPerGroupPadded = paddedOut(layer);
  const planeFloats = outPerGroupPadded * inPerGroup;
  const { scale, shift } = foldedAffine(layer);
  const biasAt = groups * K * planeFloats;
  const data = new Float32Array(biasAt + groups * outPerGroupPadded);
  for (let g = 0; g < groups; g++) {
    for (let j = 0; j < outPerGroup; j++) {
      const o = g * outPerGroup + j;
      for (let c = 0; c < inPerGroup; c++) {
        const source = (o * inPerGroup + c) * K;
        const within = blockIndex(inPerGroup, j, c);
        for (let k = 0; k < K; k++) {
          data[(g * K + k) * planeFloats + within] = layer.weight[source + k]! * scale[o]!;
        }
      }
      data[biasAt + g * outPerGroupPadded + j] = shift[o]!;
    }
  }
  return { method: 'direct', layer, outPerGroupPadded, weightsAt: 0, biasAt, planeFloats, data };
}

/** F(m, kernelSize) for a stride-1, dilation-1, one-group layer. */
export function packWinograd(layer: Conv1dLayer, m: number): WinogradPacked {
  if (layer.groups !== 1 || layer.stride !== 1 || layer.dilation !== 1) {
    throw new RangeError(`${layer.name}: Winograd needs stride 1, dilation 1 and one group`);
  }
  const matrices = winogradMatrices(m, layer.kernelSize);
  const { alpha } = matrices;
  const C = layer.inChannels;
  const K = layer.kernelSize;
  const outPerGroupPadded = paddedOut(layer);
  const planeFloats = outPerGroupPadded * C;
  const { scale, shift } = foldedAffine(layer);
  const biasAt = alpha * planeFloats;
  const btAt = biasAt + outPerGroupPadded;
  const atAt = btAt + alpha * alpha;
  const data = new Float32Array(atAt + m * alpha);
  const filter = new Float64Array(K);
  const transformed = new Float64Array(alpha);
  for (let o = 0; o < layer.outChannels; o++) {
    for (let c = 0; c < C; c++) {
      for (let k = 0; k < K; k++) filter[k] = layer.weight[(o * C + c) * K + k]! * scale[o]!;
      transformFilter(matrices, filter, transformed);
      const within = blockIndex(C, o, c);
      for (let xi = 0; xi < alpha; xi++) data[xi * planeFloats + within] = transformed[xi]!;
    }
    data[biasAt + o] = shift[o]!;
  }
  data.set(matrices.bt, btAt);
  data.set(matrices.at, atAt);
  return {
    method: 'winograd',
    layer,
    matrices,
    outPerGroupPadded,
    weightsAt: 0,
    biasAt,
    planeFloats,
    btAt,
    atAt,
    data,
  };
}
