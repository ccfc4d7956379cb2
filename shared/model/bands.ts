/**
 * The band-count mismatch, the user's most likely mistake, in one wording for both places that
 * find it: building weights for a known band count, and running built weights over a spectrogram.
 */
import { ShapeMismatchError, formatShape, type BandAdvice } from '../errors';
import { layoutRole, type Conv1dStack } from './types';

export interface BandMismatch {
  stack: Conv1dStack;
  /** Bands of the spectrogram the stack was to run on. */
  nMels: number;
  /** Names the spectrogram: `the spectrogram` at load, its file when running (then with its frames). */
  spectrogram: { name: string; nFrames?: number };
  /**
   * `load`: the weights are being loaded, so the fix ends with loading them again; `run`: the
   * spectrogram is open already, so weights made for its bands would do too (see BandAdvice).
   */
  when: 'load' | 'run';
}

/**
 * `'postnet.convolutions.0.0.conv.weight' is [512, 40, 5]: the first layer takes 40 channels but
 * the spectrogram has 80 mel bands: these weights need 40-band mel spectrograms`, with the advice
 * to use 40 bands; for Tacotron 2 encoder convolutions, that they run over embedded text.
 */
export function bandMismatchError(mismatch: BandMismatch): ShapeMismatchError {
  const { stack, nMels, spectrogram, when } = mismatch;
  const first = stack.layers[0]!;
  const takes = first.inChannels;
  const { nFrames } = spectrogram;
  const shape = nFrames === undefined ? '' : ` (shape ${formatShape([nMels, nFrames])})`;
  const weight = formatShape([first.outChannels, first.inChannels / first.groups, first.kernelSize]);
  const encoder = layoutRole(stack.layout) === 'encoder';
  const hint = encoder
    ? `these are the ${stack.kind}, which run over embedded text [${takes}, n_chars], ` +
      `not over a mel spectrogram; load a post-net`
    : `these weights need ${takes}-band mel spectrograms`;
  const advice: BandAdvice | undefined = encoder
    ? undefined
    : when === 'load'
      ? { kind: 'n-mels', nMels: takes, then: 'reload' }
      : { kind: 'n-mels', nMels: takes, orWeightsFor: nMels };
  return new ShapeMismatchError(
    `'${first.keys[0] ?? first.name}' is ${weight}: the first layer takes ${takes} channels ` +
      `but ${spectrogram.name} has ${nMels} mel bands${shape}: ${hint}`,
    advice,
  );
}
