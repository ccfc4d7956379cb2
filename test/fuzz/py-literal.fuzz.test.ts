/** Seeded fuzzing of .npy header literal (parsePyLiteral): each case parses or throws a named error, fast (properties.ts). */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { SUITE_SEED, TARGETS } from './properties';

describe('fuzz: py-literal', () => {
  for (const { name, property } of TARGETS.filter((t) =>
    ['.npy header literal (parsePyLiteral)'].includes(t.name),
  )) {
    it(`${name}: 500 cases parse or throw a named error`, () => {
      fc.assert(property, { seed: SUITE_SEED, numRuns: 500 });
    });
  }
});
