/**
 * Runs a Conv1d stack over a spectrogram: the post-net step of the pipeline (`processSpectrogram`),
 * and one layer's output on its own (`layerOutputOf`), which runs the stack only up to that layer.
 */
import { InvalidArgumentError } from '../api/errors';
import { fastBackend } from '../backend/fast/fast-backend';
import type { Activations, Backend, RunOptions } from '../backend/types';
import { bandMismatchError } from '../model/bands';
import type { Conv1dStack } from '../model/types';
import type { Spectrogram } from '../spectrogram';
import { checkFinite, checkRunSizes } from './bounds';

export interface ProcessOptions extends Omit<RunOptions, 'keepActivations'> {
  /** Layer indices whose outputs to return. */
  activations?: readonly number[];
  /** Defaults to the fast TypeScript backend. */
  backend?: Backend;
}

/** One layer's whole output (after its BatchNorm and activation), `[nChannels, nFrames]` row-major. */
export interface LayerOutput {
  layer: number;
  nChannels: number;
  nFrames: number;
  data: Float32Array;
}

export interface ProcessedSpectrogram {
  /** `stack(mel)`, `[nChannels, nFrames]` row-major. */
  residual: Float32Array;
  /** `mel + residual` for a residual stack (same shape as the mel), else the residual itself. */
  output: Float32Array;
  /** Shape of residual and output (the mel's for a post-net). */
  nChannels: number;
  nFrames: number;
  activations: LayerOutput[];
}

/** Checks that the weights take this mel's bands, naming the spectrogram (see model/bands.ts). */
function checkBands(stack: Conv1dStack, mel: Spectrogram): Activations {
  const first = stack.layers[0];
  if (first && first.inChannels !== mel.nMels) {
    const spectrogram = { name: mel.source.name, nFrames: mel.nFrames };
    throw bandMismatchError({ stack, nMels: mel.nMels, spectrogram, when: 'run' });
  }
  return { nChannels: mel.nMels, nFrames: mel.nFrames, data: mel.data };
}

function layerActivations(layer: number, a: Activations): LayerOutput {
  return { layer, nChannels: a.nChannels, nFrames: a.nFrames, data: a.data };
}

export async function processSpectrogram(
  stack: Conv1dStack,
  mel: Spectrogram,
  options: ProcessOptions = {},
): Promise<ProcessedSpectrogram> {
  const { backend = fastBackend, activations: keep, ...runOptions } = options;
  const input = checkBands(stack, mel);
  checkRunSizes(stack, input.nFrames);
  const result = await backend.run(stack, input, { ...runOptions, keepActivations: keep });
  await checkFinite(`${mel.source.name}: the output`, result.output, stack, input, backend, runOptions);
  return {
    residual: result.residual.data,
    output: result.output.data,
    nChannels: result.output.nChannels,
    nFrames: result.output.nFrames,
    activations: [...(result.activations ?? new Map())].map(([layer, a]) => layerActivations(layer, a)),
  };
}

export type LayerOutputOptions = Omit<ProcessOptions, 'activations'>;

/**
 * Layer `layer`'s output over `mel`, `[outChannels, outFrames]` row-major, computed by running
 * layers 0 … `layer` only (the same numbers `processSpectrogram` keeps for that layer).
 */
export async function layerOutputOf(
  stack: Conv1dStack,
  mel: Spectrogram,
  layer: number,
  options: LayerOutputOptions = {},
): Promise<LayerOutput> {
  const count = stack.layers.length;
  if (!Number.isInteger(layer) || layer < 0 || layer >= count) {
    throw new InvalidArgumentError(
      `layer ${layer} does not exist: the weights have ${count} layer${count === 1 ? '' : 's'} (0…${count - 1})`,
    );
  }
  const { backend = fastBackend, ...runOptions } = options;
  const input = checkBands(stack, mel);
  checkRunSizes(stack, input.nFrames, layer);
  const result = await backend.runUntil(stack, input, { ...runOptions, stopAfterLayer: layer });
  const output = result.activations.get(layer)!;
  const what = `${mel.source.name}: ${stack.layers[layer]!.name}'s output`;
  await checkFinite(what, output, stack, input, backend, runOptions, layer);
  return layerActivations(layer, output);
}
