/**
 * Float comparison for the engine's tests (a local helper until test/helpers/close.ts lands):
 * element i passes when |actual − expected| ≤ atol + rtol · |expected|.
 */
import { expect } from 'vitest';

export interface Tolerance {
  rtol?: number;
  atol?: number;
}

export interface CloseReport {
  /** Largest |actual − expected|. */
  maxAbs: number;
  /** Largest |actual − expected| / |expected| over elements with |expected| ≥ 1e-3 · max|expected|. */
  maxRel: number;
  /** Elements outside the tolerance, and the first of them. */
  failures: number;
  firstFailure: number;
}

export function compareArrays(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  { rtol = 1e-5, atol = 1e-6 }: Tolerance = {},
): CloseReport {
  if (actual.length !== expected.length) {
    throw new Error(`length ${actual.length} ≠ expected length ${expected.length}`);
  }
  let scale = 0;
  for (let i = 0; i < expected.length; i++) scale = Math.max(scale, Math.abs(expected[i]!));
  const relFloor = 1e-3 * scale;
  let maxAbs = 0;
  let maxRel = 0;
  let failures = 0;
  let firstFailure = -1;
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i]!;
    const diff = Math.abs(actual[i]! - e);
    if (!(diff <= atol + rtol * Math.abs(e))) {
      failures++;
      if (firstFailure < 0) firstFailure = i;
    }
    maxAbs = Math.max(maxAbs, diff);
    if (Math.abs(e) >= relFloor && e !== 0) maxRel = Math.max(maxRel, diff / Math.abs(e));
  }
  return { maxAbs, maxRel, failures, firstFailure };
}

/** max |x|: the scale a normwise tolerance is relative to (`atol: 1e-5 * scaleOf(expected)`). */
export function scaleOf(values: ArrayLike<number>): number {
  let scale = 0;
  for (let i = 0; i < values.length; i++) scale = Math.max(scale, Math.abs(values[i]!));
  return scale;
}

/** Fails with the first offending index and both values. */
export function expectClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  tolerance: Tolerance = {},
  label = 'values',
): CloseReport {
  const report = compareArrays(actual, expected, tolerance);
  if (report.failures > 0) {
    const i = report.firstFailure;
    expect.fail(
      `${label}: ${report.failures} of ${expected.length} values differ beyond tolerance; first at ${i}: ` +
        `${actual[i]} vs expected ${expected[i]} (max abs ${report.maxAbs})`,
    );
  }
  return report;
}
