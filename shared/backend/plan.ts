/**
 * Checking a stack against an input before any work: every layer's geometry, computed once.
 * Shared by the driver, the chunk planner and backends that do not run layer kernels (native).
 */
import { ShapeMismatchError, formatShape } from '../errors';
import { conv1dGeometry, type Conv1dGeometry } from '../model/geometry';
import type { Conv1dStack } from '../model/types';
import { describeWeight, validateLayer } from '../model/validate';
import type { Activations } from './types';

/**
 * Chunks start on multiples of this many frames: the fast kernel's time block (4) and every
 * Winograd tile size (2, 3, 4, 6) divide it, so a frame's tile, and so its value, never depends
 * on where a chunk starts.
 */
export const FRAME_ALIGN = 24;

/**
 * The geometry of layers 0 … `lastLayer` (default: every layer) for this input, checking each of
 * them, the chain and the input first, so a bad input fails before any work.
 */
export function planStack(
  stack: Conv1dStack,
  input: Activations,
  lastLayer = stack.layers.length - 1,
  checkData = true,
): Conv1dGeometry[] {
  const first = stack.layers[0];
  if (!first) throw new ShapeMismatchError(`${stack.kind} has no layers`);
  if (checkData && input.data.length !== input.nChannels * input.nFrames) {
    throw new ShapeMismatchError(
      `input data has ${input.data.length} values, its shape ${formatShape([input.nChannels, input.nFrames])} says ${input.nChannels * input.nFrames}`,
    );
  }
  if (input.nChannels !== first.inChannels) {
    throw new ShapeMismatchError(
      `${first.name} takes ${first.inChannels} channels (${describeWeight(first)}) but the input has ` +
        `${input.nChannels} (shape ${formatShape([input.nChannels, input.nFrames])})`,
    );
  }
  const plan: Conv1dGeometry[] = [];
  let frames = input.nFrames;
  let channels = input.nChannels;
  for (const layer of stack.layers.slice(0, lastLayer + 1)) {
    validateLayer(layer);
    if (layer.inChannels !== channels) {
      throw new ShapeMismatchError(
        `${layer.name} takes ${layer.inChannels} channels, it is given ${channels}`,
      );
    }
    const geometry = conv1dGeometry(layer, frames);
    plan.push(geometry);
    frames = geometry.outFrames;
    channels = layer.outChannels;
  }
  return plan;
}
