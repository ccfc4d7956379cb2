import { describe, expect, it } from 'vitest';
import { TextNormalizationError } from '../../../shared/text/errors';
import { MAX_NUMBER_DIGITS, numberToWords } from '../../../shared/text/inflect';
import { normalizeNumbers } from '../../../shared/text/numbers';
import { numbersFixture } from './fixtures';

const rows = numbersFixture();

describe("normalize_numbers equals NVIDIA's numbers.py with inflect 2.1.0", () => {
  it(`for ${rows.length} number strings: cardinals 0…3100, years, powers of ten, ordinals, money, decimals`, () => {
    const wrong: string[] = [];
    for (const [input, expected] of rows) {
      let actual: string;
      try {
        actual = normalizeNumbers(input);
      } catch (error) {
        actual = error instanceof TextNormalizationError ? 'TextNormalizationError' : String(error);
      }
      const same = expected === null ? actual === 'TextNormalizationError' : actual === expected;
      if (!same) wrong.push(`${input}: ${JSON.stringify(actual)} ≠ ${JSON.stringify(expected)}`);
    }
    expect(wrong).toEqual([]);
  });

  it('the fixture holds the numbers NVIDIA cannot read (37 digits and more)', () => {
    expect(rows.filter((row) => row[1] === null).map((row) => row[0].length)).toEqual([37]);
  });
});

describe('numberToWords', () => {
  it('reads numbers of up to 36 digits and says why not beyond', () => {
    expect(MAX_NUMBER_DIGITS).toBe(36);
    expect(numberToWords('1' + '0'.repeat(35))).toBe('one hundred decillion');
    expect(() => numberToWords('1' + '0'.repeat(36))).toThrow(
      "the number 1000000000000000000000000000000000000 has 37 digits; inflect (NVIDIA's english_cleaners) names numbers of at most 36",
    );
  });

  it('refuses what numbers.py never passes it', () => {
    expect(() => numberToWords('1.5')).toThrow(/ASCII digits.*'1\.5'/);
    expect(() => numberToWords('')).toThrow(TextNormalizationError);
  });

  it('ordinals keep "and" (numbers.py passes andword only for cardinals)', () => {
    expect(numberToWords('101st')).toBe('one hundred and first');
    expect(numberToWords('101', { andword: '' })).toBe('one hundred one');
  });
});
