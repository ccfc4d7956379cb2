/** Runs a Conv1d stack over a spectrogram: the post-net step of the pipeline. */
import type { LayerActivations } from '../api/contract';
import { fastBackend } from '../backend/fast/fast-backend';
import type { Backend, RunOptions } from '../backend/types';
import { ShapeMismatchError, formatShape } from '../errors';
import type { Conv1dStack } from '../model/types';
import { describeWeight } from '../model/validate';
import type { Spectrogram } from '../spectrogram';

export interface ProcessOptions extends Omit<RunOptions, 'keepActivations'> {
  /** Layer indices whose outputs to return. */
  activations?: readonly number[];
  /** Defaults to the fast TypeScript backend. */
  backend?: Backend;
}

export interface ProcessedSpectrogram {
  /** `stack(mel)`, `[nChannels, nFrames]` row-major. */
  residual: Float32Array;
  /** `mel + residual` for a residual stack (same shape as the mel), else the residual itself. */
  output: Float32Array;
  /** Shape of residual and output (the mel's for a post-net). */
  nChannels: number;
  nFrames: number;
  activations: LayerActivations[];
}

export async function processSpectrogram(
  stack: Conv1dStack,
  mel: Spectrogram,
  options: ProcessOptions = {},
): Promise<ProcessedSpectrogram> {
  const first = stack.layers[0];
  if (first && first.inChannels !== mel.nMels) {
    throw new ShapeMismatchError(
      `the weights' first layer ${first.name} takes ${first.inChannels} channels (${describeWeight(first)}) ` +
        `but ${mel.source.name} has ${mel.nMels} mel bands (shape ${formatShape([mel.nMels, mel.nFrames])})`,
    );
  }
  const { backend = fastBackend, activations: keep, ...runOptions } = options;
  const result = await backend.run(
    stack,
    { nChannels: mel.nMels, nFrames: mel.nFrames, data: mel.data },
    { ...runOptions, keepActivations: keep },
  );
  const activations = [...(result.activations ?? new Map())].map(([layer, a]) => ({
    layer,
    nChannels: a.nChannels,
    nFrames: a.nFrames,
    data: a.data,
  }));
  return {
    residual: result.residual.data,
    output: result.output.data,
    nChannels: result.output.nChannels,
    nFrames: result.output.nFrames,
    activations,
  };
}
