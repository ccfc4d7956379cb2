/**
 * NumPy `.npy` files (format spec: numpy.lib.format, versions 1.0, 2.0 and 3.0).
 * Reads every plain number dtype in either byte order and Fortran order; writes what `numpy.save`
 * writes, byte for byte (version 1.0 unless the header needs 2.0, data 64-byte aligned).
 */
import { WeightsFormatError, formatShape } from '../errors';
import { numel, type Tensor } from '../tensor';
import { asciiText, describeFirstBytes, startsWith, viewOf } from './bytes';
import { decodeValues, descrOf, encodeValues, itemSizeOf, parseDescr, type NpyDtype } from './npy-dtype';
import { MAX_AXIS_SIZE, MAX_NPY_HEADER_BYTES, MAX_RANK } from './limits';
import { PyLiteralError, parsePyLiteral, type PyValue } from './py-literal';
import { strFromU8 } from 'fflate';

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY
const ALIGN = 64;
const HOST_LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

/** Whether `bytes` starts with the `.npy` magic string. */
export function isNpy(bytes: Uint8Array): boolean {
  return startsWith(bytes, MAGIC);
}

interface NpyHeader {
  type: NpyDtype;
  fortranOrder: boolean;
  shape: number[];
  dataOffset: number;
}

/** Parses an `.npy` file into a C-order tensor. `name` is used in error messages. */
export function parseNpy(bytes: Uint8Array, name = 'array.npy'): Tensor {
  const header = readHeader(bytes, name);
  const { type, shape, dataOffset } = header;
  const count = numel(shape);
  const needed = count * type.itemSize;
  if (bytes.length - dataOffset < needed) {
    throw new WeightsFormatError(
      `${name}: truncated: shape ${formatShape(shape)} of '${descrOf(type.dtype)}' needs ${needed} bytes ` +
        `of data from byte offset ${dataOffset}, the file has ${Math.max(0, bytes.length - dataOffset)}`,
    );
  }
  let data = decodeData(bytes, dataOffset, count, type);
  if (header.fortranOrder && shape.length > 1) data = fortranToC(data, shape);
  return { dtype: type.dtype, shape, data };
}

function readHeader(bytes: Uint8Array, name: string): NpyHeader {
  const { value, dataOffset } = readHeaderValue(bytes, name);
  return { ...interpretHeader(value, name), dataOffset };
}

/**
 * The header's `descr` when the bytes begin a readable `.npy` header, whatever the dtype (a pickled
 * object array gives `'|O'`), else null: for callers that say more about some dtypes than parseNpy can.
 */
export function npyDescr(bytes: Uint8Array): string | null {
  try {
    const { value } = readHeaderValue(bytes, '');
    const descr = value !== null && typeof value === 'object' && !Array.isArray(value) ? value.descr : null;
    return typeof descr === 'string' ? descr : null;
  } catch (error) {
    if (error instanceof WeightsFormatError) return null;
    throw error;
  }
}

function readHeaderValue(bytes: Uint8Array, name: string): { value: PyValue; dataOffset: number } {
  if (!isNpy(bytes)) {
    throw new WeightsFormatError(
      `${name}: not an .npy file: expected the magic "\\x93NUMPY", found ${describeFirstBytes(bytes)}`,
    );
  }
  if (bytes.length < 10)
    throw new WeightsFormatError(`${name}: truncated .npy header (${bytes.length} bytes)`);
  const major = bytes[6]!;
  const minor = bytes[7]!;
  if (major < 1 || major > 3) {
    throw new WeightsFormatError(`${name}: unsupported .npy version ${major}.${minor} (1.0, 2.0, 3.0 are)`);
  }
  const view = viewOf(bytes);
  const headerStart = major === 1 ? 10 : 12;
  if (bytes.length < headerStart) throw new WeightsFormatError(`${name}: truncated .npy header`);
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  if (headerLength > MAX_NPY_HEADER_BYTES) {
    throw new WeightsFormatError(
      `${name}: the .npy header claims ${headerLength} bytes; at most ${MAX_NPY_HEADER_BYTES} are read ` +
        `(numpy.save writes under 200 for a plain array)`,
    );
  }
  const dataOffset = headerStart + headerLength;
  if (dataOffset > bytes.length) {
    throw new WeightsFormatError(
      `${name}: truncated: the header claims ${headerLength} bytes from byte offset ${headerStart}, ` +
        `the file has ${bytes.length - headerStart}`,
    );
  }
  const raw = bytes.subarray(headerStart, dataOffset);
  const text = major === 3 ? strFromU8(raw) : asciiText(raw);
  return { value: parseHeaderText(text, name), dataOffset };
}

function parseHeaderText(text: string, name: string): PyValue {
  try {
    return parsePyLiteral(text);
  } catch (error) {
    if (error instanceof PyLiteralError) {
      throw new WeightsFormatError(`${name}: unreadable .npy header: ${error.message}`);
    }
    throw error;
  }
}

function interpretHeader(value: PyValue, name: string): Omit<NpyHeader, 'dataOffset'> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new WeightsFormatError(`${name}: the .npy header is not a dict`);
  }
  const { descr, fortran_order: fortranOrder, shape } = value;
  if (Array.isArray(descr)) {
    throw new WeightsFormatError(
      `${name}: structured dtype (record fields) is not supported; save one array per tensor`,
    );
  }
  if (typeof descr !== 'string')
    throw new WeightsFormatError(`${name}: the .npy header has no 'descr' string`);
  const type = parseDescr(descr);
  if ('unsupported' in type) throw new WeightsFormatError(`${name}: ${type.unsupported}`);
  if (typeof fortranOrder !== 'boolean') {
    throw new WeightsFormatError(`${name}: the .npy header has no 'fortran_order' True/False`);
  }
  if (!Array.isArray(shape) || !shape.every((d) => typeof d === 'number' && Number.isInteger(d) && d >= 0)) {
    throw new WeightsFormatError(`${name}: the .npy header's 'shape' is not a tuple of sizes`);
  }
  if (shape.length > MAX_RANK) {
    throw new WeightsFormatError(
      `${name}: the .npy header's 'shape' has ${shape.length} axes; at most ${MAX_RANK} are read`,
    );
  }
  const huge = (shape as number[]).findIndex((d) => d > MAX_AXIS_SIZE);
  if (huge >= 0) {
    throw new WeightsFormatError(
      `${name}: the .npy header's 'shape' gives axis ${huge} ${String(shape[huge])} items; at most ${MAX_AXIS_SIZE} are read`,
    );
  }
  return { type, fortranOrder, shape: shape as number[] };
}

function decodeData(
  bytes: Uint8Array,
  offset: number,
  count: number,
  type: NpyDtype,
): Float32Array | Float64Array {
  const start = bytes.byteOffset + offset;
  if (type.dtype === 'float32' && type.littleEndian === HOST_LITTLE_ENDIAN) {
    return new Float32Array(bytes.buffer.slice(start, start + count * 4));
  }
  if (type.dtype === 'float64' && type.littleEndian === HOST_LITTLE_ENDIAN) {
    return new Float64Array(bytes.buffer.slice(start, start + count * 8));
  }
  return decodeValues(viewOf(bytes), offset, count, type);
}

/** Reorders Fortran-order (first index fastest) values into C order. */
function fortranToC<T extends Float32Array | Float64Array>(data: T, shape: readonly number[]): T {
  const out = (
    data instanceof Float64Array ? new Float64Array(data.length) : new Float32Array(data.length)
  ) as T;
  const rank = shape.length;
  // Fortran stride of each axis, and an odometer over C order.
  const fStride = new Array<number>(rank);
  for (let axis = 0, s = 1; axis < rank; axis++) {
    fStride[axis] = s;
    s *= shape[axis]!;
  }
  const index = new Array<number>(rank).fill(0);
  let source = 0;
  for (let i = 0; i < out.length; i++) {
    out[i] = data[source]!;
    for (let axis = rank - 1; axis >= 0; axis--) {
      index[axis]!++;
      source += fStride[axis]!;
      if (index[axis]! < shape[axis]!) break;
      source -= index[axis]! * fStride[axis]!;
      index[axis] = 0;
    }
  }
  return out;
}

/** The header dict exactly as `numpy.save` writes it. */
function headerDict(descr: string, shape: readonly number[]): string {
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  return `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shapeText}, }`;
}

/**
 * Encodes a tensor as `.npy` in its own dtype, little-endian, C order, byte-identical to
 * `numpy.save`. Version 1.0; 2.0 only when the header exceeds 65535 bytes.
 */
export function encodeNpy(tensor: Tensor): Uint8Array {
  return encodeNpyWithRoom(tensor, true);
}

function encodeNpyWithRoom(tensor: Tensor, withData: boolean): Uint8Array {
  const count = numel(tensor.shape);
  if (count !== tensor.data.length) {
    throw new RangeError(
      `encodeNpy: shape ${formatShape(tensor.shape)} holds ${count} values, data has ${tensor.data.length}`,
    );
  }
  const dict = headerDict(descrOf(tensor.dtype), tensor.shape);
  let preamble = MAGIC.length + 2 + 2;
  let headerLength = Math.ceil((preamble + dict.length + 1) / ALIGN) * ALIGN - preamble;
  const major = headerLength > 0xffff ? 2 : 1;
  if (major === 2) {
    preamble += 2;
    headerLength = Math.ceil((preamble + dict.length + 1) / ALIGN) * ALIGN - preamble;
  }
  const header = dict.padEnd(headerLength - 1, ' ') + '\n';
  const itemSize = itemSizeOf(tensor.dtype);
  const bytes = new Uint8Array(preamble + headerLength + (withData ? count * itemSize : 0));
  const view = viewOf(bytes);
  bytes.set(MAGIC, 0);
  bytes[6] = major;
  bytes[7] = 0;
  if (major === 1) view.setUint16(8, headerLength, true);
  else view.setUint32(8, headerLength, true);
  for (let i = 0; i < header.length; i++) bytes[preamble + i] = header.charCodeAt(i);
  const dataOffset = preamble + headerLength;
  if (!withData) return bytes;
  const { data } = tensor;
  if (tensor.dtype === 'float32' && HOST_LITTLE_ENDIAN) {
    const values = data instanceof Float32Array ? data : Float32Array.from(data);
    bytes.set(new Uint8Array(values.buffer, values.byteOffset, values.byteLength), dataOffset);
  } else if (tensor.dtype === 'float64' && HOST_LITTLE_ENDIAN) {
    const values = data instanceof Float64Array ? data : Float64Array.from(data);
    bytes.set(new Uint8Array(values.buffer, values.byteOffset, values.byteLength), dataOffset);
  } else {
    encodeValues(view, dataOffset, tensor.data, tensor.dtype);
  }
  return bytes;
}

/**
 * Encodes float32 values as an `.npy` v1.0 file: dtype `<f4`, C order, the given shape.
 * The header is padded with spaces so the data starts on a 64-byte boundary, as NumPy does.
 */
export function encodeNpyFloat32(data: Float32Array, shape: readonly number[]): Uint8Array {
  return encodeNpy({ dtype: 'float32', shape, data });
}

/**
 * The same file as encodeNpyFloat32, as parts to write one after the other: the header, then a
 * view of `data` itself (on a little-endian host), so a 99 MB spectrogram is not copied to be saved.
 */
export function encodeNpyFloat32Parts(data: Float32Array, shape: readonly number[]): Uint8Array[] {
  if (!HOST_LITTLE_ENDIAN) return [encodeNpyFloat32(data, shape)];
  const header = encodeNpyWithRoom({ dtype: 'float32', shape, data }, false);
  return [header, new Uint8Array(data.buffer, data.byteOffset, data.byteLength)];
}
