/**
 * inflect 2.1.0's `engine().number_to_words`, the part NVIDIA/tacotron2's text/numbers.py calls:
 * a digit string (optionally ending st/nd/rd/th, for an ordinal) in words, `group` 0 (whole
 * number: "one thousand, two hundred thirty-four") or 2 (digit pairs: "nineteen, oh five").
 * The steps follow inflect's own (regex passes that leave ", " between groups, then clean-up),
 * because its punctuation reaches the symbol ids: "one million, two hundred thousand" keeps the
 * comma. No sign, decimal point or threshold: numbers.py never passes them.
 */
import { TextNormalizationError } from './errors';

export interface NumberWordOptions {
  /** 0: the whole number; 2: pairs of digits (years: "nineteen ninety-nine" before numbers.py drops the comma). */
  group?: 0 | 2;
  /** Between hundreds and tens: "one hundred and one" (default 'and'); numbers.py passes ''. */
  andword?: string;
  /** The word for a zero digit in group mode (default 'zero'; numbers.py passes 'oh'). */
  zero?: string;
}

const UNIT = ['', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const TEEN = [
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
];
const TEN = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const MILL = [
  ' ',
  ' thousand',
  ' million',
  ' billion',
  ' trillion',
  ' quadrillion',
  ' quintillion',
  ' sextillion',
  ' septillion',
  ' octillion',
  ' nonillion',
  ' decillion',
];
/** inflect's `ordinal` table, in its order: the ending of the last word → its ordinal form. */
const ORDINAL: ReadonlyArray<readonly [string, string]> = [
  ['ty', 'tieth'],
  ['one', 'first'],
  ['two', 'second'],
  ['three', 'third'],
  ['five', 'fifth'],
  ['eight', 'eighth'],
  ['nine', 'ninth'],
  ['twelve', 'twelfth'],
];
const ORDINAL_END = new RegExp(`(${ORDINAL.map(([word]) => word).join('|')})$`);

/** The largest number inflect names: 36 digits (up to "… decillion"). */
export const MAX_NUMBER_DIGITS = 3 * MILL.length;

/** Thrown by millfn past "decillion"; numberToWords turns it into a TextNormalizationError. */
class OutOfRange extends Error {}

interface Words {
  andword: string;
  zero: string;
  one: string;
  millCount: number;
}

function millfn(index: number): string {
  const word = MILL[index];
  if (word === undefined) throw new OutOfRange();
  return word;
}

function tenfn(tens: number, units: number, mindex = 0): string {
  if (tens !== 1) return `${TEN[tens]}${tens && units ? '-' : ''}${UNIT[units]}${millfn(mindex)}`;
  return `${TEEN[units]}${millfn(mindex)}`;
}

function hundfn(words: Words, hundreds: number, tens: number, units: number, mindex: number): string {
  if (hundreds) {
    const and = tens || units ? ` ${words.andword} ` : '';
    return `${UNIT[hundreds]} hundred${and}${tenfn(tens, units)}${millfn(mindex)}, `;
  }
  if (tens || units) return `${tenfn(tens, units)}${millfn(mindex)}, `;
  return '';
}

function group2sub(words: Words, tens: number, units: number): string {
  if (tens) return `${tenfn(tens, units)}, `;
  if (units) return ` ${words.zero} ${UNIT[units]}, `;
  return ` ${words.zero} ${words.zero}, `;
}

function group1bsub(words: Words, units: number): string {
  return units ? `${UNIT[units]}, ` : ` ${words.zero}, `;
}

/** inflect's `enword` for group 0 and 2: digits → words with ", " after each group. */
function enword(digits: string, group: 0 | 2, words: Words): string {
  if (group === 2) {
    const pairs = digits.replace(/(\d)(\d)/g, (_, t: string, u: string) => group2sub(words, +t, +u));
    return pairs.replace(/(\d)/, (_, u: string) => group1bsub(words, +u));
  }
  if (/^0+$/.test(digits)) return words.zero;
  if (/^0*1$/.test(digits)) return words.one;
  let num = digits.trimStart().replace(/^0+/, '');
  words.millCount = 0;
  // From the right: each pass turns the last three digits still standing into words.
  const lastThree = /(\d)(\d)(\d)(?=\D*$)/;
  while (lastThree.test(num)) {
    num = num.replace(lastThree, (_, h: string, t: string, u: string) =>
      hundfn(words, +h, +t, +u, words.millCount++),
    );
  }
  num = num.replace(/(\d)(\d)(?=\D*$)/, (_, t: string, u: string) => `${tenfn(+t, +u, words.millCount)}, `);
  return num.replace(/(\d)(?=\D*$)/, (_, u: string) => `${UNIT[+u]}${millfn(words.millCount)}, `);
}

/**
 * `number_to_words(num, group=…, andword=…, zero=…)` for `num` = ASCII digits, optionally ending
 * st/nd/rd/th: "21st" → "twenty-first", "1234" → "one thousand, two hundred and thirty-four".
 */
export function numberToWords(num: string, options: NumberWordOptions = {}): string {
  const { group = 0, andword = 'and', zero = 'zero' } = options;
  const ordinal = /(st|nd|rd|th)$/.test(num);
  const digits = ordinal ? num.slice(0, -2) : num;
  if (!/^[0-9]+$/.test(digits)) {
    throw new TextNormalizationError(
      `numberToWords takes ASCII digits (and an ordinal ending), got '${num}'`,
    );
  }
  const words: Words = { andword, zero, one: 'one', millCount: 0 };
  let chunk: string;
  try {
    chunk = enword(digits, group, words);
  } catch (error) {
    if (!(error instanceof OutOfRange)) throw error;
    const length = digits.replace(/^0+/, '').length;
    throw new TextNormalizationError(
      `the number ${digits} has ${length} digits; inflect (NVIDIA's english_cleaners) names numbers of at most ${MAX_NUMBER_DIGITS}`,
    );
  }
  if (chunk.endsWith(', ')) chunk = chunk.slice(0, -2);
  chunk = chunk.replace(/\s+,/g, ',');
  if (group === 0) chunk = chunk.replace(/, (\S+)\s+$/, (_, last: string) => ` ${andword} ${last}`);
  chunk = chunk.replace(/\s+/g, ' ').trim();
  const chunks = chunk.split(', ');
  if (ordinal) chunks[chunks.length - 1] = ordinalOf(chunks[chunks.length - 1]!);
  return chunks.join(', ');
}

/** The last word in its ordinal form: "twenty-one" → "twenty-first", "seven" → "seventh". */
function ordinalOf(words: string): string {
  const match = ORDINAL_END.exec(words);
  if (!match) return `${words}th`;
  const ending = ORDINAL.find(([word]) => word === match[1])!;
  return words.slice(0, match.index) + ending[1];
}
