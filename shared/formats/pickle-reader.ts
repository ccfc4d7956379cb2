/**
 * Reading a pickle's bytes: the opcode arguments (little-endian integers, BINFLOAT's big-endian
 * double, lengths checked against the bytes left, text lines). The unpickler (pickle.ts) extends it.
 */
import { strFromU8 } from 'fflate';
import { WeightsFormatError } from '../errors';
import { asciiText, viewOf } from './bytes';

/** Integers longer than this many bytes (LONG1/LONG4) are refused: no state_dict needs them. */
const MAX_LONG_BYTES = 64;

export abstract class PickleReader {
  protected readonly view: DataView;
  protected pos: number;
  /** Offset of the opcode being run, for messages. */
  protected at = 0;

  constructor(
    protected readonly bytes: Uint8Array,
    start: number,
    protected readonly where: string,
  ) {
    this.view = viewOf(bytes);
    this.pos = start;
  }

  protected abstract malformed(what: string): never;

  /** Advances past `n` bytes after checking they are there. */
  protected take(n: number): void {
    if (n > this.bytes.length - this.pos) {
      throw new WeightsFormatError(
        `${this.where}: truncated pickle: the opcode at byte ${this.at} needs ${n} more bytes, ` +
          `${this.bytes.length - this.pos} are left`,
      );
    }
    this.pos += n;
  }

  protected u8(): number {
    this.take(1);
    return this.bytes[this.pos - 1]!;
  }

  protected u16(): number {
    this.take(2);
    return this.view.getUint16(this.pos - 2, true);
  }

  protected i32(): number {
    this.take(4);
    return this.view.getInt32(this.pos - 4, true);
  }

  protected u32(): number {
    this.take(4);
    return this.view.getUint32(this.pos - 4, true);
  }

  /** BINFLOAT is big-endian, unlike every other pickle number. */
  protected f64(): number {
    this.take(8);
    return this.view.getFloat64(this.pos - 8, false);
  }

  /** A little-endian unsigned length of `size` bytes (4 or 8), checked against the bytes left. */
  protected length(size: 4 | 8): number {
    this.take(size);
    const value =
      size === 4
        ? this.view.getUint32(this.pos - 4, true)
        : Number(this.view.getBigUint64(this.pos - 8, true));
    if (value > this.bytes.length - this.pos) {
      throw new WeightsFormatError(
        `${this.where}: truncated pickle: the opcode at byte ${this.at} declares ${value} bytes, ` +
          `${this.bytes.length - this.pos} are left`,
      );
    }
    return value;
  }

  protected slice(n: number): Uint8Array {
    this.take(n);
    return this.bytes.subarray(this.pos - n, this.pos);
  }

  protected latin1(n: number): string {
    this.take(n);
    return asciiText(this.bytes, this.pos - n, this.pos);
  }

  /** A text line ending in `\n` (GLOBAL's module and name). */
  protected line(): string {
    const end = this.bytes.indexOf(0x0a, this.pos);
    if (end < 0) this.malformed('a GLOBAL name without its line end');
    const text = strFromU8(this.bytes.subarray(this.pos, end));
    this.pos = end + 1;
    return text;
  }

  /** Two's complement little-endian integer of `n` bytes (Python's decode_long). */
  protected long(n: number): number | bigint {
    if (n > MAX_LONG_BYTES) this.malformed(`an integer of ${n} bytes (at most ${MAX_LONG_BYTES} are read)`);
    const raw = this.slice(n);
    let value = 0n;
    for (let i = n - 1; i >= 0; i--) value = (value << 8n) | BigInt(raw[i]!);
    if (n > 0 && raw[n - 1]! & 0x80) value -= 1n << BigInt(8 * n);
    const small = Number(value);
    return Number.isSafeInteger(small) ? small : value;
  }
}
