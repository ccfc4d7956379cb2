/**
 * NumPy dtype descriptors (`'<f4'`, `'>i8'`, `'|b1'`) and the values they encode.
 * Decoding copies into the tensor's float32/float64 storage (see `Tensor.data`).
 */
import { storesFloat64, type DType } from '../tensor';
import { float16ToNumber, numberToFloat16 } from './float16';

export interface NpyDtype {
  dtype: DType;
  littleEndian: boolean;
  /** Bytes per value. */
  itemSize: number;
}

const BY_CODE: Readonly<Record<string, DType>> = {
  f2: 'float16',
  f4: 'float32',
  f8: 'float64',
  i1: 'int8',
  i2: 'int16',
  i4: 'int32',
  i8: 'int64',
  u1: 'uint8',
  u2: 'uint16',
  u4: 'uint32',
  u8: 'uint64',
  b1: 'bool',
};

/** NumPy has no bfloat16: such a tensor is written as float32, which holds every bfloat16 exactly. */
const CODE_OF: Readonly<Record<DType, string>> = {
  float16: 'f2',
  bfloat16: 'f4',
  float32: 'f4',
  float64: 'f8',
  int8: 'i1',
  int16: 'i2',
  int32: 'i4',
  int64: 'i8',
  uint8: 'u1',
  uint16: 'u2',
  uint32: 'u4',
  uint64: 'u8',
  bool: 'b1',
};

/** Why a descriptor is not a plain number dtype, in words a user can act on. */
const UNSUPPORTED_KINDS: Readonly<Record<string, string>> = {
  O: 'Python objects (a pickled object array; save plain number arrays instead, e.g. tensor.numpy())',
  U: 'Unicode strings',
  S: 'byte strings',
  a: 'byte strings',
  c: 'complex numbers',
  M: 'datetimes',
  m: 'timedeltas',
  V: 'raw or structured records',
};

/** Byte order, kind letter, item size: `'<f4'`, `'|O'`, `'>i8'`. */
const DESCR = /^([<>|=]?)([a-zA-Z])(\d*)$/;

/** The kind letter of a descriptor (`'f'` for `'<f4'`, `'O'` for `'|O'`), or null if it is not one. */
export function descrKind(descr: string): string | null {
  return DESCR.exec(descr)?.[2] ?? null;
}

/** Parses a descriptor; returns a sentence saying why when it is not supported. */
export function parseDescr(descr: string): NpyDtype | { unsupported: string } {
  const match = DESCR.exec(descr);
  if (!match) return { unsupported: `dtype '${descr}' is not a plain number dtype` };
  const [, order, kind, size] = match as unknown as [string, string, string, string];
  const reason = UNSUPPORTED_KINDS[kind];
  if (reason !== undefined) return { unsupported: `dtype '${descr}' holds ${reason}` };
  const dtype = BY_CODE[`${kind}${size}`];
  if (dtype === undefined) return { unsupported: `dtype '${descr}' is not supported` };
  return { dtype, littleEndian: order !== '>', itemSize: Number(size) };
}

/** The descriptor NumPy writes for `dtype` in little-endian order: `<f4`, `|u1`, `|b1`. */
export function descrOf(dtype: DType): string {
  const code = CODE_OF[dtype];
  return `${code.endsWith('1') ? '|' : '<'}${code}`;
}

export function itemSizeOf(dtype: DType): number {
  return Number(CODE_OF[dtype].slice(1));
}

/** Reads `count` values of `type` from `view` starting at byte `offset`. */
export function decodeValues(
  view: DataView,
  offset: number,
  count: number,
  type: NpyDtype,
): Float32Array | Float64Array {
  const out = storesFloat64(type.dtype) ? new Float64Array(count) : new Float32Array(count);
  const le = type.littleEndian;
  const read = readerFor(type.dtype, view, le);
  for (let i = 0, at = offset; i < count; i++, at += type.itemSize) out[i] = read(at);
  return out;
}

function readerFor(dtype: DType, view: DataView, le: boolean): (at: number) => number {
  switch (dtype) {
    case 'float16':
      return (at) => float16ToNumber(view.getUint16(at, le));
    case 'float32':
    case 'bfloat16': // stored as float32 (see CODE_OF)
      return (at) => view.getFloat32(at, le);
    case 'float64':
      return (at) => view.getFloat64(at, le);
    case 'int8':
      return (at) => view.getInt8(at);
    case 'int16':
      return (at) => view.getInt16(at, le);
    case 'int32':
      return (at) => view.getInt32(at, le);
    case 'int64':
      return (at) => Number(view.getBigInt64(at, le));
    case 'uint8':
      return (at) => view.getUint8(at);
    case 'uint16':
      return (at) => view.getUint16(at, le);
    case 'uint32':
      return (at) => view.getUint32(at, le);
    case 'uint64':
      return (at) => Number(view.getBigUint64(at, le));
    case 'bool':
      return (at) => (view.getUint8(at) === 0 ? 0 : 1);
  }
}

/** Writes `values` as little-endian `dtype` into `view` from byte `offset` (integers are truncated). */
export function encodeValues(view: DataView, offset: number, values: ArrayLike<number>, dtype: DType): void {
  const size = itemSizeOf(dtype);
  const write = writerFor(dtype, view);
  for (let i = 0, at = offset; i < values.length; i++, at += size) write(at, values[i]!);
}

function writerFor(dtype: DType, view: DataView): (at: number, value: number) => void {
  switch (dtype) {
    case 'float16':
      return (at, v) => view.setUint16(at, numberToFloat16(v), true);
    case 'float32':
    case 'bfloat16':
      return (at, v) => view.setFloat32(at, v, true);
    case 'float64':
      return (at, v) => view.setFloat64(at, v, true);
    case 'int8':
      return (at, v) => view.setInt8(at, v);
    case 'int16':
      return (at, v) => view.setInt16(at, v, true);
    case 'int32':
      return (at, v) => view.setInt32(at, v, true);
    case 'int64':
      return (at, v) => view.setBigInt64(at, BigInt(Math.trunc(v)), true);
    case 'uint8':
      return (at, v) => view.setUint8(at, v);
    case 'uint16':
      return (at, v) => view.setUint16(at, v, true);
    case 'uint32':
      return (at, v) => view.setUint32(at, v, true);
    case 'uint64':
      return (at, v) => view.setBigUint64(at, BigInt(Math.trunc(v)), true);
    case 'bool':
      return (at, v) => view.setUint8(at, v === 0 ? 0 : 1);
  }
}
