/**
 * Inflating a deflate stream whose size was declared by someone else: fflate's streaming Inflate,
 * fed a slice at a time, with a running count that stops at the declared size. The output buffer
 * is the declared size (already checked against the caps by the caller) and never grows.
 */
import { Inflate } from 'fflate';
import { WeightsFormatError } from '../errors';

/**
 * Compressed bytes pushed per step: deflate expands at most 1032:1, so one step can inflate that
 * much past the declared size before the count stops it. Steps are 64 KiB for large members
 * (smaller ones cost time: fflate copies its 32 KiB window on each) and shrink to 4 KiB as fewer
 * bytes remain, so the overshoot stays within 4× what is left plus 4 MiB.
 */
const MAX_PUSH_BYTES = 64 * 1024;
const MIN_PUSH_BYTES = 4 * 1024;
const pushBytes = (remaining: number): number =>
  Math.min(MAX_PUSH_BYTES, Math.max(MIN_PUSH_BYTES, Math.floor(remaining / 256)));

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
    for (let at = 0; at < raw.length;) {
      const next = Math.min(raw.length, at + pushBytes(expectedSize - filled));
      inflater.push(raw.subarray(at, next), next === raw.length);
      at = next;
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
