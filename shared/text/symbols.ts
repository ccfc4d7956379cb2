/**
 * NVIDIA/tacotron2's symbol table (text/symbols.py): the ids its `embedding.weight [148, 512]`
 * rows are looked up by. In this order: pad `_`, `-`, the punctuation `!'(),.:;? ` (space last),
 * A–Z, a–z, then the 84 ARPAbet phonemes of text/cmudict.py, each prefixed with `@` so that `@B`
 * (the phoneme) and `B` (the letter) stay apart.
 */

export const PAD = '_';
const SPECIAL = '-';
const PUNCTUATION = "!'(),.:;? ";
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** cmudict.valid_symbols: vowels carry a stress digit 0, 1 or 2 (and appear without one too). */
export const ARPABET: readonly string[] = Object.freeze(
  (
    'AA AA0 AA1 AA2 AE AE0 AE1 AE2 AH AH0 AH1 AH2 AO AO0 AO1 AO2 AW AW0 AW1 AW2 AY AY0 AY1 AY2 ' +
    'B CH D DH EH EH0 EH1 EH2 ER ER0 ER1 ER2 EY EY0 EY1 EY2 F G HH IH IH0 IH1 IH2 IY IY0 IY1 IY2 ' +
    'JH K L M N NG OW OW0 OW1 OW2 OY OY0 OY1 OY2 P R S SH T TH UH UH0 UH1 UH2 UW UW0 UW1 UW2 ' +
    'V W Y Z ZH'
  ).split(' '),
);

/** Every symbol, index = id (148 for Tacotron 2). */
export const SYMBOLS: readonly string[] = Object.freeze([
  PAD,
  ...SPECIAL,
  ...PUNCTUATION,
  ...LETTERS,
  ...ARPABET.map((phoneme) => `@${phoneme}`),
]);

export const SYMBOL_COUNT = SYMBOLS.length;

const ID_OF: ReadonlyMap<string, number> = new Map(SYMBOLS.map((symbol, id) => [symbol, id]));

/**
 * The id of a symbol text_to_sequence keeps, or null: symbols outside the table are dropped, and
 * so is the pad `_` (`_should_keep_symbol`), which marks padding, not text.
 */
export function keptSymbolId(symbol: string): number | null {
  if (symbol === PAD) return null;
  return ID_OF.get(symbol) ?? null;
}

/** The symbol an id stands for (`@HH` for a phoneme), or null outside 0…SYMBOL_COUNT − 1. */
export function symbolOf(id: number): string | null {
  return Number.isInteger(id) ? (SYMBOLS[id] ?? null) : null;
}
