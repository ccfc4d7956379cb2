/**
 * PyTorch `torch.save` files, read without running any of their code:
 * - the zip format (torch ≥ 1.6): `<top>/data.pkl`, one `<top>/data/<key>` record per storage,
 *   `<top>/version`, optionally `<top>/byteorder` (`little` when absent); any top folder name;
 * - the legacy format (`_use_new_zipfile_serialization=False`, and everything before 1.6): five
 *   pickles in a row — the magic number 0x1950a86a20f9469cfc6c, the protocol version 1001, sys_info,
 *   the object, the sorted list of storage keys — then each storage as an int64 element count and
 *   its raw little-endian bytes.
 * The pickle goes through the restricted unpickler (pickle.ts) with the allow-list of
 * torch-globals.ts; tensors are gathered from their storages only when asked for.
 */
import { WeightsFormatError } from '../errors';
import type { Tensor } from '../tensor';
import { asciiText, startsWith, viewOf } from './bytes';
import { unpickle, type PickleHooks } from './pickle';
import { describeValue, isDict, isSequence, type PyValue, type TensorRef } from './pickle-values';
import { gatherStrided, storageItemSize } from './strided';
import { torchGlobal } from './torch-globals';
import { StorageTable } from './torch-storages';
import { extractZipEntry, type ZipEntry } from './zip';

export type TorchFormat = 'torch-zip' | 'torch-legacy';

export interface TorchFile {
  format: TorchFormat;
  /** What was saved: usually a dict (a state_dict, or a training checkpoint holding one). */
  root: PyValue;
  /** The tensor `ref` describes, in C order; `key` names it in messages. */
  tensor(ref: TensorRef, key: string): Tensor;
}

/** 0x1950a86a20f9469cfc6c, the first pickle of a legacy torch.save file (LONG1, 10 bytes). */
const LEGACY_MAGIC = 0x1950a86a20f9469cfc6cn;
const LEGACY_PROTOCOL = 1001;
const LEGACY_MAGIC_LONG = [0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19];

/**
 * A file's tensors may hold at most this many values per byte of the file, plus a small
 * allowance: every stored value takes at least a byte, so only tied or expanded (stride 0)
 * tensors come near it. It keeps a small file from asking for gigabytes.
 */
const VALUES_PER_BYTE = 4;
const VALUES_ALLOWANCE = 1 << 20;

/**
 * Whether `bytes` begins a legacy torch.save file: PROTO 2…5, a FRAME header under protocol 4+
 * (`torch.save(…, pickle_protocol=4)`), then the magic number as LONG1.
 */
export function isTorchLegacy(bytes: Uint8Array): boolean {
  if (bytes.length < 2 || bytes[0] !== 0x80 || bytes[1]! < 2 || bytes[1]! > 5) return false;
  const at = bytes[2] === 0x95 ? 11 : 2;
  return startsWith(bytes, LEGACY_MAGIC_LONG, at);
}

/** The top folder of a torch.save archive (`archive/`), or null when the ZIP is not one. */
export function torchArchiveTop(entries: readonly ZipEntry[]): string | null {
  const pickles = entries.filter((e) => /^(?:[^/]+\/)?data\.pkl$/.test(e.name));
  if (pickles.length === 0) return null;
  return pickles[0]!.name.slice(0, -'data.pkl'.length);
}

/** Reads a torch.save zip archive whose entries `entries` are (see `torchArchiveTop`). */
export function readTorchZip(bytes: Uint8Array, entries: readonly ZipEntry[], name: string): TorchFile {
  const top = torchArchiveTop(entries)!;
  const byName = new Map(entries.map((e) => [e.name, e]));
  if (byName.has(`${top}constants.pkl`) || entries.some((e) => e.name.startsWith(`${top}code/`))) {
    throw new WeightsFormatError(
      `${name} is a TorchScript archive (torch.jit.save), which holds code as well as weights and is not read; ` +
        `save the weights with torch.save(model.state_dict(), path)`,
    );
  }
  const pickles = entries.filter((e) => e.name.endsWith('data.pkl') && e.name.split('/').length <= 2);
  if (pickles.length > 1) {
    throw new WeightsFormatError(`${name}: a torch.save archive with ${pickles.length} data.pkl records`);
  }
  const littleEndian = readByteOrder(bytes, byName.get(`${top}byteorder`), name);
  const where = `${name}: ${top}data.pkl`;
  const table = new StorageTable(where);
  const pkl = extractZipEntry(bytes, byName.get(`${top}data.pkl`)!, name);
  const { value } = unpickle(pkl, 0, torchHooks(table, where), where);
  const storages = new Map<string, Uint8Array>();
  const storageBytes = (key: string): Uint8Array => {
    const cached = storages.get(key);
    if (cached) return cached;
    const record = `${top}data/${key}`;
    const entry = byName.get(record);
    if (!entry) throw new WeightsFormatError(`${name}: the storage record '${record}' is missing`);
    const root = table.byKey.get(key)!;
    const expected = root.numel * storageItemSize(root.dtype);
    if (entry.uncompressedSize !== expected) {
      throw new WeightsFormatError(
        `${name}: the record '${record}' holds ${entry.uncompressedSize} bytes, but the pickle says it is ` +
          `${root.numel} ${root.dtype} values (${expected} bytes)`,
      );
    }
    const data = extractZipEntry(bytes, entry, name);
    storages.set(key, data);
    return data;
  };
  return {
    format: 'torch-zip',
    root: value,
    tensor: tensorReader(storageBytes, littleEndian, bytes.length, name),
  };
}

function readByteOrder(bytes: Uint8Array, entry: ZipEntry | undefined, name: string): boolean {
  if (!entry) return true;
  const text = asciiText(extractZipEntry(bytes, entry, name)).trim();
  if (text !== 'little' && text !== 'big') {
    throw new WeightsFormatError(
      `${name}: the byteorder record says '${text.slice(0, 20)}', expected little or big`,
    );
  }
  return text === 'little';
}

/** Reads a legacy (non-zip) torch.save file. */
export function readTorchLegacy(bytes: Uint8Array, name: string): TorchFile {
  const where = `${name} (legacy torch.save)`;
  const table = new StorageTable(where);
  const plain = torchHooks(new StorageTable(where), where);
  const magic = unpickle(bytes, 0, plain, `${where}: magic number`);
  if (magic.value !== LEGACY_MAGIC) {
    throw new WeightsFormatError(
      `${where}: the first pickle is ${describeValue(magic.value)}, not torch.save's magic number`,
    );
  }
  const protocol = unpickle(bytes, magic.end, plain, `${where}: protocol version`);
  if (protocol.value !== LEGACY_PROTOCOL) {
    throw new WeightsFormatError(
      `${where}: protocol version ${describeValue(protocol.value)}, expected ${LEGACY_PROTOCOL}`,
    );
  }
  const sysInfo = unpickle(bytes, protocol.end, plain, `${where}: sys_info`);
  if (!isDict(sysInfo.value))
    throw new WeightsFormatError(`${where}: sys_info is ${describeValue(sysInfo.value)}, not a dict`);
  const object = unpickle(bytes, sysInfo.end, torchHooks(table, where), where);
  const keys = unpickle(bytes, object.end, plain, `${where}: storage keys`);
  const storages = legacyStorages(bytes, keys.value, keys.end, table, where);
  const storageBytes = (key: string): Uint8Array => {
    const data = storages.get(key);
    if (!data) throw new WeightsFormatError(`${where}: storage '${key}' is not in the file's storage list`);
    return data;
  };
  // PyTorch writes legacy storages little-endian on every machine.
  return {
    format: 'torch-legacy',
    root: object.value,
    tensor: tensorReader(storageBytes, true, bytes.length, name),
  };
}

/** Each listed storage: an int64 element count (which must match the pickle's), then its bytes. */
function legacyStorages(
  bytes: Uint8Array,
  keyList: PyValue,
  start: number,
  table: StorageTable,
  where: string,
): Map<string, Uint8Array> {
  if (!isSequence(keyList, 'list') || !keyList.items.every((k) => typeof k === 'string')) {
    throw new WeightsFormatError(
      `${where}: the storage key list is ${describeValue(keyList)}, not a list of keys`,
    );
  }
  const view = viewOf(bytes);
  const storages = new Map<string, Uint8Array>();
  let at = start;
  for (const key of keyList.items as string[]) {
    const ref = table.byKey.get(key);
    if (!ref) throw new WeightsFormatError(`${where}: storage '${key}' is listed but no tensor uses it`);
    if (at + 8 > bytes.length) {
      throw new WeightsFormatError(
        `${where}: truncated: the file ends at byte ${bytes.length}, before storage '${key}'`,
      );
    }
    const count = view.getBigInt64(at, true);
    if (count !== BigInt(ref.numel)) {
      throw new WeightsFormatError(
        `${where}: storage '${key}' at byte ${at} says ${count} elements, the pickle says ${ref.numel}`,
      );
    }
    const size = ref.numel * storageItemSize(ref.dtype);
    if (at + 8 + size > bytes.length) {
      throw new WeightsFormatError(
        `${where}: truncated: storage '${key}' needs ${size} bytes from byte ${at + 8}, the file has ${bytes.length - at - 8}`,
      );
    }
    storages.set(key, bytes.subarray(at + 8, at + 8 + size));
    at += 8 + size;
  }
  return storages;
}

function torchHooks(table: StorageTable, where: string): PickleHooks {
  return {
    global: (module, name) => torchGlobal(module, name, where),
    persistentLoad: (pid) => table.load(pid),
  };
}

/** Gathers tensors from their storages, within the file's value budget (see VALUES_PER_BYTE). */
function tensorReader(
  storageBytes: (key: string) => Uint8Array,
  littleEndian: boolean,
  fileBytes: number,
  name: string,
): TorchFile['tensor'] {
  let budget = VALUES_PER_BYTE * fileBytes + VALUES_ALLOWANCE;
  return (ref, key) => {
    const where = `${name}: '${key}'`;
    const count = ref.shape.reduce((a, b) => a * b, 1);
    if (count > budget) {
      throw new WeightsFormatError(
        `${where}: its size ${JSON.stringify(ref.shape)} holds ${count} values, more than a ${fileBytes}-byte ` +
          `file can sensibly hold (${VALUES_PER_BYTE} per byte, tied and expanded tensors counted each time)`,
      );
    }
    budget -= count;
    const storage = ref.storage;
    const item = storageItemSize(storage.dtype);
    const root = storageBytes(storage.key);
    const window = root.subarray(
      storage.elementOffset * item,
      (storage.elementOffset + storage.numel) * item,
    );
    const view = {
      dtype: storage.dtype,
      storageOffset: ref.storageOffset,
      shape: ref.shape,
      stride: ref.stride,
    };
    return gatherStrided(window, storage.numel, view, littleEndian, where);
  };
}
