/**
 * What the window says when an open or a re-analysis went otherwise than asked, though nothing
 * failed to open: audio dropped on the weights panel opened as the input (weights dropped on the
 * input loaded as weights), and weights that no
 * longer fit after Mel settings changed the bands (the analysis worked; the weights do not fit).
 */
import type { InputDocument, WeightsSummary } from '../../../shared/api/contract';
import { toErrorInfo } from '../../../shared/errors';
import type { ShownError } from '../state/workspace';
import { windowErrorMessage } from './error-text';

/** `speech.wav is audio, not weights: opened as the input`, for the audio among `inputs`; else null. */
export function audioOnWeightsNotice(inputs: readonly InputDocument[]): string | null {
  const audio = inputs.filter((input) => input.audio !== null).map((input) => input.name);
  if (audio.length === 0) return null;
  const names = audio.join(', ');
  return audio.length === 1
    ? `${names} is audio, not weights: opened as the input`
    : `${names} are audio, not weights: opened as inputs`;
}

/**
 * `checkpoint_1000 holds weights, not audio: loaded in the weights panel`, when weights (and
 * nothing else) were dropped on the input or picked with Open…; null otherwise.
 */
export function weightsOnInputNotice(opened: {
  inputs: readonly InputDocument[];
  weights: WeightsSummary | null;
}): string | null {
  if (!opened.weights || opened.inputs.length > 0) return null;
  return `${opened.weights.name} holds weights, not audio: loaded in the weights panel`;
}

/**
 * The error to show when the weights could not run over an input just re-analysed because their
 * first layer takes other bands (`ErrorAdvice` n-mels): said as the weights not fitting the new
 * settings, not as the analysis failing. Null for any other error (shown as it is).
 */
export function misfitAfterRemel(
  error: unknown,
  input: InputDocument,
  weights: WeightsSummary | null,
): ShownError | null {
  const info = toErrorInfo(error);
  if (info.advice?.kind !== 'n-mels' || info.name === 'CancelledError') return null;
  const name = weights?.name ?? 'the weights';
  return {
    action: `Running ${name} over ${input.name}`,
    title: `${input.name} re-analysed with ${input.mel.nMels} mel bands: the weights do not fit the new settings`,
    name: info.name,
    message: windowErrorMessage(info),
  };
}
