/** One layer's filters for the gallery: the weight `[out, in/groups, k]` and each filter's L2 norm. */
import type { LayerFilters } from '../api/microscope';
import type { Conv1dStack } from '../model/types';
import { CellIndexError } from './errors';

export function layerFiltersOf(stack: Conv1dStack, layer: number): LayerFilters {
  const conv = stack.layers[layer];
  if (!conv) {
    const count = stack.layers.length;
    throw new CellIndexError(
      'layer',
      layer,
      count,
      `layer ${layer} does not exist: the ${stack.kind} has ${count} layer${count === 1 ? '' : 's'} (0…${count - 1})`,
    );
  }
  const perFilter = (conv.inChannels / conv.groups) * conv.kernelSize;
  const norms = new Float64Array(conv.outChannels);
  for (let o = 0; o < conv.outChannels; o++) {
    let squares = 0;
    for (let i = o * perFilter; i < (o + 1) * perFilter; i++) squares += conv.weight[i]! * conv.weight[i]!;
    norms[o] = Math.sqrt(squares);
  }
  return {
    layer,
    name: conv.name,
    shape: [conv.outChannels, conv.inChannels / conv.groups, conv.kernelSize],
    weight: Float32Array.from(conv.weight),
    norms,
  };
}
