/**
 * The band-count mismatch, the user's most likely mistake, in one wording for both places that
 * find it: building weights for a known band count, and running built weights over a spectrogram.
 */
import { formatShape } from '../errors';
import { nMelsAdvice, type AdviceFor } from '../mel/band-advice';
import { layoutRole, type Conv1dStack } from './types';

export interface BandMismatch {
  stack: Conv1dStack;
  /** Bands of the spectrogram the stack was to run on. */
  nMels: number;
  /** Names the spectrogram: `the spectrogram` at load, its file when running (then with its frames). */
  spectrogram: { name: string; nFrames?: number };
  adviceFor?: AdviceFor;
  /**
   * `load`: the weights are being loaded, so the window's fix ends `then load them again`;
   * `run`: the spectrogram is open already, so the window also offers weights made for its bands.
   */
  when: 'load' | 'run';
}

/**
 * `'postnet.convolutions.0.0.conv.weight' is [512, 40, 5]: the first layer takes 40 channels but
 * the spectrogram has 80 mel bands: these weights need 40-band mel spectrograms (--n-mels 40 on
 * the command line)`; for Tacotron 2 encoder convolutions, that they run over embedded text.
 */
export function bandMismatchMessage(mismatch: BandMismatch): string {
  const { stack, nMels, spectrogram, adviceFor = 'cli', when } = mismatch;
  const first = stack.layers[0]!;
  const takes = first.inChannels;
  const { nFrames } = spectrogram;
  const shape = nFrames === undefined ? '' : ` (shape ${formatShape([nMels, nFrames])})`;
  const weight = formatShape([first.outChannels, first.inChannels / first.groups, first.kernelSize]);
  const otherWeights =
    when === 'run' && adviceFor === 'app' ? `, or load weights made for ${nMels}-band ones` : '';
  const hint =
    layoutRole(stack.layout) === 'encoder'
      ? `these are the ${stack.kind}, which run over embedded text [${takes}, n_chars], ` +
        `not over a mel spectrogram; load a post-net`
      : `these weights need ${takes}-band mel spectrograms ` +
        nMelsAdvice(takes, adviceFor, when === 'load' ? 'load them again' : undefined) +
        otherWeights;
  return (
    `'${first.keys[0] ?? first.name}' is ${weight}: the first layer takes ${takes} channels ` +
    `but ${spectrogram.name} has ${nMels} mel bands${shape}: ${hint}`
  );
}
