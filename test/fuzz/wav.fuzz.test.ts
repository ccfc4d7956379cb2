/** Seeded fuzzing of WAV (parseWav), WAV to mel (analyzeWav: decode, resample, mel): each case parses or throws a named error, fast (properties.ts). */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { SUITE_SEED, TARGETS } from './properties';

describe('fuzz: wav', () => {
  for (const { name, property } of TARGETS.filter((t) =>
    ['WAV (parseWav)', 'WAV to mel (analyzeWav: decode, resample, mel)'].includes(t.name),
  )) {
    it(`${name}: 300 cases parse or throw a named error`, () => {
      fc.assert(property, { seed: SUITE_SEED, numRuns: 300 });
    });
  }
});
