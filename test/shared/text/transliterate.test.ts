import { describe, expect, it } from 'vitest';
import { COVERED_RANGES, asciiOf, asciiOfChar, isCovered } from '../../../shared/text/transliterate';
import { unidecodeFixture } from './fixtures';

const fixture = unidecodeFixture();

describe('convert_to_ascii equals Unidecode on the covered ranges', () => {
  it('covers the ranges the fixture was made for', () => {
    expect(COVERED_RANGES.map(([a, b]) => [a, b])).toEqual(fixture.ranges);
  });

  it('every covered character', () => {
    const wrong: string[] = [];
    for (const [hex, expected] of Object.entries(fixture.ascii)) {
      const char = String.fromCodePoint(parseInt(hex, 16));
      const actual = asciiOfChar(char);
      if (actual !== expected)
        wrong.push(`U+${hex} ${char}: ${JSON.stringify(actual)} ≠ ${JSON.stringify(expected)}`);
    }
    expect(wrong).toEqual([]);
  });
});

describe('asciiOf', () => {
  it('passes ASCII unchanged, control characters included', () => {
    const ascii = Array.from({ length: 128 }, (_, i) => String.fromCharCode(i)).join('');
    expect(asciiOf(ascii)).toEqual({ text: ascii, untransliterated: [] });
  });

  it('decomposes letters outside the covered ranges when their base is ASCII', () => {
    expect(isCovered(0x01d5)).toBe(false);
    expect(asciiOf('Ǖ ﬁ').text).toBe('U fi');
  });

  it('names what it cannot transliterate, once each, and drops it', () => {
    expect(asciiOf('日本日 😀 x')).toEqual({ text: '  x', untransliterated: ['日', '本', '😀'] });
  });

  it('does not name covered characters that Unidecode also drops', () => {
    expect(asciiOf('a\u200db')).toEqual({ text: 'ab', untransliterated: [] });
  });
});
