/** Seeded fuzzing of .npy (parseNpy): each case parses or throws a named error, fast (properties.ts). */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { SUITE_SEED, TARGETS } from './properties';

describe('fuzz: npy', () => {
  for (const { name, property } of TARGETS.filter((t) => ['.npy (parseNpy)'].includes(t.name))) {
    it(`${name}: 400 cases parse or throw a named error`, () => {
      fc.assert(property, { seed: SUITE_SEED, numRuns: 400 });
    });
  }
});
