/**
 * The fast pure-TypeScript backend: BatchNorm folded into the weights once per stack, a padded
 * float64 tile of the input per chunk, register-blocked conv (blocked-conv.ts), then the activation.
 */
import type { Conv1dGeometry } from '../../model/geometry';
import type { Conv1dLayer } from '../../model/types';
import { backendFromKernel, type LayerKernel } from '../driver';
import { applyActivation } from '../reference/conv1d';
import type { Activations, Backend } from '../types';
import { convBlocked, fillInputTile, type InputTile } from './blocked-conv';
import { foldLayer, type FoldedLayer } from './fold';

/** Folded weights per layer object, so running the same stack again skips the folding. */
const foldedCache = new WeakMap<Conv1dLayer, FoldedLayer>();

function folded(layer: Conv1dLayer): FoldedLayer {
  let result = foldedCache.get(layer);
  if (!result) {
    result = foldLayer(layer);
    foldedCache.set(layer, result);
  }
  return result;
}

function fastKernel(layer: Conv1dLayer, input: Activations, geometry: Conv1dGeometry): LayerKernel {
  const weights = folded(layer);
  const output = new Float32Array(layer.outChannels * geometry.outFrames);
  let tile: InputTile | null = null;
  return {
    output,
    run(t0, t1) {
      tile = fillInputTile(input, geometry, t0, t1, tile);
      convBlocked(weights, tile, geometry, output, t1);
      applyActivation(output, layer.outChannels, geometry.outFrames, layer.activation, t0, t1);
    },
  };
}

export const fastBackend: Backend = backendFromKernel('typescript-blocked', fastKernel);
