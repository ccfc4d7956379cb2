/**
 * NVIDIA/tacotron2's `text_to_sequence(text, [cleaner])`: symbol ids for a text, with ARPAbet in
 * braces (`Turn left on {HH AW1 S S T AH0 N} Street.`). The text around each brace pair is
 * cleaned on its own; the phonemes inside are split on whitespace, looked up as `@HH`, and not
 * cleaned. Symbols outside the table are dropped, as there. One quirk is kept: its pattern
 * `(.*?)\{(.+?)\}(.*)` does not cross a line break, so after a brace pair the text stops at the
 * next "\n" (and a brace pair after a line break is cleaned as plain text).
 */
import { cleanText, type CleanerName } from './cleaners';
import { keptSymbolId, symbolOf } from './symbols';
import { PYTHON_SPACE_RUN } from './whitespace';

const BRACES = /^([^\n]*?)\{([^\n]+?)\}([^\n]*)/;

export interface SymbolSequence {
  /** Symbol ids, one per embedding row looked up. */
  ids: number[];
  /** The symbol of each id: a character, or `@HH` for a phoneme. */
  symbols: string[];
  /** Characters of the cleaned text that are not in the table and were dropped, once each. */
  dropped: string[];
  /** Characters english_cleaners could not transliterate, once each. */
  untransliterated: string[];
}

export function textToSequence(text: string, cleaner: CleanerName): SymbolSequence {
  const ids: number[] = [];
  const dropped = new Set<string>();
  const untransliterated = new Set<string>();
  const addCleaned = (part: string): void => {
    const cleaned = cleanText(part, cleaner);
    for (const char of cleaned.untransliterated) untransliterated.add(char);
    for (const char of cleaned.text) {
      const id = keptSymbolId(char);
      if (id === null) dropped.add(char);
      else ids.push(id);
    }
  };
  let rest = text;
  while (rest.length > 0) {
    const match = BRACES.exec(rest);
    if (!match) {
      addCleaned(rest);
      break;
    }
    addCleaned(match[1]!);
    for (const phoneme of match[2]!.split(PYTHON_SPACE_RUN) /* Python's str.split() */) {
      if (phoneme === '') continue;
      const id = keptSymbolId(`@${phoneme}`);
      if (id === null) dropped.add(`{${phoneme}}`);
      else ids.push(id);
    }
    rest = match[3]!;
  }
  return {
    ids,
    symbols: ids.map((id) => symbolOf(id)!),
    dropped: [...dropped],
    untransliterated: [...untransliterated],
  };
}

/** text/__init__.py `sequence_to_text`: phonemes back in braces, `}{` joined by a space. */
export function sequenceToText(ids: readonly number[]): string {
  let result = '';
  for (const id of ids) {
    const symbol = symbolOf(id);
    if (symbol === null) continue;
    result += symbol.length > 1 && symbol.startsWith('@') ? `{${symbol.slice(1)}}` : symbol;
  }
  return result.replace(/\}\{/g, ' ');
}
