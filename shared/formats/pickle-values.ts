/**
 * The values the restricted unpickler (pickle.ts) builds: plain Python data (None, bool, int,
 * float, str, bytes, tuple, list, set, dict) plus the few PyTorch objects a state_dict is made of
 * (storage types, dtypes, storages, tensors) and the allowed callables that make them. Nothing here
 * can run code: a callable is one of our own functions, chosen from an allow-list by name.
 */
import { WeightsFormatError, formatShape } from '../errors';
import { pyFloatRepr } from '../model/py-repr';
import type { DType } from '../tensor';

/** A Python int is a number when it fits exactly, else a bigint. */
export type PyInt = number | bigint;

export interface PyFloat {
  kind: 'float';
  value: number;
}

export interface PyBytes {
  kind: 'bytes';
  value: Uint8Array;
}

export interface PySequence {
  kind: 'tuple' | 'list' | 'set';
  items: PyValue[];
}

/** dict or collections.OrderedDict, in insertion order; keys are hashable values (see `keyText`). */
export interface PyDict {
  kind: 'dict';
  ordered: boolean;
  entries: Map<string, [key: PyValue, value: PyValue]>;
}

/** An allowed global that REDUCE (or NEWOBJ) may call: our own function, never Python's. */
export interface PyCallable {
  kind: 'callable';
  /** `torch._utils._rebuild_tensor_v2` */
  name: string;
  /** REDUCE: `name(*args)`; absent when the global may only be instantiated by NEWOBJ. */
  call?: (args: readonly PyValue[]) => PyValue;
  /** NEWOBJ: `name.__new__(name, *args)`. */
  construct?: (args: readonly PyValue[]) => PyValue;
}

/** `torch.FloatStorage` and friends: what a persistent id names as the storage's type. */
export interface PyStorageType {
  kind: 'storage-type';
  name: string;
  /** Null for a type we do not read (complex, quantized) or that carries no dtype (TypedStorage). */
  dtype: DType | null;
}

/** `torch.float32` and friends. */
export interface PyDtype {
  kind: 'dtype';
  name: string;
  dtype: DType | null;
}

/** One storage a checkpoint refers to by key: `numel` elements of `dtype` (the bytes come later). */
export interface StorageRef {
  kind: 'storage';
  key: string;
  dtype: DType;
  numel: number;
  /** `cpu`, `cuda:0`… (where it was saved from; we read every storage on the CPU). */
  location: string;
  /** Legacy view storages: a window of `numel` elements from element `offset` of the root storage. */
  elementOffset: number;
}

/** A tensor as `_rebuild_tensor_v2` describes it: a strided view of a storage (elements, not bytes). */
export interface TensorRef {
  kind: 'tensor';
  storage: StorageRef;
  storageOffset: number;
  shape: number[];
  stride: number[];
}

export type PyValue =
  | null
  | boolean
  | PyInt
  | string
  | PyFloat
  | PyBytes
  | PySequence
  | PyDict
  | PyCallable
  | PyStorageType
  | PyDtype
  | StorageRef
  | TensorRef;

export function isDict(value: PyValue): value is PyDict {
  return typeof value === 'object' && value !== null && value.kind === 'dict';
}

export function isTensor(value: PyValue): value is TensorRef {
  return typeof value === 'object' && value !== null && value.kind === 'tensor';
}

export function isSequence(value: PyValue, kind?: PySequence['kind']): value is PySequence {
  if (typeof value !== 'object' || value === null || !('items' in value)) return false;
  return kind === undefined || value.kind === kind;
}

export function newDict(ordered: boolean): PyDict {
  return { kind: 'dict', ordered, entries: new Map() };
}

/** Dict keys nested deeper than this (tuples of tuples…) are refused rather than recursed into. */
const MAX_KEY_DEPTH = 32;
const keyCache = new WeakMap<object, string>();

/**
 * The identity of a hashable value as a dict key, the way Python compares them: `1`, `1.0` and
 * `True` are the same key, as are equal strings and equal tuples. Unhashable values (lists, dicts)
 * and our tensor objects are refused. Tuple keys are cached, so a shared tuple is hashed once.
 */
export function keyText(value: PyValue, depth = 0): string {
  if (value === null) return 'N';
  if (typeof value === 'boolean') return `n${value ? 1 : 0}`;
  if (typeof value === 'number' || typeof value === 'bigint') return `n${value}`;
  if (typeof value === 'string') return `s${value}`;
  switch (value.kind) {
    case 'float':
      return Number.isInteger(value.value) ? `n${BigInt(value.value)}` : `f${value.value}`;
    case 'bytes':
      return `b${Array.from(value.value).join(',')}`;
    case 'tuple': {
      const cached = keyCache.get(value);
      if (cached !== undefined) return cached;
      if (depth >= MAX_KEY_DEPTH) {
        throw new WeightsFormatError(
          `malformed pickle: a dict key nests tuples more than ${MAX_KEY_DEPTH} deep`,
        );
      }
      const text = `(${value.items.map((item) => keyText(item, depth + 1)).join('|')})`;
      keyCache.set(value, text);
      return text;
    }
    default:
      throw new WeightsFormatError(
        `malformed pickle: ${describeValue(value)} cannot be a dict key (unhashable)`,
      );
  }
}

/** The value stored under string key `key`, or undefined. */
export function dictGet(dict: PyDict, key: string): PyValue | undefined {
  return dict.entries.get(keyText(key))?.[1];
}

/** Sets `dict[key] = value`; an existing key keeps its place, as in Python. */
export function dictSet(dict: PyDict, key: PyValue, value: PyValue): void {
  const text = keyText(key);
  const existing = dict.entries.get(text);
  dict.entries.set(text, [existing ? existing[0] : key, value]);
}

/** Python type name of a value, for messages: `int`, `OrderedDict`, `torch.Tensor`. */
export function typeName(value: PyValue): string {
  if (value === null) return 'None';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number' || typeof value === 'bigint') return 'int';
  if (typeof value === 'string') return 'str';
  switch (value.kind) {
    case 'dict':
      return value.ordered ? 'OrderedDict' : 'dict';
    case 'tensor':
      return 'torch.Tensor';
    case 'storage':
      return 'a storage';
    case 'callable':
    case 'storage-type':
    case 'dtype':
      return value.name;
    default:
      return value.kind;
  }
}

/** Longest text a value's description shows (a long string or a big list is cut). */
const DESCRIBE_LIMIT = 60;

/**
 * A short description for messages and the list of ignored entries: `1000`, `0.001`, `'Jan 1'`,
 * `None`, `dict of 2 entries`, `list of 3 items`, `tensor [2, 3] float32`.
 */
export function describeValue(value: PyValue): string {
  if (value === null) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'string') {
    const text = value.length > DESCRIBE_LIMIT ? `${value.slice(0, DESCRIBE_LIMIT)}…` : value;
    return `'${text}'`;
  }
  switch (value.kind) {
    case 'float':
      return pyFloatRepr(value.value);
    case 'bytes':
      return `bytes of length ${value.value.length}`;
    case 'tuple':
    case 'list':
    case 'set': {
      const n = value.items.length;
      return `${value.kind} of ${n} ${n === 1 ? 'item' : 'items'}`;
    }
    case 'dict': {
      const n = value.entries.size;
      return `${typeName(value)} of ${n} ${n === 1 ? 'entry' : 'entries'}`;
    }
    case 'tensor':
      return `tensor ${formatShape(value.shape)} ${value.storage.dtype}`;
    case 'storage':
      return `a ${value.dtype} storage of ${value.numel} elements`;
    case 'callable':
    case 'storage-type':
    case 'dtype':
      return value.name;
  }
}
