/**
 * Weights as JSON: `{key: nested lists}` (what `{k: v.tolist() for k, v in sd.items()}` writes),
 * `{key: {"shape": [...], "data": [...]}}`, objects nested under a name (`{"state_dict": {...}}`
 * gives keys `state_dict.…`), and numbers as 0-d tensors. The explicit layer form lives in
 * layers-json.ts.
 */
import { WeightsFormatError } from '../errors';
import type { TensorMap } from '../tensor';
import {
  describeJson,
  isJsonObject,
  isShapeDataTensor,
  jsonTensor,
  type JsonObject,
  type JsonWeights,
} from './json-tensor';
import { parseJsonBytes } from './json-text';
import { isLayersDocument, parseLayersDocument } from './layers-json';

/** Parses a weights JSON into a TensorMap (the explicit layer form gives its nn.Sequential keys). */
export function parseWeightsJson(bytes: Uint8Array, name: string): TensorMap {
  return parseWeightsJsonDocument(bytes, name).tensors;
}

export function parseWeightsJsonDocument(bytes: Uint8Array, name: string): JsonWeights {
  const root = parseJsonBytes(bytes, name);
  if (!isJsonObject(root)) {
    throw new WeightsFormatError(
      `${name}: expected a JSON object of key → tensor, found ${describeJson(root)}`,
    );
  }
  if (isLayersDocument(root)) return parseLayersDocument(root, name);
  const tensors: TensorMap = new Map();
  collect(root, '', name, tensors);
  return { tensors, architecture: null };
}

function collect(object: JsonObject, prefix: string, file: string, out: TensorMap): void {
  for (const [field, value] of Object.entries(object)) {
    const key = prefix + field;
    if (isJsonObject(value) && !isShapeDataTensor(value)) collect(value, `${key}.`, file, out);
    else out.set(key, jsonTensor(value, key, file));
  }
}
