/**
 * The ZIP container as `np.savez` writes it (PKWARE APPNOTE 6.3): members stored or deflated,
 * ZIP64 size fields (NumPy forces a ZIP64 extra on every local header; large archives also use
 * ZIP64 in the central directory). Inflate and deflate come from fflate.
 *
 * Nothing the archive declares is trusted: every offset, count and size is checked against the
 * bytes present when the directory is read, and deflated sizes against the caps in limits.ts,
 * before anything is allocated; inflating stops at the declared size (inflate.ts).
 */
import { deflateSync, strFromU8, strToU8 } from 'fflate';
import { WeightsFormatError } from '../errors';
import { viewOf } from './bytes';
import { crc32 } from './crc32';
import { inflateExactly } from './inflate';
import { DEFLATE_MAX_RATIO, formatBytes, inflateBudget } from './limits';

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const ZIP64_END = 0x06064b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EXTRA = 0x0001;
const STORED = 0;
const DEFLATED = 8;
const MAX_U32 = 0xffffffff;
const UTF8_NAMES = 1 << 11;

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflate; anything else is refused when extracted. */
  method: number;
  flags: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

/** Whether `bytes` looks like a ZIP archive (a local header or an empty archive's end record). */
export function isZip(bytes: Uint8Array): boolean {
  if (bytes.length < 4) return false;
  const signature = viewOf(bytes).getUint32(0, true);
  return signature === LOCAL_HEADER || signature === END_OF_CENTRAL_DIRECTORY;
}

/**
 * Lists the archive's members from its central directory, each one's declared sizes checked
 * against the file (see checkDeclaredSizes). `fileName` is for messages.
 */
export function readZipEntries(bytes: Uint8Array, fileName: string): ZipEntry[] {
  const view = viewOf(bytes);
  const end = findEndRecord(view, fileName);
  let count = view.getUint16(end + 10, true);
  let directoryOffset = view.getUint32(end + 16, true);
  if (count === 0xffff || directoryOffset === MAX_U32) {
    ({ count, directoryOffset } = readZip64End(view, end, fileName));
  }
  const room = Math.max(0, Math.floor((bytes.length - directoryOffset) / 46));
  if (directoryOffset > bytes.length || count > room) {
    throw new WeightsFormatError(
      `${fileName}: damaged ZIP: the directory declares ${count} entries at byte offset ${directoryOffset}, ` +
        `the ${bytes.length}-byte file has room for at most ${room} there`,
    );
  }
  const entries: ZipEntry[] = [];
  let at = directoryOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== CENTRAL_HEADER) {
      throw new WeightsFormatError(
        `${fileName}: damaged ZIP: central directory entry ${i + 1} of ${count} missing at byte offset ${at}`,
      );
    }
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const flags = view.getUint16(at + 8, true);
    const rawName = bytes.subarray(at + 46, at + 46 + nameLength);
    const entry: ZipEntry = {
      name: strFromU8(rawName, (flags & UTF8_NAMES) === 0),
      method: view.getUint16(at + 10, true),
      flags,
      crc32: view.getUint32(at + 16, true),
      compressedSize: view.getUint32(at + 20, true),
      uncompressedSize: view.getUint32(at + 24, true),
      localHeaderOffset: view.getUint32(at + 42, true),
    };
    applyZip64Extra(entry, bytes.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength));
    entries.push(entry);
    at += 46 + nameLength + extraLength + commentLength;
  }
  checkDeclaredSizes(entries, bytes.length, fileName);
  return entries;
}

/**
 * Every member's declared sizes against the file: its data must lie inside it, a stored member
 * holds exactly what it declares, a deflated one claims no more than deflate can give from its
 * bytes (1032:1), and all deflated members together stay within `inflateBudget` of the file's size.
 */
function checkDeclaredSizes(entries: readonly ZipEntry[], fileBytes: number, fileName: string): void {
  let inflated = 0;
  for (const entry of entries) {
    const where = `${fileName}: member '${entry.name}'`;
    if (entry.localHeaderOffset + 30 > fileBytes || entry.compressedSize > fileBytes) {
      throw new WeightsFormatError(
        `${where}: damaged ZIP: declares ${entry.compressedSize} bytes at byte offset ${entry.localHeaderOffset}, ` +
          `the file has ${fileBytes}`,
      );
    }
    if (entry.method === STORED && entry.uncompressedSize !== entry.compressedSize) {
      throw new WeightsFormatError(
        `${where}: damaged ZIP: a stored member declares ${entry.uncompressedSize} bytes but holds ${entry.compressedSize}`,
      );
    }
    if (entry.method !== DEFLATED) continue;
    if (entry.uncompressedSize > entry.compressedSize * DEFLATE_MAX_RATIO + 1024) {
      throw new WeightsFormatError(
        `${where}: damaged or crafted ZIP: declares ${formatBytes(entry.uncompressedSize)} from ` +
          `${entry.compressedSize} compressed bytes, more than deflate can produce (${DEFLATE_MAX_RATIO}:1)`,
      );
    }
    inflated += entry.uncompressedSize;
    const budget = inflateBudget(fileBytes);
    if (inflated > budget) {
      throw new WeightsFormatError(
        `${where}: the archive's compressed members would inflate to more than ${formatBytes(budget)} ` +
          `(${formatBytes(inflated)} so far from a ${formatBytes(fileBytes)} file; at most 16 times the file's size ` +
          `above 64 MiB, and 2 GiB in all: see docs/weights.md, Limits); save it uncompressed with np.savez`,
      );
    }
  }
}

function findEndRecord(view: DataView, fileName: string): number {
  const last = view.byteLength - 22;
  for (let at = last; at >= 0 && at >= last - 0xffff; at--) {
    if (view.getUint32(at, true) === END_OF_CENTRAL_DIRECTORY) return at;
  }
  throw new WeightsFormatError(
    `${fileName}: damaged or truncated ZIP: no end-of-central-directory record in the last bytes`,
  );
}

/** A 64-bit size or offset as a number; above 2^53 it is inexact, but then larger than any file. */
function u64(view: DataView, at: number): number {
  return Number(view.getBigUint64(at, true));
}

function readZip64End(
  view: DataView,
  end: number,
  fileName: string,
): { count: number; directoryOffset: number } {
  const locator = end - 20;
  if (locator < 0 || view.getUint32(locator, true) !== ZIP64_LOCATOR) {
    throw new WeightsFormatError(`${fileName}: damaged ZIP64: no ZIP64 end-of-central-directory locator`);
  }
  const record = u64(view, locator + 8);
  if (record + 56 > view.byteLength || view.getUint32(record, true) !== ZIP64_END) {
    throw new WeightsFormatError(`${fileName}: damaged ZIP64: no ZIP64 end record at byte offset ${record}`);
  }
  return { count: u64(view, record + 32), directoryOffset: u64(view, record + 48) };
}

/** Replaces the 0xffffffff size/offset fields with the ZIP64 extra's 64-bit values, in APPNOTE order. */
function applyZip64Extra(entry: ZipEntry, extra: Uint8Array): void {
  const view = viewOf(extra);
  for (let at = 0; at + 4 <= extra.length;) {
    const id = view.getUint16(at, true);
    const size = view.getUint16(at + 2, true);
    if (id === ZIP64_EXTRA) {
      let field = at + 4;
      const next = (): number => {
        const value = field + 8 <= Math.min(at + 4 + size, extra.length) ? u64(view, field) : MAX_U32;
        field += 8;
        return value;
      };
      if (entry.uncompressedSize === MAX_U32) entry.uncompressedSize = next();
      if (entry.compressedSize === MAX_U32) entry.compressedSize = next();
      if (entry.localHeaderOffset === MAX_U32) entry.localHeaderOffset = next();
      return;
    }
    at += 4 + size;
  }
}

/**
 * The member's uncompressed bytes, CRC-checked. Its local header must agree with the directory
 * (where it states sizes at all), and inflating stops at the size the directory declares.
 */
export function extractZipEntry(bytes: Uint8Array, entry: ZipEntry, fileName: string): Uint8Array {
  const where = `${fileName}: member '${entry.name}'`;
  if (entry.flags & 1) throw new WeightsFormatError(`${where} is encrypted`);
  const view = viewOf(bytes);
  const local = entry.localHeaderOffset;
  if (local + 30 > bytes.length || view.getUint32(local, true) !== LOCAL_HEADER) {
    throw new WeightsFormatError(`${where}: no local header at byte offset ${local} (damaged ZIP)`);
  }
  checkLocalSizes(view, entry, where);
  const dataStart = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
  const dataEnd = dataStart + entry.compressedSize;
  if (dataEnd > bytes.length) {
    throw new WeightsFormatError(
      `${where}: truncated: ${entry.compressedSize} bytes from byte offset ${dataStart}, the file ends at ${bytes.length}`,
    );
  }
  const raw = bytes.subarray(dataStart, dataEnd);
  let data: Uint8Array;
  if (entry.method === STORED) data = raw;
  else if (entry.method === DEFLATED) data = inflateExactly(raw, entry.uncompressedSize, where);
  else {
    throw new WeightsFormatError(
      `${where} uses ZIP compression method ${entry.method}; only stored (0) and deflate (8) are supported, as np.savez writes`,
    );
  }
  if (crc32(data) !== entry.crc32) throw new WeightsFormatError(`${where}: CRC-32 mismatch (damaged data)`);
  return data;
}

/**
 * The local header's sizes, when it states them (not 0 with a data descriptor, not 0xffffffff for
 * ZIP64), must be the directory's: a reader that trusted either alone could be fed two stories.
 */
function checkLocalSizes(view: DataView, entry: ZipEntry, where: string): void {
  const local = entry.localHeaderOffset;
  const flags = view.getUint16(local + 6, true);
  if (flags & 8) return; // sizes follow the data in a descriptor
  const compressed = view.getUint32(local + 18, true);
  const uncompressed = view.getUint32(local + 22, true);
  for (const [what, stated, declared] of [
    ['compressed', compressed, entry.compressedSize],
    ['uncompressed', uncompressed, entry.uncompressedSize],
  ] as const) {
    if (stated !== MAX_U32 && stated !== declared) {
      throw new WeightsFormatError(
        `${where}: damaged ZIP: the local header says ${stated} ${what} bytes, the directory ${declared}`,
      );
    }
  }
}

export interface ZipMember {
  name: string;
  data: Uint8Array;
}

/** DOS date 1980-01-01 00:00: fixed so the same tensors always give the same bytes. */
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
const DOS_TIME = 0;

/**
 * Writes a ZIP archive Python's zipfile (and so `numpy.load`) reads: members stored or deflated,
 * no ZIP64 (members must be under 4 GiB, as JavaScript arrays are in practice).
 */
export function writeZip(members: readonly ZipMember[], options: { compress: boolean }): Uint8Array {
  const method = options.compress ? DEFLATED : STORED;
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const member of members) {
    const name = strToU8(member.name);
    const flags = /^[\x20-\x7e]*$/.test(member.name) ? 0 : UTF8_NAMES;
    const body = options.compress ? deflateSync(member.data, { level: 6 }) : member.data;
    if (body.length >= MAX_U32 || member.data.length >= MAX_U32 || offset >= MAX_U32) {
      throw new RangeError(`writeZip: member '${member.name}' is too large for a ZIP without ZIP64`);
    }
    const fields = { name, flags, method, crc: crc32(member.data), size: member.data.length };
    const local = new Uint8Array(30 + name.length);
    const lv = viewOf(local);
    lv.setUint32(0, LOCAL_HEADER, true);
    writeCommonFields(lv, 4, fields, body.length);
    local.set(name, 30);
    const entry = new Uint8Array(46 + name.length);
    const cv = viewOf(entry);
    cv.setUint32(0, CENTRAL_HEADER, true);
    cv.setUint16(4, (3 << 8) | 20, true); // made by: Unix, spec 2.0
    writeCommonFields(cv, 6, fields, body.length);
    cv.setUint32(38, (0o100644 << 16) >>> 0, true); // a regular file, rw-r--r--
    cv.setUint32(42, offset, true);
    entry.set(name, 46);
    parts.push(local, body);
    central.push(entry);
    offset += local.length + body.length;
  }
  const directorySize = central.reduce((sum, entry) => sum + entry.length, 0);
  const end = new Uint8Array(22);
  const ev = viewOf(end);
  ev.setUint32(0, END_OF_CENTRAL_DIRECTORY, true);
  ev.setUint16(8, members.length, true);
  ev.setUint16(10, members.length, true);
  ev.setUint32(12, directorySize, true);
  ev.setUint32(16, offset, true);
  return concat([...parts, ...central, end]);
}

interface CommonFields {
  name: Uint8Array;
  flags: number;
  method: number;
  crc: number;
  size: number;
}

/** The run of fields local and central headers share, from "version needed" to "extra length". */
function writeCommonFields(view: DataView, at: number, f: CommonFields, compressedSize: number): void {
  view.setUint16(at, f.method === DEFLATED ? 20 : 10, true);
  view.setUint16(at + 2, f.flags, true);
  view.setUint16(at + 4, f.method, true);
  view.setUint16(at + 6, DOS_TIME, true);
  view.setUint16(at + 8, DOS_DATE, true);
  view.setUint32(at + 10, f.crc, true);
  view.setUint32(at + 14, compressedSize, true);
  view.setUint32(at + 18, f.size, true);
  view.setUint16(at + 22, f.name.length, true);
  view.setUint16(at + 24, 0, true);
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const total = parts.reduce((sum, part) => sum + part.length, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
