/**
 * What the window can play, and what to ask the host for each (pure): the opened WAV, and any
 * mel on screen turned back into sound by Griffin-Lim — the input's and the output's, and in the
 * demo the clean, smoothed and output mels. Each source has a clip key naming exactly what its
 * audio was made from (input revision, weights, iterations), so a cached clip is never stale.
 */
import type { InputDocument, SynthesisRequest, WeightsSummary } from '../../../shared/api/contract';

/** `input` is the input pane's mel (the smoothed one in the demo); `clean` only exists in the demo. */
export type ListenSource = 'wav' | 'clean' | 'input' | 'output';

export interface ListenContext {
  /** The input on screen (in the demo: the smoothed copy, the post-net's input). */
  input: InputDocument | null;
  /** The demo's clean input, or null outside the demo. */
  clean: InputDocument | null;
  weights: WeightsSummary | null;
  /** A result of these weights for this input is on screen. */
  hasOutput: boolean;
}

export interface ListenChoice {
  source: ListenSource;
  /** The button's text: `WAV`, `clean`, `smoothed`, `output`. */
  label: string;
  title: string;
  /** False when there is nothing to hear yet (no output, a `.npy` has no WAV). */
  available: boolean;
}

/** The sources in the order of their keys 1, 2, 3, 4. */
export function listenChoices(context: ListenContext): ListenChoice[] {
  const { input, clean } = context;
  const wavOf = clean ?? input;
  const demo = clean !== null;
  const choices: ListenChoice[] = [
    {
      source: 'wav',
      label: 'WAV',
      title: 'The opened WAV, at the mel rate',
      available: wavOf?.audio != null,
    },
  ];
  if (demo) {
    choices.push({
      source: 'clean',
      label: 'clean',
      title: 'The clean mel, through Griffin-Lim',
      available: true,
    });
  }
  choices.push(
    {
      source: 'input',
      label: demo ? 'smoothed' : 'input',
      title: demo
        ? 'The smoothed mel (the post-net’s input), through Griffin-Lim'
        : 'The input mel, through Griffin-Lim',
      available: input !== null,
    },
    {
      source: 'output',
      label: 'output',
      title: 'The post-net’s output, through Griffin-Lim',
      available: context.hasOutput && context.weights !== null,
    },
  );
  return choices;
}

/** How to get one source's audio: the input's WAV, or a Griffin-Lim synthesis. */
export type ClipRequest =
  | { kind: 'wav'; key: string; inputId: string; label: string }
  | { kind: 'synthesis'; key: string; request: SynthesisRequest; label: string };

const at = (input: InputDocument) => `${input.id}@${input.revision}`;

/** What to fetch for `source`, or null when it cannot be heard now. */
export function clipRequest(
  source: ListenSource,
  context: ListenContext,
  iterations: number,
): ClipRequest | null {
  const { input, clean, weights } = context;
  switch (source) {
    case 'wav': {
      const of = clean ?? input;
      if (!of?.audio) return null;
      return { kind: 'wav', key: `wav/${at(of)}`, inputId: of.id, label: `Decoding ${of.name} for playback` };
    }
    case 'clean':
    case 'input': {
      const of = source === 'clean' ? clean : input;
      if (!of) return null;
      const what = source === 'clean' ? 'clean mel' : clean ? 'smoothed mel' : 'input mel';
      return {
        kind: 'synthesis',
        key: `gl/${at(of)}/input/${iterations}`,
        request: { inputId: of.id, mel: 'input', iterations },
        label: `Hearing the ${what} (Griffin-Lim, ${iterations} iterations)`,
      };
    }
    case 'output': {
      if (!input || !weights || !context.hasOutput) return null;
      return {
        kind: 'synthesis',
        key: `gl/${at(input)}/output/${weights.id}/${iterations}`,
        request: { inputId: input.id, mel: 'output', weightsId: weights.id, iterations },
        label: `Hearing the output (Griffin-Lim, ${iterations} iterations)`,
      };
    }
  }
}
