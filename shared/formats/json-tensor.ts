/**
 * One tensor from a JSON value: a number (0-d), a nested list (`tensor.tolist()`) or
 * `{"shape": [...], "data": [...]}`. Errors name the file, the key and the index.
 */
import type { StackArchitecture } from '../model/architecture';
import { WeightsFormatError, formatShape } from '../errors';
import { makeTensor, numel, type Tensor, type TensorMap } from '../tensor';
import { NON_FINITE_MARK } from './json-text';
import { MAX_AXIS_SIZE, MAX_RANK } from './limits';

export type JsonObject = { [key: string]: unknown };

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Tensors and, for the explicit layer form, the architecture they belong to. */
export interface JsonWeights {
  tensors: TensorMap;
  architecture: StackArchitecture | null;
}

export function isShapeDataTensor(value: JsonObject): boolean {
  return Array.isArray(value.shape) && 'data' in value;
}

/** One tensor from a number, a nested list or `{shape, data}`; `key` and `file` name it in errors. */
export function jsonTensor(value: unknown, key: string, file: string): Tensor {
  const where = `${file}: key '${key}'`;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') {
    const data = new Float64Array([scalarValue(value, where, [])]);
    return makeTensor(Number.isInteger(data[0]) ? 'int64' : 'float64', [], data);
  }
  if (Array.isArray(value)) return nestedListTensor(value, where);
  if (isJsonObject(value) && isShapeDataTensor(value)) return shapeDataTensor(value, where);
  throw new WeightsFormatError(`${where} holds ${describeJson(value)}, not numbers`);
}

/**
 * A nested list as a float32 tensor. Its shape is read down the first items; every list is then
 * checked against it (no allocation yet: a ragged list may claim a shape far larger than its
 * values), and only then are the values copied. Recursion is as deep as the shape, which the JSON
 * depth cap bounds.
 */
function nestedListTensor(list: unknown[], where: string): Tensor {
  const shape: number[] = [];
  for (let level: unknown = list; Array.isArray(level); level = level[0]) {
    shape.push(level.length);
    if (level.length === 0) break;
  }
  checkShape(shape, where);
  walkNested(list, shape, where, null);
  const data = new Float32Array(numel(shape));
  walkNested(list, shape, where, data);
  return makeTensor('float32', shape, data);
}

/** Checks every list has the shape's length at its depth; with `out`, writes the leaves in C order. */
function walkNested(
  list: unknown[],
  shape: readonly number[],
  where: string,
  out: Float32Array | null,
): void {
  let filled = 0;
  // The index of the node being walked: one array, pushed and popped (errors format it as text).
  const path: number[] = [];
  const walk = (node: unknown, depth: number): void => {
    if (depth === shape.length) {
      if (out) out[filled++] = scalarValue(node, where, path);
      return;
    }
    if (!Array.isArray(node) || node.length !== shape[depth]) {
      const found = Array.isArray(node) ? `${node.length} items` : describeJson(node);
      throw new WeightsFormatError(
        `${where} is ragged: at ${pathText(path)} expected a list of ${shape[depth]} items ` +
          `(like ${pathText(path.map(() => 0))}), found ${found}`,
      );
    }
    path.push(0);
    for (let i = 0; i < node.length; i++) {
      path[depth] = i;
      walk(node[i], depth + 1);
    }
    path.pop();
  };
  walk(list, 0);
}

/** A shape within MAX_RANK axes of at most MAX_AXIS_SIZE each. */
function checkShape(shape: readonly number[], where: string): void {
  if (shape.length > MAX_RANK) {
    throw new WeightsFormatError(`${where} has ${shape.length} axes; at most ${MAX_RANK} are read`);
  }
  const huge = shape.findIndex((d) => d > MAX_AXIS_SIZE);
  if (huge >= 0) {
    throw new WeightsFormatError(
      `${where}: axis ${huge} has ${shape[huge]} items; at most ${MAX_AXIS_SIZE} are read`,
    );
  }
}

function shapeDataTensor(value: JsonObject, where: string): Tensor {
  const shape = value.shape as unknown[];
  if (!shape.every((d) => typeof d === 'number' && Number.isInteger(d) && d >= 0)) {
    throw new WeightsFormatError(`${where}: "shape" must be a list of sizes, found ${JSON.stringify(shape)}`);
  }
  const sizes = shape as number[];
  checkShape(sizes, where);
  const flat = Array.isArray(value.data) ? value.data.flat(Infinity) : [value.data];
  if (flat.length !== numel(sizes)) {
    throw new WeightsFormatError(
      `${where}: "shape" ${formatShape(sizes)} holds ${numel(sizes)} values, "data" has ${flat.length}`,
    );
  }
  const data = new Float32Array(flat.length);
  for (let i = 0; i < flat.length; i++) data[i] = scalarValue(flat[i], where, [i]);
  return makeTensor('float32', sizes, data);
}

function scalarValue(node: unknown, where: string, path: readonly number[]): number {
  if (typeof node === 'number') {
    if (!Number.isFinite(node)) throw nonFinite(where, path, String(node));
    return node;
  }
  if (typeof node === 'boolean') return node ? 1 : 0;
  if (typeof node === 'string' && node.startsWith(NON_FINITE_MARK)) {
    throw nonFinite(where, path, node.slice(NON_FINITE_MARK.length));
  }
  throw new WeightsFormatError(
    `${where}: at ${pathText(path)} expected a number, found ${describeJson(node)}`,
  );
}

function nonFinite(where: string, path: readonly number[], token: string): WeightsFormatError {
  return new WeightsFormatError(`${where} has a non-finite value (${token}) at index ${pathText(path)}`);
}

function pathText(path: readonly number[]): string {
  return path.length === 0 ? 'the top level' : path.map((i) => `[${i}]`).join('');
}

export function describeJson(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === 'string') return `a string of ${value.length} characters`; // never the file's text
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}
