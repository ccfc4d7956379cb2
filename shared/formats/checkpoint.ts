/**
 * Finding the state_dict inside what a trainer saved. `torch.save(model.state_dict())` is a dict of
 * tensors already; training checkpoints wrap it: NVIDIA/tacotron2 `{iteration, state_dict,
 * optimizer, learning_rate}`, Coqui TTS `{model, optimizer, step, config, …}`, many others
 * `{model_state_dict, …}`, `{module: …}`, `{net: {model: …}}`. The other entries are reported as
 * ignored, never silently dropped.
 */
import { WeightsFormatError } from '../errors';
import type { TensorMap } from '../tensor';
import {
  describeValue,
  dictGet,
  isDict,
  isTensor,
  type PyDict,
  type PyValue,
  type TensorRef,
} from './pickle-values';
import type { TorchFile, TorchFormat } from './torch';

/** Where trainers put the weights, in the order they are looked for. */
export const STATE_DICT_KEYS = [
  'state_dict',
  'model_state_dict',
  'model',
  'module',
  'net',
  'model_state',
] as const;

/** How deep the weights may be nested (`{net: {model: {state_dict: …}}}`). */
const MAX_DEPTH = 4;

/** A checkpoint entry that is not part of the weights, e.g. `optimizer` (dict of 2 entries). */
export interface IgnoredEntry {
  /** Dotted path from the top: `optimizer`, `net.epoch`. */
  key: string;
  /** What it holds: `1000`, `0.001`, `dict of 2 entries`. */
  description: string;
}

export interface FoundStateDict {
  /** Keys leading to the state_dict (`['state_dict']`); empty when the file is one. */
  path: string[];
  /** The state_dict's tensors in file order, keyed as in the state_dict. */
  tensors: [key: string, tensor: TensorRef][];
  ignored: IgnoredEntry[];
}

/** Finds the state_dict in `root`; `where` names the file in messages. */
export function findStateDict(root: PyValue, where: string): FoundStateDict {
  if (!isDict(root)) {
    throw new WeightsFormatError(
      `${where} holds ${describeValue(root)}, not a dict of tensors (a state_dict)`,
    );
  }
  const found = search(root, [], 0);
  if (found) return found;
  const entries = [...root.entries.values()].map(([k]) => describeValue(k));
  throw new WeightsFormatError(
    `${where} holds no tensors (a state_dict) that could be found: its entries are ${entries.slice(0, 8).join(', ')}` +
      `${entries.length > 8 ? ', …' : ''}; expected the weights at the top or under ${STATE_DICT_KEYS.map((k) => `'${k}'`).join(', ')}`,
  );
}

function search(dict: PyDict, path: string[], depth: number): FoundStateDict | null {
  const tensors = tensorEntries(dict, path);
  const hasOther = tensors.length < dict.entries.size;
  if (tensors.length > 0 && !hasOther) return { path, tensors, ignored: [] };
  if (depth < MAX_DEPTH) {
    for (const name of STATE_DICT_KEYS) {
      const inner = dictGet(dict, name);
      if (inner === undefined || !isDict(inner)) continue;
      const found = search(inner, [...path, name], depth + 1);
      if (found) return { ...found, ignored: [...ignoredBeside(dict, path, name), ...found.ignored] };
    }
  }
  // Tensors beside other values (`{iteration: 1000, 'postnet.…': tensor}`): the tensors are the weights.
  if (tensors.length > 0) return { path, tensors, ignored: ignoredBeside(dict, path, null) };
  return null;
}

/** The tensor-valued entries of `dict`; a tensor under a key that is not a string is an error. */
function tensorEntries(dict: PyDict, path: string[]): [string, TensorRef][] {
  const tensors: [string, TensorRef][] = [];
  for (const [key, value] of dict.entries.values()) {
    if (!isTensor(value)) continue;
    if (typeof key !== 'string') {
      const at = path.length > 0 ? ` under '${path.join('.')}'` : '';
      throw new WeightsFormatError(
        `a tensor${at} has the key ${describeValue(key)}, not a string as state_dict keys are`,
      );
    }
    tensors.push([key, value]);
  }
  return tensors;
}

/** The entries of `dict` that are neither tensors nor the entry `taken` the weights came from. */
function ignoredBeside(dict: PyDict, path: string[], taken: string | null): IgnoredEntry[] {
  const ignored: IgnoredEntry[] = [];
  for (const [key, value] of dict.entries.values()) {
    if (key === taken || isTensor(value)) continue;
    const name = typeof key === 'string' ? key : describeValue(key);
    ignored.push({ key: [...path, name].join('.'), description: describeValue(value) });
  }
  return ignored;
}

/** The weights of a torch.save file: its state_dict's tensors, where they were, what was left out. */
export interface CheckpointWeights {
  format: TorchFormat;
  tensors: TensorMap;
  path: string[];
  ignored: IgnoredEntry[];
}

/** Finds the state_dict in a torch.save file and gathers its tensors (only those). */
export function checkpointWeights(file: TorchFile, name: string): CheckpointWeights {
  const found = findStateDict(file.root, name);
  const prefix = found.path.length > 0 ? `${found.path.join('.')}.` : '';
  const tensors: TensorMap = new Map();
  for (const [key, ref] of found.tensors) tensors.set(key, file.tensor(ref, `${prefix}${key}`));
  return { format: file.format, tensors, path: found.path, ignored: found.ignored };
}
