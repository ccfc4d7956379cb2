/**
 * Characters as a Conv1d input, as Tacotron 2 feeds its encoder: symbol ids → `embedding.weight`
 * rows → `[embeddingDim, nChars]` (the embedding transposed: channels are embedding dimensions,
 * the sequence runs over characters) → the encoder's convolutions. Also: picking the encoder and
 * its embedding out of a state_dict that may hold a whole Tacotron 2, and the untrained default
 * embedding for an encoder file that comes without one.
 */
import type { Activations } from '../backend/types';
import { ModelBuildError, ShapeMismatchError, formatShape } from '../errors';
import { buildStack } from '../model/build';
import { DEFAULT_SEED } from '../model/defaults';
import { canonicalKey } from '../model/keys';
import { SeededRandom } from '../model/rng';
import type { Conv1dStack } from '../model/types';
import { readWeightSet, type WeightFile } from '../weights/read';
import { toFloat32, type TensorMap } from '../tensor';
import { SYMBOL_COUNT, symbolOf } from '../text/symbols';

/** `weight` `[nSymbols, dim]` row-major: row i is symbol i's vector. */
export interface Embedding {
  nSymbols: number;
  dim: number;
  weight: Float32Array;
  /** The key it came from, or null for the seeded default. */
  key: string | null;
}

export const DEFAULT_EMBEDDING_NAME = 'untrained embedding (seeded default)';

/**
 * The embedding Tacotron 2 starts training from, drawn from SeededRandom(1234): uniform in
 * ±√3 · √(2 / (nSymbols + dim)) (NVIDIA model.py), `[148, dim]`. Untrained: say so where shown.
 */
export function defaultEmbedding(dim: number, nSymbols = SYMBOL_COUNT): Embedding {
  const bound = Math.sqrt(3) * Math.sqrt(2 / (nSymbols + dim));
  const weight = new SeededRandom(DEFAULT_SEED).fillUniform(nSymbols * dim, -bound, bound);
  return { nSymbols, dim, weight, key: null };
}

/** `[dim, ids.length]`: column i is the embedding row of ids[i]. Throws for an id without a row. */
export function embedSymbols(embedding: Embedding, ids: readonly number[]): Activations {
  const { dim, nSymbols, weight } = embedding;
  const nFrames = ids.length;
  const data = new Float32Array(dim * nFrames);
  ids.forEach((id, i) => {
    if (!Number.isInteger(id) || id < 0 || id >= nSymbols) {
      const symbol = symbolOf(id);
      throw new ShapeMismatchError(
        `symbol id ${id}${symbol ? ` ('${symbol}')` : ''} at char ${i} has no row in ` +
          `${embedding.key ?? 'the embedding'} ${formatShape([nSymbols, dim])}`,
      );
    }
    for (let d = 0; d < dim; d++) data[d * nFrames + i] = weight[id * dim + d]!;
  });
  return { nChannels: dim, nFrames, data };
}

export interface EncoderWeights {
  stack: Conv1dStack;
  /** Null when the file has no `embedding.weight`: use defaultEmbedding and say it is untrained. */
  embedding: Embedding | null;
  warnings: string[];
}

const ENCODER_KEY = /^(?:encoder\.)?convolutions\./;

/**
 * Tacotron 2's encoder convolutions and embedding from a state_dict: a full Tacotron 2 (post-net,
 * decoder and all: only `embedding.weight` and `encoder.convolutions.*` are used), a fragment,
 * or an encoder's own state_dict (`convolutions.*` beside `lstm.*`). `source` names the file.
 */
export function encoderFromTensors(tensors: TensorMap, source: string): EncoderWeights {
  const picked: TensorMap = new Map();
  let embeddingKey: string | null = null;
  const hasLstm = [...tensors.keys()].some((key) => /^(?:encoder\.)?lstm\./.test(canonicalKey(key)));
  for (const [key, tensor] of tensors) {
    const canonical = canonicalKey(key);
    if (canonical === 'embedding.weight') embeddingKey = key;
    else if (
      canonical.startsWith('encoder.convolutions.') ||
      (hasLstm && canonical.startsWith('convolutions.'))
    ) {
      picked.set(key, tensor);
    }
  }
  if (![...picked.keys()].some((key) => ENCODER_KEY.test(canonicalKey(key)))) {
    throw new ModelBuildError(
      `${source}: no Tacotron 2 encoder convolutions ('encoder.convolutions.{i}.0.conv.weight') in ` +
        `${tensors.size} tensors; explain --text needs a Tacotron 2 state_dict with the encoder`,
    );
  }
  const { stack, warnings } = buildStack(withEncoderPrefix(picked, hasLstm), { sourceName: source });
  const embedding = embeddingKey === null ? null : embeddingOf(tensors, embeddingKey, stack, source);
  return { stack, embedding, warnings };
}

/** encoderFromTensors over weight files (read by content); an explicit layer JSON is no Tacotron 2. */
export function loadEncoderWeights(files: readonly WeightFile[], name: string): EncoderWeights {
  const { tensors, architecture } = readWeightSet(files);
  if (architecture) {
    throw new ModelBuildError(
      `${name}: an explicit layer JSON has no embedding to look characters up in; the microscope over ` +
        `text needs a Tacotron 2 state_dict (embedding.weight and encoder.convolutions.*)`,
    );
  }
  return encoderFromTensors(tensors, name);
}

/** Bare `convolutions.*` of an encoder's own state_dict, renamed `encoder.convolutions.*` so the builder sees an encoder. */
function withEncoderPrefix(tensors: TensorMap, bare: boolean): TensorMap {
  if (!bare) return tensors;
  const renamed: TensorMap = new Map();
  for (const [key, tensor] of tensors) {
    const canonical = canonicalKey(key);
    renamed.set(canonical.startsWith('convolutions.') ? `encoder.${canonical}` : key, tensor);
  }
  return renamed;
}

function embeddingOf(tensors: TensorMap, key: string, stack: Conv1dStack, source: string): Embedding {
  const tensor = tensors.get(key)!;
  const dim = stack.layers[0]!.inChannels;
  if (tensor.shape.length !== 2 || tensor.shape[1] !== dim) {
    throw new ShapeMismatchError(
      `${source}: '${key}' has shape ${formatShape(tensor.shape)}; the encoder's first conv takes ` +
        `${dim} channels, so it needs [n_symbols, ${dim}]`,
    );
  }
  return { nSymbols: tensor.shape[0]!, dim, weight: toFloat32(tensor), key };
}
