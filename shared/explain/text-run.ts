/**
 * The text microscope's model and run: the encoder convolutions and embedding a state_dict holds
 * (any recognised layout, `buildStack(…, { stack: 'encoder' })`), or the untrained defaults when it
 * holds none, and text → symbol ids → embedding `[dim, nChars]` → every convolution's output.
 */
import type { TextRunResult } from '../api/microscope';
import { fastBackend } from '../backend/fast/fast-backend';
import type { Activations, Backend } from '../backend/types';
import type { CancelSignal } from '../cancel';
import { ShapeMismatchError, formatShape } from '../errors';
import { buildStack } from '../model/build';
import { DEFAULT_ENCODER_NAME, defaultEncoderTensors } from '../model/default-encoder';
import { findStacks } from '../model/layouts';
import type { Conv1dStack } from '../model/types';
import type { TensorMap } from '../tensor';
import type { CleanerName } from '../text/cleaners';
import { textToSequence } from '../text/sequence';
import { TextInputError } from './errors';
import { DEFAULT_EMBEDDING_NAME, defaultEmbedding, embedSymbols, type Embedding } from './text-input';
import { layerSummary } from '../weights/load';

/** The encoder and embedding text runs through, and where each came from. */
export interface TextModel {
  stack: Conv1dStack;
  embedding: Embedding;
  encoderName: string;
  encoderTrained: boolean;
  embeddingName: string;
  embeddingTrained: boolean;
}

let cachedDefaultEncoder: Conv1dStack | null = null;

function defaultEncoder(): Conv1dStack {
  cachedDefaultEncoder ??= buildStack(defaultEncoderTensors(), {
    stack: 'encoder',
    sourceName: DEFAULT_ENCODER_NAME,
  }).stack;
  return cachedDefaultEncoder;
}

/**
 * The encoder of `tensors` (named `weightsName` in messages and labels) with its embedding, or the
 * seeded default embedding when the file has none; the untrained default encoder and embedding
 * when `tensors` holds no encoder convolutions (a post-net's own state_dict, the default weights).
 */
export function textModelOf(tensors: TensorMap | null, weightsName: string): TextModel {
  const hasEncoder = tensors !== null && findStacks(tensors).some((stack) => stack.role === 'encoder');
  if (!hasEncoder) {
    const stack = defaultEncoder();
    return {
      stack,
      embedding: defaultEmbedding(stack.layers[0]!.inChannels),
      encoderName: DEFAULT_ENCODER_NAME,
      encoderTrained: false,
      embeddingName: DEFAULT_EMBEDDING_NAME,
      embeddingTrained: false,
    };
  }
  const built = buildStack(tensors, { stack: 'encoder', sourceName: weightsName });
  const dim = built.stack.layers[0]!.inChannels;
  const found = built.embedding;
  if (found && (found.shape.length !== 2 || found.shape[1] !== dim)) {
    throw new ShapeMismatchError(
      `${weightsName}: '${found.key}' has shape ${formatShape(found.shape)}; the encoder's first conv takes ` +
        `${dim} channels, so it needs [n_symbols, ${dim}]`,
    );
  }
  const embedding: Embedding = found
    ? { nSymbols: found.shape[0]!, dim, weight: found.data, key: found.key }
    : defaultEmbedding(dim);
  return {
    stack: built.stack,
    embedding,
    encoderName: `${built.chosen?.prefix ?? 'encoder.convolutions.'}* of ${weightsName}`,
    encoderTrained: true,
    embeddingName: found ? `${found.key} of ${weightsName}` : DEFAULT_EMBEDDING_NAME,
    embeddingTrained: found !== null,
  };
}

/** The characters as the encoder's input, `[dim, nChars]`, with the sequence they came from. */
export function embedText(model: TextModel, text: string, cleaners: CleanerName) {
  const sequence = textToSequence(text, cleaners);
  if (sequence.ids.length === 0) {
    throw new TextInputError(`no symbols left in ${JSON.stringify(text)} after ${cleaners}_cleaners`);
  }
  return { sequence, input: embedSymbols(model.embedding, sequence.ids) };
}

export interface TextRunOptions {
  backend?: Backend;
  signal?: CancelSignal;
}

/** Text through the model: ids, the embedded input and every convolution's output. */
export async function runText(
  model: TextModel,
  text: string,
  cleaners: CleanerName,
  options: TextRunOptions = {},
): Promise<TextRunResult> {
  const { sequence, input } = embedText(model, text, cleaners);
  const { stack } = model;
  const keep = stack.layers.map((_, i) => i);
  const backend = options.backend ?? fastBackend;
  const run = await backend.run(stack, input, {
    keepActivations: keep,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  /** A whole output as LayerActivations: one column per character, all of them. */
  const whole = (layer: number, a: Activations) => ({
    layer,
    nChannels: a.nChannels,
    nFrames: a.nFrames,
    data: a.data,
    firstFrame: 0,
    step: 1,
    totalFrames: a.nFrames,
    reduce: 'absmax' as const,
  });
  const outputs = keep.map((layer) => whole(layer, run.activations!.get(layer)!));
  return {
    text,
    cleaners,
    ids: sequence.ids,
    symbols: sequence.symbols,
    dropped: sequence.dropped,
    untransliterated: sequence.untransliterated,
    embedding: {
      name: model.embeddingName,
      trained: model.embeddingTrained,
      nSymbols: model.embedding.nSymbols,
      dim: model.embedding.dim,
    },
    encoder: {
      name: model.encoderName,
      trained: model.encoderTrained,
      layers: stack.layers.map(layerSummary),
    },
    input: whole(-1, input),
    outputs,
  };
}
