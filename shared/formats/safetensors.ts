/**
 * `.safetensors` (huggingface/safetensors): an 8-byte little-endian header length N, N bytes of
 * JSON `{key: {dtype, shape, data_offsets: [begin, end]}, "__metadata__": {str: str}}` (may be
 * padded with spaces), then the byte buffer: each tensor's little-endian C-order data at its
 * offsets, relative to the buffer's start. As the format requires, the tensors must cover the
 * buffer exactly: no overlaps, no holes, nothing after the last one.
 */
import { strFromU8 } from 'fflate';
import { WeightsFormatError, formatShape } from '../errors';
import { compareStateDictKeys } from '../model/keys';
import { numel, type DType, type TensorMap } from '../tensor';
import { viewOf } from './bytes';
import { contiguousStrides, gatherStrided, storageItemSize } from './strided';

/** The format's own limit on the header (safetensors refuses larger ones). */
const MAX_HEADER_BYTES = 100_000_000;

const DTYPES: Readonly<Record<string, DType>> = {
  F16: 'float16',
  BF16: 'bfloat16',
  F32: 'float32',
  F64: 'float64',
  I64: 'int64',
  I32: 'int32',
  I16: 'int16',
  I8: 'int8',
  U8: 'uint8',
  U16: 'uint16',
  U32: 'uint32',
  U64: 'uint64',
  BOOL: 'bool',
};

/** Dtypes the format defines that we do not read. */
const UNREAD = new Set(['F8_E5M2', 'F8_E4M3', 'F8_E4M3FN', 'F8_E8M0', 'F6_E2M3', 'F6_E3M2', 'F4', 'C64']);

export interface SafetensorsFile {
  /** In state_dict order (see compareStateDictKeys): the file's own order groups tensors by dtype. */
  tensors: TensorMap;
  /** `__metadata__`, free-form strings (`{"format": "pt"}`), or null when absent. */
  metadata: Record<string, string> | null;
}

interface Entry {
  key: string;
  dtype: DType;
  shape: number[];
  begin: number;
  end: number;
}

/** Whether `bytes` starts like a safetensors file: a header length that fits, then `{`. */
export function looksLikeSafetensors(bytes: Uint8Array): boolean {
  if (bytes.length < 10) return false;
  const headerLength = Number(viewOf(bytes).getBigUint64(0, true));
  return headerLength > 1 && headerLength <= bytes.length - 8 && bytes[8] === 0x7b;
}

export function parseSafetensors(bytes: Uint8Array, name = 'weights.safetensors'): SafetensorsFile {
  if (bytes.length < 8) {
    throw new WeightsFormatError(
      `${name}: truncated: ${bytes.length} bytes; a .safetensors file starts with an 8-byte header length`,
    );
  }
  const declared = viewOf(bytes).getBigUint64(0, true);
  if (declared > BigInt(bytes.length - 8)) {
    throw new WeightsFormatError(
      `${name}: the header length ${declared} is beyond the file (${bytes.length - 8} bytes after the length)`,
    );
  }
  const headerLength = Number(declared);
  if (headerLength > MAX_HEADER_BYTES) {
    throw new WeightsFormatError(
      `${name}: the header is ${headerLength} bytes, over the format's limit of ${MAX_HEADER_BYTES}`,
    );
  }
  const header = parseHeader(bytes.subarray(8, 8 + headerLength), name);
  const buffer = bytes.subarray(8 + headerLength);
  const { entries, metadata } = readEntries(header, buffer.length, name);
  checkCoverage(entries, buffer.length, name);
  entries.sort((a, b) => compareStateDictKeys(a.key, b.key));
  const tensors: TensorMap = new Map();
  for (const e of entries) {
    const data = buffer.subarray(e.begin, e.end);
    const view = { dtype: e.dtype, storageOffset: 0, shape: e.shape, stride: contiguousStrides(e.shape) };
    tensors.set(e.key, gatherStrided(data, numel(e.shape), view, true, `${name}: '${e.key}'`));
  }
  return { tensors, metadata };
}

function parseHeader(raw: Uint8Array, name: string): Record<string, unknown> {
  if (raw[0] !== 0x7b) {
    throw new WeightsFormatError(
      `${name}: the header does not start with '{' (found byte 0x${(raw[0] ?? 0).toString(16)})`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(strFromU8(raw));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new WeightsFormatError(`${name}: the header is not JSON: ${reason}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new WeightsFormatError(`${name}: the header is not a JSON object`);
  }
  return value as Record<string, unknown>;
}

function readEntries(
  header: Record<string, unknown>,
  bufferLength: number,
  name: string,
): { entries: Entry[]; metadata: Record<string, string> | null } {
  let metadata: Record<string, string> | null = null;
  const entries: Entry[] = [];
  for (const [key, info] of Object.entries(header)) {
    if (key === '__metadata__') {
      metadata = readMetadata(info, name);
      continue;
    }
    entries.push(readEntry(key, info, bufferLength, name));
  }
  return { entries, metadata };
}

function readMetadata(info: unknown, name: string): Record<string, string> {
  if (typeof info !== 'object' || info === null || Array.isArray(info)) {
    throw new WeightsFormatError(`${name}: "__metadata__" must be an object of strings`);
  }
  for (const [key, value] of Object.entries(info)) {
    if (typeof value !== 'string') {
      throw new WeightsFormatError(
        `${name}: "__metadata__" entry "${key}" is ${JSON.stringify(value)}, not a string`,
      );
    }
  }
  return { ...(info as Record<string, string>) };
}

function readEntry(key: string, info: unknown, bufferLength: number, name: string): Entry {
  const where = `${name}: tensor '${key}'`;
  if (typeof info !== 'object' || info === null || Array.isArray(info)) {
    throw new WeightsFormatError(`${where} is ${JSON.stringify(info)}, not {dtype, shape, data_offsets}`);
  }
  const { dtype: code, shape, data_offsets: offsets, ...rest } = info as Record<string, unknown>;
  const extra = Object.keys(rest);
  if (extra.length > 0) throw new WeightsFormatError(`${where} has unknown field "${extra[0]}"`);
  if (typeof code !== 'string') throw new WeightsFormatError(`${where} has no "dtype" string`);
  const dtype = DTYPES[code];
  if (dtype === undefined) {
    const why = UNREAD.has(code) ? 'which is not read' : 'an unknown dtype';
    throw new WeightsFormatError(
      `${where} has dtype '${code}', ${why} (read: ${Object.keys(DTYPES).join(', ')})`,
    );
  }
  if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0)) {
    throw new WeightsFormatError(`${where} has "shape" ${JSON.stringify(shape)}, not a list of sizes`);
  }
  if (
    !Array.isArray(offsets) ||
    offsets.length !== 2 ||
    !offsets.every((d) => Number.isSafeInteger(d) && d >= 0)
  ) {
    throw new WeightsFormatError(`${where} has "data_offsets" ${JSON.stringify(offsets)}, not [begin, end]`);
  }
  const [begin, end] = offsets as [number, number];
  if (begin > end || end > bufferLength) {
    throw new WeightsFormatError(
      `${where}: data_offsets [${begin}, ${end}] are out of range (the data buffer holds ${bufferLength} bytes)`,
    );
  }
  const expected = numel(shape as number[]) * storageItemSize(dtype);
  if (expected !== end - begin) {
    throw new WeightsFormatError(
      `${where}: shape ${formatShape(shape as number[])} of ${code} needs ${expected} bytes, data_offsets [${begin}, ${end}] span ${end - begin}`,
    );
  }
  return { key, dtype, shape: shape as number[], begin, end };
}

/** The tensors must tile the buffer: sorted by offset, each begins where the previous ended. */
function checkCoverage(entries: readonly Entry[], bufferLength: number, name: string): void {
  const sorted = [...entries].sort((a, b) => a.begin - b.begin || a.end - b.end);
  let covered = 0;
  let previous: Entry | null = null;
  for (const e of sorted) {
    if (e.begin < covered) {
      throw new WeightsFormatError(
        `${name}: tensors '${previous!.key}' [${previous!.begin}, ${previous!.end}] and '${e.key}' [${e.begin}, ${e.end}] overlap`,
      );
    }
    if (e.begin > covered) {
      throw new WeightsFormatError(
        `${name}: bytes [${covered}, ${e.begin}) of the data buffer belong to no tensor (before '${e.key}'); the format allows no holes`,
      );
    }
    covered = e.end;
    if (e.end > e.begin) previous = e;
  }
  if (covered !== bufferLength) {
    throw new WeightsFormatError(
      `${name}: the tensors cover ${covered} of the data buffer's ${bufferLength} bytes; the format allows nothing after the last tensor`,
    );
  }
}
