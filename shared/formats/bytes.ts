/** Small helpers for reading binary formats: views, ASCII, and describing bytes in error messages. */

/** A DataView over exactly the bytes of `bytes` (which may be a window into a larger buffer). */
export function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Latin-1 text of `bytes[start, end)`; formats' magic strings and headers are ASCII. */
export function asciiText(bytes: Uint8Array, start = 0, end = bytes.length): string {
  let text = '';
  for (let i = start; i < end; i++) text += String.fromCharCode(bytes[i]!);
  return text;
}

/** Whether `bytes` starts with `prefix` at `offset`. */
export function startsWith(bytes: Uint8Array, prefix: readonly number[], offset = 0): boolean {
  if (bytes.length < offset + prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[offset + i] !== prefix[i]) return false;
  return true;
}

/** The most of a refused file an error message shows: a binary format's signature. */
export const MAX_SIGNATURE_BYTES = 8;

/**
 * Whether `head` reads as text: tabs, line breaks and printable ASCII, or well-formed UTF-8
 * (a sequence cut off at the end of `head` counts as well-formed).
 */
export function looksLikeText(head: Uint8Array): boolean {
  for (let i = 0; i < head.length; i++) {
    const b = head[i]!;
    if (b === 0x09 || b === 0x0a || b === 0x0d || (b >= 0x20 && b < 0x7f)) continue;
    const follow = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (follow < 0) return false;
    for (let k = 1; k <= follow && i + k < head.length; k++) {
      if ((head[i + k]! & 0xc0) !== 0x80) return false;
    }
    i += follow;
  }
  return true;
}

/**
 * What a refused file starts with, for an error message, without echoing its contents: a binary
 * file's signature, at most 8 bytes as hex with an escaped ASCII reading
 * (`89 50 4e 47 0d 0a 1a 0a ("·PNG····")`); for text (a config, a log, a password file) only that
 * it is text; `nothing (the file is empty)`.
 */
export function describeFirstBytes(bytes: Uint8Array, count = MAX_SIGNATURE_BYTES): string {
  if (bytes.length === 0) return 'nothing (the file is empty)';
  const head = bytes.subarray(0, Math.min(count, MAX_SIGNATURE_BYTES, bytes.length));
  if (looksLikeText(head)) return 'text (not shown)';
  const hex = Array.from(head, (b) => b.toString(16).padStart(2, '0')).join(' ');
  const text = Array.from(head, (b) =>
    b >= 0x20 && b < 0x7f && b !== 0x22 && b !== 0x5c ? String.fromCharCode(b) : '·',
  ).join('');
  return `${hex} ("${text}")`;
}
