import { describe, expect, it } from 'vitest';
import { TextNormalizationError } from '../../../shared/text/errors';
import { cleanText } from '../../../shared/text/cleaners';
import { sequenceToText, textToSequence } from '../../../shared/text/sequence';
import { ARPABET, SYMBOLS, SYMBOL_COUNT, keptSymbolId, symbolOf } from '../../../shared/text/symbols';
import { fuzzFixture, sequencesFixture } from './fixtures';

const fixture = sequencesFixture();

describe('the Tacotron 2 symbol table', () => {
  it('has 148 symbols in NVIDIA text/symbols.py order', () => {
    expect(SYMBOL_COUNT).toBe(148);
    expect(ARPABET).toHaveLength(84);
    expect(SYMBOLS).toEqual(fixture.symbols);
    expect(SYMBOLS.slice(0, 12).join('')).toBe("_-!'(),.:;? ");
    expect(symbolOf(12)).toBe('A');
    expect(symbolOf(38)).toBe('a');
    expect(symbolOf(64)).toBe('@AA');
    expect(symbolOf(147)).toBe('@ZH');
  });

  it('keeps no pad and nothing outside the table', () => {
    expect(keptSymbolId('_')).toBeNull();
    expect(keptSymbolId('~')).toBeNull();
    expect(keptSymbolId('é')).toBeNull();
    expect(keptSymbolId(' ')).toBe(11);
    expect(symbolOf(148)).toBeNull();
    expect(symbolOf(-1)).toBeNull();
    expect(symbolOf(1.5)).toBeNull();
  });
});

describe("text_to_sequence equals NVIDIA's for the committed sentences", () => {
  it.each(fixture.sequences.map((row, i) => ({ ...row, i })))(
    'sentence $i with basic_cleaners',
    ({ text, basic }) => {
      expect(textToSequence(text, 'basic').ids).toEqual(basic);
    },
  );

  it.each(fixture.sequences.filter((row) => row.english).map((row, i) => ({ ...row, i })))(
    'sentence $i with english_cleaners',
    ({ text, english, english_text, uncovered, english_covered }) => {
      const sequence = textToSequence(text, 'english');
      if (uncovered === undefined) {
        expect(sequence.ids).toEqual(english);
        expect(sequence.untransliterated).toEqual([]);
        if (!text.includes('{')) expect(cleanText(text, 'english').text).toBe(english_text);
      } else {
        // Outside the covered ranges Unidecode may know more (привет → privet): such characters
        // are dropped and named, and the rest equals NVIDIA's ids for the text without them.
        expect(sequence.ids).toEqual(english_covered);
        expect(sequence.untransliterated).toEqual([...uncovered]);
      }
    },
  );

  it.each(fixture.sequences.filter((row) => row.english_error))(
    'fails clearly where NVIDIA english_cleaners raises $english_error: $text',
    ({ text }) => {
      expect(() => textToSequence(text, 'english')).toThrow(TextNormalizationError);
    },
  );
});

describe('textToSequence reports what it dropped', () => {
  it('names characters outside the table and unknown phonemes', () => {
    const sequence = textToSequence('a_b~ {HH XX} é', 'basic');
    expect(sequence.symbols).toEqual(['a', 'b', ' ', '@HH', ' ']);
    expect(sequence.dropped).toEqual(['_', '~', '{XX}', 'é']);
  });

  it('names characters english_cleaners cannot transliterate', () => {
    const sequence = textToSequence('привет, world', 'english');
    expect(sequence.untransliterated).toEqual(['п', 'р', 'и', 'в', 'е', 'т']);
    expect(sequence.symbols.join('')).toBe(', world');
  });

  it('the money error quotes the amount', () => {
    expect(() => textToSequence('$1,.5', 'english')).toThrow(/'\$1,\.5'.*int\('1,'\)/);
  });
});

describe('sequenceToText', () => {
  it('puts phonemes back in braces', () => {
    const { ids } = textToSequence('Turn left on {HH AW1 S T AH0 N} Street.', 'english');
    expect(sequenceToText(ids)).toBe('turn left on {HH AW1 S T AH0 N} street.');
  });
});

describe("text_to_sequence equals NVIDIA's for 500 random strings (fuzz.json)", () => {
  const rows = fuzzFixture();
  it.each(['basic', 'english'] as const)('%s_cleaners', (cleaner) => {
    const wrong: string[] = [];
    for (const [text, basic, english] of rows) {
      const expected = cleaner === 'basic' ? basic : english;
      let actual: number[] | string;
      try {
        actual = textToSequence(text, cleaner).ids;
      } catch (error) {
        actual = error instanceof TextNormalizationError ? 'error' : String(error);
      }
      const same =
        typeof expected === 'string'
          ? actual === 'error'
          : JSON.stringify(actual) === JSON.stringify(expected);
      if (!same)
        wrong.push(`${JSON.stringify(text)}: ${JSON.stringify(actual)} ≠ ${JSON.stringify(expected)}`);
    }
    expect(wrong).toEqual([]);
  });
});
