/**
 * Weights and processing, decided once for both hosts: each host keeps, per weights id, how to
 * build the weights again (`WeightsSource`), because a fresh worker (after a crash, or after a
 * cancel that terminated the old one) has no stacks; a job that then fails with
 * `WeightsNotLoadedError` is run once more after the weights were re-sent. Weights the window
 * cannot show and export as a spectrogram are refused here, at load.
 */
import type { BuiltInWeights, WeightsSummary } from '../api/contract';
import { ShapeMismatchError } from '../errors';
import { frameChangeText, keepsFrameCount } from '../model/frames';
import type { StackRole } from '../model/types';
import type { FileBytes, JobOf } from '../jobs/protocol';
import type { JobRunner } from '../jobs/runner';

/**
 * How to (re)build a set of weights: built in (`default`, the untrained Tacotron 2 post-net, or
 * `demo`, the demo post-net from its bundled file's bytes), or these files' bytes for `nMels` bands,
 * called `name` when they are a folder's (see `weightsSetName`), building `stack` when the files
 * hold several (the post-net by default).
 */
export type WeightsSource =
  | { kind: 'default' }
  | { kind: 'demo'; bytes: Uint8Array }
  | { kind: 'files'; files: readonly FileBytes[]; nMels: number; name?: string; stack?: StackRole };

/** Which built-in weights a source builds, or null for files. */
export function builtInOf(source: WeightsSource): BuiltInWeights | null {
  switch (source.kind) {
    case 'default':
      return 'untrained';
    case 'demo':
      return 'demo';
    case 'files':
      return null;
  }
}

/**
 * The job that builds `source` under `weightsId` (`hash`: whether the worker hashes the files
 * too; false when the host hashes them with native crypto). The encoder convolutions run over embedded text,
 * not over the mel, so their first layer is not checked against `nMels`.
 */
export function loadWeightsJob(
  weightsId: string,
  source: WeightsSource,
  hash = false,
): JobOf<'load-weights'> | JobOf<'load-default-weights'> {
  if (source.kind === 'default') return { kind: 'load-default-weights', weightsId };
  if (source.kind === 'demo') return { kind: 'load-default-weights', weightsId, demoBytes: source.bytes };
  return {
    kind: 'load-weights',
    weightsId,
    files: source.files,
    hash,
    ...(source.stack === 'encoder' ? {} : { nMels: source.nMels }),
    ...(source.name === undefined ? {} : { name: source.name }),
    ...(source.stack === undefined ? {} : { stack: source.stack }),
  };
}

/**
 * Builds weights in the worker under `weightsId` and returns their summary with that id. The
 * files' bytes are copied, not moved: the host keeps them to rebuild the stack in a fresh worker.
 * Weights whose output is not the input's `[nMels, T]` are released again and refused (see
 * `windowMisfit`): the window could show them but not export them.
 */
export async function loadWeightsAs(
  runner: JobRunner,
  weightsId: string,
  source: WeightsSource,
  hash = false,
): Promise<WeightsSummary> {
  const { summary } = await runner.run<'load-weights' | 'load-default-weights'>(
    loadWeightsJob(weightsId, source, hash),
  );
  const misfit = windowMisfit(summary);
  if (misfit !== null) {
    await runner.run({ kind: 'release-weights', weightsId }).catch(() => undefined);
    throw new ShapeMismatchError(`${summary.name}: ${misfit}`);
  }
  return { ...summary, id: weightsId };
}

/**
 * Why the window cannot take these weights, or null: it shows, and exports, their output as a
 * spectrogram of the input's shape `[nMels, T]`, so every layer must keep the frame count and the
 * last must give back the first's channels. (A residual stack is held to this when it is built;
 * a plain stack is not, since `postnet-studio process` writes whatever shape it gives.)
 */
export function windowMisfit(summary: Pick<WeightsSummary, 'layers' | 'tensors'>): string | null {
  const why = "the window shows and exports the output as the input's [nMels, T]";
  const cli = 'postnet-studio process runs these weights and writes the shape they give';
  const index = summary.layers.findIndex((layer) => !keepsFrameCount(layer));
  const layer = summary.layers[index];
  if (layer) {
    const key = summary.tensors.find(
      (row) => row.key.startsWith(`${layer.name}.`) && row.key.endsWith('weight'),
    );
    return (
      `${why}, so every layer must give back the T frames it takes, but layer ${index} ` +
      `(${key ? `'${key.key}', ` : ''}${layer.repr}): ${frameChangeText(layer)}; ${cli}`
    );
  }
  const first = summary.layers[0];
  const last = summary.layers[summary.layers.length - 1];
  if (first && last && last.outChannels !== first.inChannels) {
    return (
      `${why}, but the last layer (${last.repr}) gives ${last.outChannels} channels where the input ` +
      `has ${first.inChannels}; ${cli}`
    );
  }
  return null;
}

/** Runs `job`; if the worker lost the weights (it was restarted), re-sends them and runs it once more. */
export async function withWeightsLoaded<T>(
  runner: JobRunner,
  weightsId: string,
  source: WeightsSource,
  job: () => Promise<T>,
): Promise<T> {
  try {
    return await job();
  } catch (error) {
    if (!(error instanceof Error) || error.name !== 'WeightsNotLoadedError') throw error;
  }
  await loadWeightsAs(runner, weightsId, source);
  return job();
}
