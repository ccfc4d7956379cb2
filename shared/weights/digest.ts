/**
 * The SHA-256 a weights summary and an export's sidecar record: of a file's bytes, or of a set's
 * files framed in name order. Pure TypeScript here (~90 MB/s); a host with native crypto digests
 * `filesDigestInput` itself instead, off the load's critical path.
 */
import { strToU8 } from 'fflate';
import { Sha256, sha256Hex } from '../formats/sha256';
import { baseName } from '../paths';
import type { WeightFile } from './read';

/**
 * SHA-256 of one file's bytes; for several files, of each file's name, a zero byte, its length as
 * decimal text, a zero byte and its bytes, in name order (so the same folder always hashes alike).
 */
export function filesSha256(files: readonly WeightFile[]): string {
  if (files.length === 1) return sha256Hex(files[0]!.bytes);
  const hash = new Sha256();
  for (const part of digestParts(files)) hash.update(part);
  return hash.hex();
}

/** What `filesSha256` hashes, in order: one file's bytes, or each file's framing and bytes. */
function digestParts(files: readonly WeightFile[]): Uint8Array[] {
  if (files.length === 1) return [files[0]!.bytes];
  const sorted = [...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return sorted.flatMap((file) => [strToU8(`${baseName(file.name)}\0${file.bytes.length}\0`), file.bytes]);
}

/**
 * The bytes whose SHA-256 is `filesSha256(files)`, as one array, for a one-shot native digest
 * (WebCrypto's `crypto.subtle.digest`): a single file's own bytes, several files framed and joined.
 */
export function filesDigestInput(files: readonly WeightFile[]): Uint8Array {
  const parts = digestParts(files);
  if (parts.length === 1) return parts[0]!;
  const joined = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.length;
  }
  return joined;
}
