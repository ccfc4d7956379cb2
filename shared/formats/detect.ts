/** Tells weight file formats apart by their first bytes, not their names. */
import { startsWith, viewOf } from './bytes';
import { isNpy } from './npy';
import { isZip } from './zip';

export type WeightFileKind =
  | 'npy'
  | 'npz'
  | 'json'
  /** Formats we recognise but do not read yet; the message says what to do instead. */
  | 'pickle'
  | 'safetensors'
  | 'hdf5'
  | 'unknown';

export function detectWeightFile(bytes: Uint8Array): WeightFileKind {
  if (isNpy(bytes)) return 'npy';
  if (isZip(bytes)) return 'npz';
  if (bytes.length >= 2 && bytes[0] === 0x80 && bytes[1]! >= 2 && bytes[1]! <= 5) return 'pickle';
  if (startsWith(bytes, [0x89, 0x48, 0x44, 0x46])) return 'hdf5';
  if (looksLikeSafetensors(bytes)) return 'safetensors';
  if (firstNonSpace(bytes) === 0x7b /* { */) return 'json';
  return 'unknown';
}

/** safetensors: an 8-byte little-endian header length, then a JSON header starting with `{`. */
function looksLikeSafetensors(bytes: Uint8Array): boolean {
  if (bytes.length < 10) return false;
  const headerLength = Number(viewOf(bytes).getBigUint64(0, true));
  return headerLength > 1 && headerLength <= bytes.length - 8 && bytes[8] === 0x7b;
}

/** The first byte that is not JSON whitespace (after a UTF-8 BOM), or -1. */
function firstNonSpace(bytes: Uint8Array): number {
  let i = startsWith(bytes, [0xef, 0xbb, 0xbf]) ? 3 : 0;
  while (
    i < bytes.length &&
    (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)
  )
    i++;
  return i < bytes.length ? bytes[i]! : -1;
}
