/** The fixtures of test/fixtures/text, made by NVIDIA/tacotron2's text front end (make_fixtures.py). */
import { readFileSync } from 'node:fs';
import { fixturePath } from '../../helpers/fixtures';

export interface SequenceRow {
  text: string;
  basic: number[];
  /** Absent when NVIDIA's english_cleaners raised (english_error names the exception). */
  english?: number[];
  english_text?: string;
  english_error?: string;
  /** Characters outside the covered ranges, once each, and the english ids of the text without them. */
  uncovered?: string;
  english_covered?: number[];
}

export interface SequencesFixture {
  symbols: string[];
  sequences: SequenceRow[];
}

/** [input, normalize_numbers(input)] or [input, null, exception name]. */
export type NumberRow = [string, string] | [string, null, string];

export interface UnidecodeFixture {
  ranges: [number, number][];
  /** Lower-case hex code point → unidecode(chr(c)). */
  ascii: Record<string, string>;
}

function readJson<T>(name: string): T {
  return JSON.parse(readFileSync(fixturePath('text', name), 'utf8')) as T;
}

export const sequencesFixture = (): SequencesFixture => readJson('sequences.json');
export const numbersFixture = (): NumberRow[] => readJson('numbers.json');
/** [text, basic ids, english ids or the name of the exception NVIDIA's code raised]. */
export type FuzzRow = [string, number[] | string, number[] | string];

export const fuzzFixture = (): FuzzRow[] => readJson('fuzz.json');
export const unidecodeFixture = (): UnidecodeFixture => readJson('unidecode.json');
