/**
 * NVIDIA/tacotron2's text/numbers.py `normalize_numbers`, pass for pass and in its order:
 * commas inside numbers dropped ("1,000" → "1000"), "£5" → "5 pounds", "$3.50" → "3 dollars,
 * 50 cents", "3.14" → "3 point 14", ordinals ("21st" → "twenty-first"), then every remaining
 * number: 1001…2999 read as years ("nineteen ninety-nine", "two thousand five", "eleven
 * hundred"), others whole without "and" ("one thousand, two hundred thirty-four").
 * It runs on ASCII (english_cleaners transliterates first), so `£` never reaches it there: as in
 * NVIDIA's code, unidecode has already made it "PS".
 */
import { TextNormalizationError } from './errors';
import { numberToWords } from './inflect';

const COMMA_NUMBER = /([0-9][0-9,]+[0-9])/g;
const DECIMAL_NUMBER = /([0-9]+\.[0-9]+)/g;
const POUNDS = /£([0-9,]*[0-9]+)/g;
const DOLLARS = /\$([0-9.,]*[0-9]+)/g;
const ORDINAL = /[0-9]+(st|nd|rd|th)/g;
const NUMBER = /[0-9]+/g;

export function normalizeNumbers(text: string): string {
  return text
    .replace(COMMA_NUMBER, (_, number: string) => number.replace(/,/g, ''))
    .replace(POUNDS, (_, amount: string) => `${amount} pounds`)
    .replace(DOLLARS, (_, amount: string) => expandDollars(amount))
    .replace(DECIMAL_NUMBER, (_, number: string) => number.replace('.', ' point '))
    .replace(ORDINAL, (ordinal: string) => numberToWords(ordinal))
    .replace(NUMBER, (digits: string) => expandNumber(digits));
}

/** Python's `int(s)` for what these patterns match: ASCII digits, else numbers.py's ValueError. */
function intText(part: string, amount: string): string {
  if (!/^[0-9]+$/.test(part)) {
    throw new TextNormalizationError(
      `'$${amount}' is not an amount NVIDIA's numbers.py can read: int('${part}') fails there`,
    );
  }
  return part.replace(/^0+(?=.)/, '');
}

function expandDollars(amount: string): string {
  const parts = amount.split('.');
  if (parts.length > 2) return `${amount} dollars`; // numbers.py: "Unexpected format"
  const dollars = parts[0] ? intText(parts[0], amount) : '0';
  const cents = parts.length > 1 && parts[1] ? intText(parts[1], amount) : '0';
  const dollarUnit = dollars === '1' ? 'dollar' : 'dollars';
  const centUnit = cents === '1' ? 'cent' : 'cents';
  if (dollars !== '0' && cents !== '0') return `${dollars} ${dollarUnit}, ${cents} ${centUnit}`;
  if (dollars !== '0') return `${dollars} ${dollarUnit}`;
  if (cents !== '0') return `${cents} ${centUnit}`;
  return 'zero dollars';
}

function expandNumber(digits: string): string {
  const text = digits.replace(/^0+(?=.)/, '');
  const num = text.length <= 4 ? Number(text) : Infinity;
  if (num > 1000 && num < 3000) {
    if (num === 2000) return 'two thousand';
    if (num > 2000 && num < 2010) return `two thousand ${numberToWords(String(num % 100))}`;
    if (num % 100 === 0) return `${numberToWords(String(num / 100))} hundred`;
    return numberToWords(text, { group: 2, andword: '', zero: 'oh' }).replace(/, /g, ' ');
  }
  return numberToWords(text, { andword: '' });
}
