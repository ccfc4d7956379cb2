/**
 * The weights panel's counts, as PyTorch counts them: parameters (`model.parameters()`: weights,
 * biases, BatchNorm's γ and β) apart from buffers (BatchNorm's running_mean, running_var and
 * num_batches_tracked, which `state_dict()` holds but nothing trains), and both apart from the
 * tensors of the file the stack does not use (a whole checkpoint's encoder, decoder, embedding…).
 */
import type { TensorRow } from '../../../shared/api/contract';
import { groupThousands } from '../../../shared/model/print';

/** A state_dict entry that is a buffer, not a parameter (BatchNorm1d's running statistics). */
const BUFFER_KEY = /(?:^|\.)(?:running_mean|running_var|num_batches_tracked)$/;

export function isBufferKey(key: string): boolean {
  return BUFFER_KEY.test(key);
}

/** How many tensors, and how many numbers in them. */
export interface TensorCount {
  tensors: number;
  values: number;
}

export interface TensorCounts {
  /** Used tensors that are parameters: the trainable total. */
  parameters: TensorCount;
  /** Used tensors that are buffers. */
  buffers: TensorCount;
  /** Tensors the stack was not built from. */
  unused: TensorCount;
  /** Every tensor of the file. */
  all: number;
}

export function tensorCounts(tensors: readonly TensorRow[]): TensorCounts {
  const counts: TensorCounts = {
    parameters: { tensors: 0, values: 0 },
    buffers: { tensors: 0, values: 0 },
    unused: { tensors: 0, values: 0 },
    all: tensors.length,
  };
  for (const row of tensors) {
    const into = !row.used ? counts.unused : isBufferKey(row.key) ? counts.buffers : counts.parameters;
    into.tensors++;
    into.values += row.numel;
  }
  return counts;
}

const plural = (n: number, one: string, many: string) => `${groupThousands(n)} ${n === 1 ? one : many}`;

/**
 * `4,348,144 parameters + 15 buffers` (the buffers' values are in the table's footer), then
 * `· 30 of the file’s 65 tensors not used` for a whole checkpoint. Short: it shares the side
 * panel with the Conv1d card, whose formula must stay on screen at 1280×800.
 */
export function parametersText(tensors: readonly TensorRow[]): string {
  const { parameters, buffers, unused, all } = tensorCounts(tensors);
  const parts = [plural(parameters.values, 'parameter', 'parameters')];
  if (buffers.tensors > 0) parts[0] += ` + ${plural(buffers.tensors, 'buffer', 'buffers')}`;
  if (unused.tensors > 0)
    parts.push(`${groupThousands(unused.tensors)} of the file’s ${groupThousands(all)} tensors not used`);
  return parts.join(' · ');
}

/** The total line's tooltip: what is counted, and what the buffers are. */
export const PARAMETERS_TITLE =
  'parameters as model.parameters() counts them (weights, biases, BatchNorm γ and β); buffers: ' +
  'BatchNorm running_mean, running_var and num_batches_tracked, in the state_dict but not trained';

/** The state_dict table's caption: `state_dict (35 tensors)` or `state_dict (65 tensors, 35 used)`. */
export function tensorTableCaption(tensors: readonly TensorRow[]): string {
  const used = tensors.filter((row) => row.used).length;
  return used === tensors.length
    ? `state_dict (${tensors.length} tensors)`
    : `state_dict (${tensors.length} tensors, ${used} used)`;
}

/**
 * A state_dict key cut after each dot, so that a long key wraps between its names and never
 * inside one: `postnet.convolutions.0.0.conv.weight` → `postnet.` `convolutions.` `0.` … `weight`.
 */
export function keyParts(key: string): string[] {
  return key.split(/(?<=\.)/);
}

/** One line of `print(model)`: its text without the leading spaces, and how many there were. */
export interface ModuleLine {
  indent: number;
  text: string;
}

export function moduleLines(text: string): ModuleLine[] {
  return text.split('\n').map((line) => {
    const text = line.trimStart();
    return { indent: line.length - text.length, text };
  });
}

/**
 * A warning cut into plain text and the state_dict keys it quotes (`'module.embedding.weight'`),
 * so that the keys can be kept whole as `StateDictKey`s while the words around them wrap.
 */
export function warningParts(text: string): { text: string; key: boolean }[] {
  return text
    .split(/('[^'\s]+\.[^'\s]+')/)
    .filter((part) => part !== '')
    .map((part) =>
      /^'[^'\s]+\.[^'\s]+'$/.test(part) ? { text: part.slice(1, -1), key: true } : { text: part, key: false },
    );
}
