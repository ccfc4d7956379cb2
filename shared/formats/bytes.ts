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

/**
 * The first bytes of a file for an error message: hex, then the printable ASCII reading,
 * e.g. `89 50 4e 47 0d 0a 1a 0a ("·PNG····")`, or `nothing (the file is empty)`.
 */
export function describeFirstBytes(bytes: Uint8Array, count = 8): string {
  if (bytes.length === 0) return 'nothing (the file is empty)';
  const head = bytes.subarray(0, Math.min(count, bytes.length));
  const hex = Array.from(head, (b) => b.toString(16).padStart(2, '0')).join(' ');
  const text = Array.from(head, (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '·')).join('');
  return `${hex} ("${text}")`;
}
