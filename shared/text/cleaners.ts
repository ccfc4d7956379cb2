/**
 * NVIDIA/tacotron2's text/cleaners.py: `basic_cleaners` (lowercase, collapse whitespace) and
 * `english_cleaners` (transliterate to ASCII, lowercase, expand numbers, expand abbreviations,
 * collapse whitespace), in that order. Whitespace is Python's (whitespace.ts).
 */
import { assertNever } from '../errors';
import { normalizeNumbers } from './numbers';
import { asciiOf } from './transliterate';
import { PYTHON_SPACE_RUN } from './whitespace';

export type CleanerName = 'basic' | 'english';

export const CLEANER_NAMES: readonly CleanerName[] = ['basic', 'english'];

const WHITESPACE_RUNS = new RegExp(PYTHON_SPACE_RUN, 'g');

/** cleaners.py `_abbreviations`, in its order (`mrs` before `mr`); each needs its full stop. */
const ABBREVIATIONS: ReadonlyArray<readonly [RegExp, string]> = (
  [
    ['mrs', 'misess'],
    ['mr', 'mister'],
    ['dr', 'doctor'],
    ['st', 'saint'],
    ['co', 'company'],
    ['jr', 'junior'],
    ['maj', 'major'],
    ['gen', 'general'],
    ['drs', 'doctors'],
    ['rev', 'reverend'],
    ['lt', 'lieutenant'],
    ['hon', 'honorable'],
    ['sgt', 'sergeant'],
    ['capt', 'captain'],
    ['esq', 'esquire'],
    ['ltd', 'limited'],
    ['col', 'colonel'],
    ['ft', 'fort'],
  ] as const
).map(([abbreviation, word]) => [new RegExp(`\\b${abbreviation}\\.`, 'gi'), word] as const);

export function collapseWhitespace(text: string): string {
  return text.replace(WHITESPACE_RUNS, ' ');
}

/** After english_cleaners' transliteration the text is ASCII, so `\b` means what it does in Python. */
export function expandAbbreviations(text: string): string {
  let result = text;
  for (const [pattern, word] of ABBREVIATIONS) result = result.replace(pattern, word);
  return result;
}

export interface CleanedText {
  text: string;
  /** Characters english_cleaners could not transliterate (dropped); always empty for basic. */
  untransliterated: string[];
}

/** One cleaner over one stretch of text (text_to_sequence cleans the text between braces apart). */
export function cleanText(text: string, cleaner: CleanerName): CleanedText {
  switch (cleaner) {
    case 'basic':
      return { text: collapseWhitespace(text.toLowerCase()), untransliterated: [] };
    case 'english': {
      const ascii = asciiOf(text);
      const expanded = expandAbbreviations(normalizeNumbers(ascii.text.toLowerCase()));
      return { text: collapseWhitespace(expanded), untransliterated: ascii.untransliterated };
    }
    default:
      return assertNever(cleaner, 'cleaner');
  }
}
