/**
 * Inflating a deflate stream whose size was declared by someone else: fflate's streaming Inflate,
 * fed a slice at a time, with a running count that stops at the declared size. The output buffer
 * is the declared size (already checked against the caps by the caller) and never grows.
 */
import { Inflate } from 'fflate';
import { WeightsFormatError } from '../errors';

/**
 * Compressed bytes pushed per step: deflate expands at most 1032:1, so one step inflates at most
 * about 64 MiB past the declared size before the count stops it (smaller steps cost more time:
 * fflate copies its 32 KiB window on each).
 */
const PUSH_BYTES = 64 * 1024;

/** The `expectedSize` bytes `raw` inflates to; more or fewer is a WeightsFormatError naming `where`. */
export function inflateExactly(raw: Uint8Array, expectedSize: number, where: string): Uint8Array {
  const out = new Uint8Array(expectedSize);
  let filled = 0;
  let ended = false;
  const inflater = new Inflate((chunk, final) => {
    if (filled + chunk.length > expectedSize) {
      throw new WeightsFormatError(
        `${where}: inflates to more than the ${expectedSize} bytes the directory declares (damaged or crafted data)`,
      );
    }
    out.set(chunk, filled);
    filled += chunk.length;
    ended = final;
  });
  try {
    if (raw.length === 0) inflater.push(raw, true);
    for (let at = 0; at < raw.length; at += PUSH_BYTES) {
      inflater.push(raw.subarray(at, at + PUSH_BYTES), at + PUSH_BYTES >= raw.length);
    }
  } catch (error) {
    if (error instanceof WeightsFormatError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new WeightsFormatError(`${where}: cannot inflate: ${reason} (damaged or truncated data)`);
  }
  if (!ended || filled !== expectedSize) {
    throw new WeightsFormatError(
      `${where}: ${filled} bytes after decompression, the directory says ${expectedSize}`,
    );
  }
  return out;
}
