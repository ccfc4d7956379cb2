/** Seeded fuzzing of JSON weights and the layer JSON (parseWeightFiles): each case parses or throws a named error, fast (properties.ts). */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { SUITE_SEED, TARGETS, RUN_TARGET } from './properties';

describe('fuzz: json', () => {
  for (const { name, property } of TARGETS.filter((t) =>
    ['JSON weights and the layer JSON (parseWeightFiles)'].includes(t.name),
  )) {
    it(`${name}: 300 cases parse or throw a named error`, () => {
      fc.assert(property, { seed: SUITE_SEED, numRuns: 300 });
    });
  }

  it(`${RUN_TARGET.name}: 150 cases finish or throw a named error, never NaN`, async () => {
    await fc.assert(RUN_TARGET.property, { seed: SUITE_SEED, numRuns: 150 });
  });
});
