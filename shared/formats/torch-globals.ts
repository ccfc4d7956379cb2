/**
 * What a PyTorch checkpoint's pickle may name, and our own stand-ins for it. The allow-list is the
 * part of torch 1.13's `weights_only=True` list (`_weights_only_unpickler._get_allowed_globals`)
 * that a dense state_dict uses: `collections.OrderedDict`, `torch._utils._rebuild_tensor(_v2)`,
 * `_rebuild_parameter(_with_state)`, `torch.nn.Parameter` (NEWOBJ), `torch.Size`, the
 * `torch.*Storage` types (and `torch.cuda.*Storage`, read on the CPU), and dtypes. Everything else
 * is refused, naming it; nothing named is ever looked up or run.
 */
import { UnsafePickleError, WeightsFormatError } from '../errors';
import type { DType } from '../tensor';
import {
  describeValue,
  dictSet,
  isSequence,
  isTensor,
  newDict,
  type PyCallable,
  type PyValue,
  type TensorRef,
} from './pickle-values';

/** `FloatStorage` → float32; the storage types a dense state_dict uses. */
const STORAGE_DTYPES: Readonly<Record<string, DType>> = {
  FloatStorage: 'float32',
  DoubleStorage: 'float64',
  HalfStorage: 'float16',
  BFloat16Storage: 'bfloat16',
  LongStorage: 'int64',
  IntStorage: 'int32',
  ShortStorage: 'int16',
  CharStorage: 'int8',
  ByteStorage: 'uint8',
  BoolStorage: 'bool',
  UntypedStorage: 'uint8',
};

/** Storage types PyTorch allows but we do not read: the message says why when one is used. */
const UNREAD_STORAGES = new Set([
  'ComplexFloatStorage',
  'ComplexDoubleStorage',
  'QInt8Storage',
  'QUInt8Storage',
  'QInt32Storage',
  'QUInt4x2Storage',
  'QUInt2x4Storage',
  'TypedStorage',
]);

/** `torch.float32` → float32 (dtype objects can appear in a pickle; torch.float is float32). */
const DTYPES: Readonly<Record<string, DType>> = {
  float16: 'float16',
  half: 'float16',
  bfloat16: 'bfloat16',
  float32: 'float32',
  float: 'float32',
  float64: 'float64',
  double: 'float64',
  int64: 'int64',
  long: 'int64',
  int32: 'int32',
  int: 'int32',
  int16: 'int16',
  short: 'int16',
  int8: 'int8',
  uint8: 'uint8',
  bool: 'bool',
};

/** Globals PyTorch's weights_only list allows whose objects we do not read, and why. */
const NOT_READ: Readonly<Record<string, string>> = {
  'torch._utils._rebuild_sparse_tensor': 'sparse tensors are not read',
  'torch._utils._rebuild_sparse_csr_tensor': 'sparse tensors are not read',
  'torch.serialization._get_layout': 'sparse tensors are not read',
  'torch._utils._rebuild_meta_tensor_no_storage': 'meta tensors hold no values',
  'torch._utils._rebuild_qtensor': 'quantized tensors are not read',
};

/** Resolves GLOBAL `module.name` against the allow-list; `where` names the pickle in messages. */
export function torchGlobal(module: string, name: string, where: string): PyValue {
  const full = `${module}.${name}`;
  if (full === 'collections.OrderedDict') return ORDERED_DICT;
  if (full === 'torch._utils._rebuild_tensor_v2' || full === 'torch._utils._rebuild_tensor') {
    return rebuildTensor(full, where);
  }
  if (full === 'torch._utils._rebuild_parameter' || full === 'torch._utils._rebuild_parameter_with_state') {
    return rebuildParameter(full, where);
  }
  if (full === 'torch.nn.parameter.Parameter') return parameterClass(where);
  if (full === 'torch.Size') return TORCH_SIZE;
  const storage = /^torch\.(?:cuda\.|storage\.)?(\w+Storage)$/.exec(full)?.[1];
  if (storage !== undefined && (storage in STORAGE_DTYPES || UNREAD_STORAGES.has(storage))) {
    return { kind: 'storage-type', name: full, dtype: STORAGE_DTYPES[storage] ?? null };
  }
  if (module === 'torch' && name in DTYPES) return { kind: 'dtype', name: full, dtype: DTYPES[name]! };
  const reason = NOT_READ[full];
  if (reason !== undefined) throw new WeightsFormatError(`${where}: ${full}: ${reason}`);
  throw new UnsafePickleError(
    `${where}: refused: the pickle asks for the Python global '${full}'${hintFor(module, name)}; a state_dict needs only tensors, storages, dtypes and OrderedDict, and anything else could run code. Nothing was run`,
  );
}

/** What some globals that show up in malicious pickles would do. */
const DANGEROUS: Readonly<Record<string, string>> = {
  system: 'it would run a shell command',
  popen: 'it would run a shell command',
  eval: 'it would evaluate Python code',
  exec: 'it would run Python code',
  compile: 'it would compile Python code',
  __import__: 'it would import a module',
  getattr: 'it would look up any attribute',
};

/** Why a refused global is probably there, when we can tell. */
function hintFor(module: string, name: string): string {
  const danger = DANGEROUS[name];
  if (danger && ['os', 'posix', 'nt', 'builtins', '__builtin__'].includes(module)) return ` (${danger})`;
  if (module === 'subprocess' || module === 'runpy') return ' (it would start a program)';
  if (module.startsWith('numpy')) {
    return ' (a NumPy value in the checkpoint: save plain Python numbers, or only the state_dict)';
  }
  if (module === '__main__' || (/^[A-Z]/.test(name) && !module.startsWith('torch._utils'))) {
    return ' (a class: torch.save(model) pickles the whole module; save model.state_dict() instead)';
  }
  return '';
}

const ORDERED_DICT: PyCallable = {
  kind: 'callable',
  name: 'collections.OrderedDict',
  call: (args) => {
    const dict = newDict(true);
    if (args.length === 0) return dict;
    const pairs = args[0]!;
    if (args.length === 1 && isSequence(pairs)) {
      for (const pair of pairs.items) {
        if (!isSequence(pair) || pair.items.length !== 2) break;
        dictSet(dict, pair.items[0]!, pair.items[1]!);
      }
      if (dict.entries.size === pairs.items.length) return dict;
    }
    throw new WeightsFormatError(`malformed pickle: OrderedDict(${args.map(describeValue).join(', ')})`);
  },
};

const TORCH_SIZE: PyCallable = {
  kind: 'callable',
  name: 'torch.Size',
  call: (args) => {
    const items = args.length === 1 && isSequence(args[0]!) ? args[0].items : null;
    if (!items || !items.every(isSize)) {
      throw new WeightsFormatError(`malformed pickle: torch.Size(${args.map(describeValue).join(', ')})`);
    }
    return { kind: 'tuple', items };
  },
};

/** An integer ≥ 0 (a size, stride, offset or element count). */
export function isSize(value: PyValue | undefined): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

/** A tuple of sizes or strides (`torch.Size` arrives as a tuple too). */
function intTuple(value: PyValue | undefined, what: string, where: string): number[] {
  if (value !== undefined && isSequence(value, 'tuple') && value.items.every(isSize))
    return value.items as number[];
  const found = value === undefined ? 'nothing' : describeValue(value);
  throw new WeightsFormatError(
    `${where}: a tensor's ${what} must be a tuple of integers ≥ 0, found ${found}`,
  );
}

/** `_rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata])`. */
function rebuildTensor(name: string, where: string): PyCallable {
  const v2 = name.endsWith('_v2');
  return {
    kind: 'callable',
    name,
    call: (args) => {
      const [storage, offset, size, stride] = args;
      const arity = v2 ? args.length === 6 || args.length === 7 : args.length === 4;
      if (!arity || typeof storage !== 'object' || storage === null || storage.kind !== 'storage') {
        throw new WeightsFormatError(
          `${where}: malformed pickle: ${name} needs (storage, offset, size, stride${v2 ? ', …' : ''}), ` +
            `found (${args.map(describeValue).join(', ')})`,
        );
      }
      if (!isSize(offset)) {
        throw new WeightsFormatError(
          `${where}: a tensor's storage offset must be an integer ≥ 0, found ${describeValue(offset!)}`,
        );
      }
      const shape = intTuple(size, 'size', where);
      const strides = intTuple(stride, 'stride', where);
      if (shape.length !== strides.length) {
        throw new WeightsFormatError(
          `${where}: a tensor has ${shape.length} sizes but ${strides.length} strides`,
        );
      }
      const ref: TensorRef = { kind: 'tensor', storage, storageOffset: offset, shape, stride: strides };
      return ref;
    },
  };
}

/** `_rebuild_parameter(data, requires_grad, backward_hooks[, state])`: the parameter is its tensor. */
function rebuildParameter(name: string, where: string): PyCallable {
  return {
    kind: 'callable',
    name,
    call: (args) => {
      const expected = name.endsWith('_with_state') ? 4 : 3;
      if (args.length !== expected || !isTensor(args[0]!)) {
        throw new WeightsFormatError(
          `${where}: malformed pickle: ${name}(${args.map(describeValue).join(', ')})`,
        );
      }
      return args[0];
    },
  };
}

/** `torch.nn.Parameter(data[, requires_grad])`, which PyTorch's list allows through NEWOBJ only. */
function parameterClass(where: string): PyCallable {
  return {
    kind: 'callable',
    name: 'torch.nn.parameter.Parameter',
    construct: (args) => {
      if (args.length < 1 || args.length > 2 || !isTensor(args[0]!)) {
        throw new WeightsFormatError(
          `${where}: malformed pickle: Parameter(${args.map(describeValue).join(', ')})`,
        );
      }
      return args[0];
    },
  };
}
