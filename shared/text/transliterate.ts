/**
 * `convert_to_ascii` of NVIDIA's english_cleaners (there: `unidecode(text)`), for the characters
 * English text commonly holds. ASCII passes unchanged. Other characters: this table first, else
 * the compatibility decomposition (NFKD) without its combining marks when that is ASCII
 * ("é" → "e", "ﬁ" → "fi", "²" → "2"), else nothing. That equals Unidecode 1.3 on every character
 * of COVERED_RANGES (the fixture test checks each one); outside them a character that comes out
 * empty is reported by `asciiOf` as untransliterated (Unidecode may know it: Greek, Cyrillic, CJK…).
 */

/** Where this module matches Unidecode character for character (inclusive code point ranges). */
export const COVERED_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x0080, 0x017f], // C1 controls, Latin-1 Supplement, Latin Extended-A
  [0x0300, 0x036f], // combining diacritical marks
  [0x1e00, 0x1eff], // Latin Extended Additional (Vietnamese, Welsh…)
  [0x2000, 0x206f], // general punctuation: quotes, dashes, spaces, ellipsis
  [0x20a0, 0x20bf], // currency signs
  [0x2100, 0x218f], // letterlike symbols and number forms: ™, №, ½, Ⅻ
];

/** The characters whose Unidecode form is not their decomposition without marks. */
// prettier-ignore
const TABLE: ReadonlyMap<number, string> = new Map(
  Object.entries({
    // Latin-1 Supplement
    a1: '!', a2: 'C/', a3: 'PS', a4: '$?', a5: 'Y=', a6: '|', a7: 'SS', a8: '"', a9: '(c)',
    ab: '<<', ac: '!', ae: '(r)', af: '-', b0: 'deg', b1: '+-', b4: "'", b5: 'u', b6: 'P',
    b7: '*', b8: ',', bb: '>>', bc: ' 1/4', bd: ' 1/2', be: ' 3/4', c6: 'AE', d0: 'D', d7: 'x',
    d8: 'O', de: 'Th', df: 'ss', e6: 'ae', f0: 'd', f7: '/', f8: 'o', fe: 'th', bf: '?',
    // Latin Extended-A (Unidecode swaps the case of Ŋ ŋ; kept, it is what NVIDIA's code does)
    '110': 'D', '111': 'd', '126': 'H', '127': 'h', '131': 'i', '138': 'k', '13f': 'L',
    '140': 'l', '141': 'L', '142': 'l', '149': "'n", '14a': 'ng', '14b': 'NG', '152': 'OE',
    '153': 'oe', '166': 'T', '167': 't',
    // combining Latin small letters
    '363': 'a', '364': 'e', '365': 'i', '366': 'o', '367': 'u', '368': 'c', '369': 'd',
    '36a': 'h', '36b': 'm', '36c': 'r', '36d': 't', '36e': 'v', '36f': 'x',
    // Latin Extended Additional
    '1e9a': 'a', '1e9b': 'S', '1e9e': 'Ss',
    // general punctuation
    '200b': ' ', '2010': '-', '2011': '-', '2012': '-', '2013': '-', '2014': '--', '2015': '--',
    '2016': '||', '2017': '_', '2018': "'", '2019': "'", '201a': ',', '201b': "'", '201c': '"',
    '201d': '"', '201e': ',,', '201f': '"', '2020': '+', '2021': '++', '2022': '*', '2023': '*>',
    '2027': '.', '2028': '\n', '2029': '\n\n', '2030': '%0', '2031': '%00', '2032': "'",
    '2033': "''", '2034': "'''", '2035': '`', '2036': '``', '2037': '```', '2038': '^',
    '2039': '<', '203a': '>', '203b': '*', '203d': '!?', '203e': '-', '203f': '_', '2040': '-',
    '2041': '^', '2042': '***', '2043': '--', '2044': '/', '2045': '-[', '2046': ']-',
    '204a': '&', '204b': 'PP', '204c': '(]', '204d': '[)', '204e': '*', '2052': '%', '2053': '~',
    '2057': "''''",
    // currency signs
    '20a0': 'ECU', '20a1': 'CL', '20a2': 'Cr', '20a3': 'FF', '20a4': 'L', '20a5': 'mil',
    '20a6': 'N', '20a7': 'Pts', '20a9': 'W', '20aa': 'NS', '20ab': 'D', '20ac': 'EUR',
    '20ad': 'K', '20ae': 'T', '20af': 'Dr', '20b0': 'Pf', '20b1': 'P', '20b2': 'G', '20b3': 'A',
    '20b4': 'UAH', '20b5': 'C|', '20b6': 'L', '20b7': 'Sm', '20b8': 'T', '20b9': 'Rs',
    '20ba': 'L', '20bb': 'M', '20bc': 'm', '20bd': 'R', '20be': 'l', '20bf': 'BTC',
    // letterlike symbols and number forms
    '2100': ' a/c ', '2101': ' a/s ', '2105': ' c/o ', '2106': ' c/u ', '2116': 'No. ',
    '2117': '(p)', '2120': '(sm)', '2122': '(tm)', '2126': 'ohm', '212e': 'e', '2132': 'F',
    '214e': 'F', '2150': ' 1/7 ', '2151': ' 1/9 ', '2152': ' 1/10 ', '2153': ' 1/3 ',
    '2154': ' 2/3 ', '2155': ' 1/5 ', '2156': ' 2/5 ', '2157': ' 3/5 ', '2158': ' 4/5 ',
    '2159': ' 1/6 ', '215a': ' 5/6 ', '215b': ' 1/8 ', '215c': ' 3/8 ', '215d': ' 5/8 ',
    '215e': ' 7/8 ', '215f': ' 1/', '2180': '(D', '2181': 'D)', '2182': '((|))', '2183': ')',
    '2189': ' 0/3 ',
  }).map(([hex, ascii]) => [parseInt(hex, 16), ascii]),
);

const ASCII = /^[^\u0080-\uffff]*$/;
const MARKS = /\p{M}/gu;

export function isCovered(codePoint: number): boolean {
  return codePoint < 0x80 || COVERED_RANGES.some(([first, last]) => codePoint >= first && codePoint <= last);
}

/** One character's ASCII form: ASCII itself, the table's entry, its decomposition, or ''. */
export function asciiOfChar(char: string): string {
  const codePoint = char.codePointAt(0)!;
  if (codePoint < 0x80) return char;
  const listed = TABLE.get(codePoint);
  if (listed !== undefined) return listed;
  const decomposed = char.normalize('NFKD').replace(MARKS, '');
  return ASCII.test(decomposed) ? decomposed : '';
}

export interface AsciiText {
  text: string;
  /** Characters outside COVERED_RANGES that came out empty, once each in order of appearance. */
  untransliterated: string[];
}

/** The text in ASCII, character by character (code points, as Python iterates a str). */
export function asciiOf(text: string): AsciiText {
  const parts: string[] = [];
  const untransliterated = new Set<string>();
  for (const char of text) {
    const ascii = asciiOfChar(char);
    if (ascii === '' && !isCovered(char.codePointAt(0)!)) untransliterated.add(char);
    parts.push(ascii);
  }
  return { text: parts.join(''), untransliterated: [...untransliterated] };
}
