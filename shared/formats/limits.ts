/**
 * Caps on what a weights file may declare, checked against the bytes present and these numbers
 * before anything is allocated (docs/weights.md, "Limits"). Each is far above any real post-net,
 * encoder or whole Tacotron 2 checkpoint; what they stop is a small crafted file that claims a
 * huge size, depth or shape.
 */

/** Largest `.npy` header: NumPy itself refuses more than 10,000 bytes by default (`max_header_size`). */
export const MAX_NPY_HEADER_BYTES = 65_536;

/** Most axes a tensor may have: NumPy 2's NPY_MAXDIMS. */
export const MAX_RANK = 64;

/** Largest size of one axis (2^31 − 1): typed arrays and loop counters stay exact. */
export const MAX_AXIS_SIZE = 2 ** 31 - 1;

/** Deepest nesting of brackets in an `.npy` header (a real one nests 2: a dict holding a tuple). */
export const MAX_PY_LITERAL_DEPTH = 32;

/** Largest JSON weights file: a Tacotron 2 post-net written with `tolist()` is about 90 MB of text. */
export const MAX_JSON_BYTES = 512 * 1024 * 1024;

/** Deepest JSON nesting: a state_dict nests a few objects and 3-d lists (under 10). */
export const MAX_JSON_DEPTH = 64;

/**
 * Most bytes all deflated members of one archive may inflate to together, however the file is made
 * (2 GiB: a whole Tacotron 2 training checkpoint with its optimizer state is about 0.4 GB).
 */
export const MAX_INFLATED_BYTES = 2 * 1024 * 1024 * 1024;

/**
 * Above RATIO_FREE_BYTES in all, deflated members may inflate to at most this many times the
 * archive's size: float weights compress to about 0.9 of their size, so 16× is only reached by
 * long runs of one value, which is what a zip bomb is (1 MB of deflate becomes 1 GiB of zeros).
 */
export const MAX_INFLATE_RATIO = 16;
export const RATIO_FREE_BYTES = 64 * 1024 * 1024;

/** The most deflate can expand its input (258-byte matches coded in 2 bits): a larger claim is false. */
export const DEFLATE_MAX_RATIO = 1032;

/** The bytes the deflated members of a `fileBytes`-byte archive may inflate to in all. */
export function inflateBudget(fileBytes: number): number {
  return Math.min(MAX_INFLATED_BYTES, Math.max(RATIO_FREE_BYTES, MAX_INFLATE_RATIO * fileBytes));
}

/** Bytes as a person reads them: `1000 bytes`, `1020 KiB`, `64.0 MiB`, `1.0 GiB`. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];
  let value = n / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value >= 100 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}

/** Explicit layer JSON (layers-json.ts): the most layers, and the largest hyperparameters. */
export const MAX_LAYERS = 256;
export const MAX_CHANNELS = 8192;
export const MAX_KERNEL_SIZE = 1024;
export const MAX_STRIDE = 1024;
export const MAX_DILATION = 1024;
/**
 * Widest kernel reach, dilation · (kernel_size − 1), in frames. Padding may not exceed the reach
 * (more padding only adds output frames that see nothing but zeros), so every layer adds at most
 * 2 · MAX_KERNEL_REACH frames.
 */
export const MAX_KERNEL_REACH = 4096;
