/**
 * Where a layer's output frames sit on the input's time axis, so an activation pane shares the
 * panes' TimeView. Output frame a of layers 0…L (in its own coordinates [a, a + 1)) is drawn over
 * input frame coordinates [S·a + offset, S·(a + 1) + offset), S = product of the strides: centred on
 * the middle of its receptive field. For Tacotron 2 (stride 1, padding k // 2) this is the
 * identity: stride 1, offset 0, and output frame t lines up with input frame t.
 */
import type { LayerSummary } from '../../../shared/api/contract';
import type { FrameMap } from '../render/plot';
import { receptiveField } from './receptive-field';

export function layerFrameMap(layers: readonly LayerSummary[]): FrameMap {
  const stride = layers.reduce((product, layer) => product * layer.stride, 1);
  const { first, last } = receptiveField(layers, 0);
  return { stride, offset: (first + last + 1) / 2 - stride / 2 };
}

/** The layer frame shown at input frame `frame` (the one whose span holds the frame's centre). */
export function layerFrameAt(map: FrameMap, frame: number): number {
  return Math.floor((frame + 0.5 - map.offset) / map.stride);
}
