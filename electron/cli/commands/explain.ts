/**
 * `postnet-studio explain IN.(wav|npy) [--weights PATH] --layer L --channel O --frame T [--json]` and
 * `postnet-studio explain --text "TEXT" [--cleaners basic|english] --weights PATH --layer L
 * --channel O --char I [--json]`: one output cell of a Conv1d stack made explicit (its window,
 * filter, products, sum, BatchNorm, activation and receptive field; shared/explain). Over a
 * spectrogram the stack is the post-net (the bundled demo one without --weights); over text it is
 * Tacotron 2's encoder convolutions after the embedding.
 */
import { fastBackend } from '../../../shared/backend/fast/fast-backend';
import type { Backend } from '../../../shared/backend/types';
import { explainCell, type CellIndex } from '../../../shared/explain/cell';
import { explanationJson } from '../../../shared/explain/report';
import { explanationText } from '../../../shared/explain/report-text';
import {
  DEFAULT_EMBEDDING_NAME,
  defaultEmbedding,
  embedSymbols,
  loadEncoderWeights,
} from '../../../shared/explain/text-input';
import { CLEANER_NAMES, type CleanerName } from '../../../shared/text/cleaners';
import { sequenceToText, textToSequence } from '../../../shared/text/sequence';
import { UsageError, parseCommandArgs, stringOption, requireOne, type ParsedArgs } from '../args';
import { note, warning, type Command, type CommandResult } from '../command';
import { CliError, readBytes } from '../io';
import { readWeightFiles } from '../weight-files';
import { MEL_OPTIONS, MEL_OPTIONS_HELP, melConfigFromArgs, melOptionsGiven } from './mel';
import { readSpectrogram, readWeights } from './process';

export const EXPLAIN_HELP = `Usage: postnet-studio explain IN.(wav|npy) [--weights PATH] --layer L --channel O --frame T
                              [--json] [--backend auto|native|wasm|js] [--stack postnet] [mel options]
       postnet-studio explain --text "TEXT" [--cleaners basic|english] --weights PATH
                              --layer L --channel O --char I [--json] [--stack encoder]

Makes one output cell of a Conv1d stack explicit: out[O, T] of layer L is
bias[O] + Σ_c Σ_k W[O, c, k] · x[c, T·stride − pad + k·dilation], then BatchNorm, then the
activation. Prints the window x it reads ([in/groups, k], padding as zeros), the filter W[O],
the products summed per tap and per channel, each step of the formula with its numbers, and
the input frames the cell depends on (its receptive field). Only that field is computed.

Over a spectrogram (IN is a WAV, analysed with the mel options, or an .npy [nMels, T]) the
stack is the post-net in PATH, or without --weights the bundled demo post-net (trained to undo
decoder-like smoothing; --weights untrained for the untrained Tacotron 2 post-net).
Over text, the text becomes Tacotron 2 symbol ids (NVIDIA's cleaners and symbol table,
ARPAbet in braces: "{HH AH0 L OW1}"), the ids rows of embedding.weight, and the stack is the
encoder's convolutions (PATH holds embedding.weight and encoder.convolutions.*; a full
Tacotron 2 state_dict will do). Layers count from 0.

Options:
  --layer L             layer index, 0 … layers − 1
  --channel O           output channel of that layer, 0 … out_channels − 1
  --frame T             output frame of that layer, 0 … T − 1 (spectrogram input)
  --char I              character position, 0 … n − 1 (with --text)
  --text TEXT           explain the encoder over this text instead of a spectrogram
  --cleaners NAME       english (default: numbers, abbreviations, ASCII) or basic
  --weights PATH        a weights file (.npz, .npy, .json, .safetensors, torch.save) or a
                        folder of .npy files
  --json                print one JSON object (the fields are listed in docs/cli.md)
  --backend NAME        what computes the layers before L: auto (default) or js; native and
                        wasm are named for the backends still to come
  --stack NAME          postnet (spectrogram input) or encoder (text): which stack of a file
                        holding several
${MEL_OPTIONS_HELP}`;

const INDEX_OPTIONS = ['layer', 'channel', 'frame', 'char'] as const;

/** `--layer -1` as `--layer=-1`, so a negative index gets its range error, not "needs a value". */
function joinNegativeIndices(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const next = argv[i + 1];
    const isIndex = INDEX_OPTIONS.some((name) => arg === `--${name}`);
    if (isIndex && next !== undefined && /^-\d+$/.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else {
      out.push(arg);
    }
  }
  return out;
}

/** An index option: an integer (its range is checked against the stack: exit 1 there). */
function indexOption(values: ParsedArgs['values'], name: string, what: string): number {
  const raw = stringOption(values, name);
  if (raw === undefined) throw new UsageError(`explain: missing --${name} ${what}`);
  if (!/^-?\d+$/.test(raw.trim())) throw new UsageError(`--${name} must be an integer, got '${raw}'`);
  return Number(raw);
}

/** `--backend`: the TypeScript backend `process` runs for auto and js; the others are not built yet. */
function backendOption(values: ParsedArgs['values']): Backend {
  const name = stringOption(values, 'backend') ?? 'auto';
  switch (name) {
    case 'auto':
    case 'js':
      return fastBackend;
    case 'native':
    case 'wasm':
      throw new CliError(`explain: the ${name} backend is not available in this build (available: auto, js)`);
    default:
      throw new UsageError(`--backend must be one of auto, native, wasm, js, got '${name}'`);
  }
}

function cleanersOption(values: ParsedArgs['values']): CleanerName {
  const name = stringOption(values, 'cleaners') ?? 'english';
  if (!(CLEANER_NAMES as readonly string[]).includes(name)) {
    throw new UsageError(`--cleaners must be one of ${CLEANER_NAMES.join(', ')}, got '${name}'`);
  }
  return name as CleanerName;
}

function stackOption(values: ParsedArgs['values'], text: boolean): void {
  const stack = stringOption(values, 'stack');
  if (stack === undefined) return;
  if (stack !== 'postnet' && stack !== 'encoder') {
    throw new UsageError(`--stack must be postnet or encoder, got '${stack}'`);
  }
  if (text && stack === 'postnet') {
    throw new UsageError(
      'explain: --text runs the encoder; the post-net takes a spectrogram (IN.wav or IN.npy)',
    );
  }
  if (!text && stack === 'encoder') {
    throw new UsageError('explain: the encoder runs over characters: give --text "TEXT" instead of IN');
  }
}

export const explainCommand: Command = async (argv) => {
  const { positionals, values } = parseCommandArgs('explain', joinNegativeIndices(argv), {
    weights: { type: 'string' },
    layer: { type: 'string' },
    channel: { type: 'string' },
    frame: { type: 'string' },
    char: { type: 'string' },
    text: { type: 'string' },
    cleaners: { type: 'string' },
    json: { type: 'boolean' },
    backend: { type: 'string' },
    stack: { type: 'string' },
    ...MEL_OPTIONS,
  });
  const text = stringOption(values, 'text');
  stackOption(values, text !== undefined);
  if (stringOption(values, 'weights') === '') throw new UsageError('explain: --weights needs a PATH');
  return text === undefined
    ? explainSpectrogram(positionals, values)
    : explainText(text, positionals, values);
};

async function explainSpectrogram(
  positionals: string[],
  values: ParsedArgs['values'],
): Promise<CommandResult> {
  if (values.char !== undefined || values.cleaners !== undefined) {
    throw new UsageError(`explain: --${values.char !== undefined ? 'char' : 'cleaners'} goes with --text`);
  }
  const input = requireOne(positionals, 'explain', 'input (a WAV or an .npy [nMels, T]), or --text "TEXT"');
  const index: CellIndex = {
    layer: indexOption(values, 'layer', 'L'),
    channel: indexOption(values, 'channel', 'O'),
    frame: indexOption(values, 'frame', 'T'),
  };
  const backend = backendOption(values);
  const config = melConfigFromArgs('explain', values);
  const read = await readSpectrogram(await readBytes(input), input, config, melOptionsGiven(values));
  const mel = read.mel;
  const loaded = await readWeights(stringOption(values, 'weights'), mel.nMels, {});
  const { weights } = loaded;
  const notices = [...read.notices, ...loaded.notices];
  const data = { nChannels: mel.nMels, nFrames: mel.nFrames, data: mel.data };
  const cell = await explainCell(weights.stack, data, index, { backend });
  const stdout =
    values.json === true
      ? `${JSON.stringify(explanationJson(cell))}\n`
      : explanationText(cell, weights.stack, {
          inputName: `the input mel [${mel.nMels}, ${mel.nFrames}] of ${mel.source.name}`,
          frameName: 'frame',
          inputChannelName: 'band',
        });
  return { stdout, notices };
}

async function explainText(
  text: string,
  positionals: string[],
  values: ParsedArgs['values'],
): Promise<CommandResult> {
  if (positionals.length > 0) {
    throw new UsageError(`explain: give IN or --text, not both (got ${positionals.join(' ')} and --text)`);
  }
  if (values.frame !== undefined) throw new UsageError('explain: --text takes --char I, not --frame');
  const melOption = Object.keys(MEL_OPTIONS).find((name) => values[name] !== undefined);
  if (melOption) throw new UsageError(`explain: --${melOption} is a mel option; --text has no spectrogram`);
  const path = stringOption(values, 'weights');
  if (path === undefined) {
    throw new UsageError(
      'explain: --text needs --weights PATH (embedding.weight and encoder.convolutions.*)',
    );
  }
  const index: CellIndex = {
    layer: indexOption(values, 'layer', 'L'),
    channel: indexOption(values, 'channel', 'O'),
    frame: indexOption(values, 'char', 'I'),
  };
  const cleaners = cleanersOption(values);
  const backend = backendOption(values);
  const sequence = textToSequence(text, cleaners);
  if (sequence.ids.length === 0) {
    throw new CliError(`--text ${JSON.stringify(text)}: no symbols left after ${cleaners}_cleaners`);
  }
  const { files, name, notes } = await readWeightFiles(path);
  const weights = loadEncoderWeights(files, name);
  const embedding = weights.embedding ?? defaultEmbedding(weights.stack.layers[0]!.inChannels);
  const input = embedSymbols(embedding, sequence.ids);
  const cell = await explainCell(weights.stack, input, index, { backend, frameName: 'char' });
  const stdout =
    values.json === true
      ? `${JSON.stringify(explanationJson(cell, { symbols: sequence.ids }))}\n`
      : `text: ${JSON.stringify(text)} → ${sequence.ids.length} symbols (${cleaners}_cleaners): ` +
        `${JSON.stringify(sequenceToText(sequence.ids))}\n` +
        explanationText(cell, weights.stack, {
          inputName: `the embedded text [${input.nChannels}, ${input.nFrames}] (${embedding.key ?? DEFAULT_EMBEDDING_NAME})`,
          frameName: 'char',
          symbols: sequence.symbols,
          inputChannelName: 'dim',
        });
  return {
    stdout,
    notices: [...notes, ...weights.warnings, ...textNotices(sequence, cleaners, embedding.key)],
  };
}

function textNotices(
  sequence: ReturnType<typeof textToSequence>,
  cleaners: CleanerName,
  embeddingKey: string | null,
): string[] {
  const notices: string[] = [];
  if (sequence.untransliterated.length > 0) {
    notices.push(
      warning(
        `${cleaners}_cleaners: no ASCII form here for ${sequence.untransliterated.map((c) => `'${c}'`).join(', ')} ` +
          `(NVIDIA's unidecode may transliterate them); dropped`,
      ),
    );
  }
  if (sequence.dropped.length > 0) {
    notices.push(
      warning(
        `not in the Tacotron 2 symbol table, dropped: ${sequence.dropped.map((c) => `'${c}'`).join(', ')}`,
      ),
    );
  }
  if (embeddingKey === null)
    notices.push(note(`the weights have no embedding.weight; using an ${DEFAULT_EMBEDDING_NAME}`));
  return notices;
}
