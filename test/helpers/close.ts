/**
 * Float comparison for tests: like NumPy's `allclose` (|actual − expected| ≤ atol + rtol·|expected|),
 * but a failure says where and by how much: the worst index (as a multi-dimensional index when a
 * shape is given), both values, the max absolute and max relative error, and how many positions
 * failed. Never compare floats with `toEqual`.
 */
import { expect } from 'vitest';

export interface CloseOptions {
  /** Absolute tolerance (default 1e-6). */
  atol?: number;
  /** Relative tolerance, scaled by |expected| (default 0). */
  rtol?: number;
  /** Shape of the arrays, row-major, so messages can print `[band, frame]` instead of a flat index. */
  shape?: readonly number[];
  /** Compare only where this holds (e.g. where the reference log-mel is above −9). */
  where?: (expected: number, index: number) => boolean;
  /** Named in the failure message, e.g. `log-mel of speech_pcm16.wav`. */
  label?: string;
}

/** What a comparison found; `expectClose` fails with `describeComparison` of it. */
export interface Comparison {
  length: number;
  /** Positions compared (those where `where` held). */
  nCompared: number;
  /** Positions outside the tolerance, including NaN/Inf mismatches. */
  nFailed: number;
  maxAbsError: number;
  maxAbsIndex: number;
  maxRelError: number;
  maxRelIndex: number;
  /** The failing position with the largest excess over its tolerance, or −1. */
  worstIndex: number;
}

type Numbers = ArrayLike<number>;

/** Compares two arrays position by position; NaN matches NaN and ±Inf matches the same infinity. */
export function compareArrays(actual: Numbers, expected: Numbers, options: CloseOptions = {}): Comparison {
  const atol = options.atol ?? 1e-6;
  const rtol = options.rtol ?? 0;
  const result: Comparison = {
    length: expected.length,
    nCompared: 0,
    nFailed: 0,
    maxAbsError: 0,
    maxAbsIndex: -1,
    maxRelError: 0,
    maxRelIndex: -1,
    worstIndex: -1,
  };
  let worstExcess = -Infinity;
  const n = Math.min(actual.length, expected.length);
  for (let i = 0; i < n; i++) {
    const e = expected[i]!;
    if (options.where && !options.where(e, i)) continue;
    const a = actual[i]!;
    result.nCompared++;
    if (!Number.isFinite(a) || !Number.isFinite(e)) {
      const same = Object.is(a, e) || (Number.isNaN(a) && Number.isNaN(e));
      if (!same) {
        result.nFailed++;
        if (worstExcess < Infinity) {
          worstExcess = Infinity;
          result.worstIndex = i;
        }
      }
      continue;
    }
    const absError = Math.abs(a - e);
    const relError = e === 0 ? (absError === 0 ? 0 : Infinity) : absError / Math.abs(e);
    if (absError > result.maxAbsError || result.maxAbsIndex < 0) {
      result.maxAbsError = absError;
      result.maxAbsIndex = i;
    }
    if (relError > result.maxRelError || result.maxRelIndex < 0) {
      result.maxRelError = relError;
      result.maxRelIndex = i;
    }
    const excess = absError - (atol + rtol * Math.abs(e));
    if (excess > 0) {
      result.nFailed++;
      if (excess > worstExcess) {
        worstExcess = excess;
        result.worstIndex = i;
      }
    }
  }
  return result;
}

/** `[3, 17]` for flat index 257 of shape [80, 80]; the flat index when no shape is given. */
export function formatIndex(index: number, shape?: readonly number[]): string {
  if (!shape || shape.length < 2) return String(index);
  const parts: number[] = [];
  let rest = index;
  for (let d = shape.length - 1; d >= 0; d--) {
    parts.unshift(rest % shape[d]!);
    rest = Math.floor(rest / shape[d]!);
  }
  return `${index} [${parts.join(', ')}]`;
}

function at(values: Numbers, index: number): string {
  return index >= 0 && index < values.length ? String(values[index]) : 'n/a';
}

/** The message a failed comparison prints: counts, the worst position, max abs and rel errors. */
export function describeComparison(
  actual: Numbers,
  expected: Numbers,
  c: Comparison,
  options: CloseOptions = {},
): string {
  const label = options.label ? `${options.label}: ` : '';
  const tolerance = `atol ${options.atol ?? 1e-6}, rtol ${options.rtol ?? 0}`;
  if (actual.length !== expected.length) {
    return `${label}length ${actual.length} differs from expected length ${expected.length}`;
  }
  if (c.nCompared === 0) return `${label}nothing compared (the \`where\` filter excluded all ${c.length})`;
  const lines = [
    `${label}${c.nFailed} of ${c.nCompared} compared values differ beyond ${tolerance}`,
    `  worst at ${formatIndex(c.worstIndex, options.shape)}: actual ${at(actual, c.worstIndex)}, expected ${at(expected, c.worstIndex)}`,
    `  max |Δ| ${c.maxAbsError} at ${formatIndex(c.maxAbsIndex, options.shape)} (actual ${at(actual, c.maxAbsIndex)}, expected ${at(expected, c.maxAbsIndex)})`,
    `  max rel ${c.maxRelError} at ${formatIndex(c.maxRelIndex, options.shape)} (actual ${at(actual, c.maxRelIndex)}, expected ${at(expected, c.maxRelIndex)})`,
  ];
  return lines.join('\n');
}

/**
 * Asserts that `actual` is close to `expected` (numbers or arrays of equal length) and returns the
 * comparison, so a test can also report the measured error.
 */
export function expectClose(
  actual: number | Numbers,
  expected: number | Numbers,
  options: CloseOptions = {},
): Comparison {
  const a = typeof actual === 'number' ? [actual] : actual;
  const e = typeof expected === 'number' ? [expected] : expected;
  const c = compareArrays(a, e, options);
  const ok = a.length === e.length && c.nFailed === 0 && c.nCompared > 0;
  if (!ok) expect.fail(describeComparison(a, e, c, options));
  return c;
}
