import { describe, expect, it } from 'vitest';
import { thrownBy } from '../helpers/rejection';
import { BenchArgumentError, planSections, sectionOptions } from './args';
import type { BenchSection } from './timing';

const section = (name: string): BenchSection => ({ name, title: name, run: () => undefined });
const SECTIONS = ['mel', 'postnet', 'worker', 'layers'].map(section);
const planned = (argv: string[]) =>
  planSections(argv, SECTIONS).map((p) => [p.section.name, p.args] as [string, string[]]);

describe('planSections', () => {
  it('runs every section with no options when none is named', () => {
    expect(planned([])).toEqual([
      ['mel', []],
      ['postnet', []],
      ['worker', []],
      ['layers', []],
    ]);
  });

  it('gives each named section the options written after its name, in the listed order', () => {
    expect(planned(['layers', '--seconds', '60', '--runs=3', 'postnet', '--accuracy'])).toEqual([
      ['postnet', ['--accuracy']],
      ['layers', ['--seconds', '60', '--runs=3']],
    ]);
  });

  it('fails clearly on an unknown section, an option before any section, or a section named twice', () => {
    const cases: [string[], string][] = [
      [['speed'], 'unknown bench section speed; have: mel, postnet, worker, layers'],
      [
        ['--seconds', '60', 'layers'],
        '--seconds comes before any section name: options follow their section',
      ],
      [['mel', 'mel'], 'bench section mel is named twice'],
    ];
    for (const [argv, message] of cases) {
      const error = thrownBy(() => planSections(argv, SECTIONS));
      expect(error).toBeInstanceOf(BenchArgumentError);
      expect(error.message).toContain(message);
    }
  });
});

describe('sectionOptions', () => {
  it('reads whole numbers and flags, leaving out what was not given', () => {
    expect(
      sectionOptions('postnet', ['--frames', '100', '--accuracy'], {
        frames: 'integer',
        runs: 'integer',
        accuracy: 'boolean',
      }),
    ).toEqual({ frames: 100, accuracy: true });
  });

  it('fails clearly on an unknown option, a stray word or a number that is not a whole number ≥ 1', () => {
    const kinds = { seconds: 'integer', runs: 'integer' } as const;
    const cases: [string, string[], string][] = [
      [
        'layers',
        ['--secs', '60'],
        "Unknown option '--secs' (bench section layers takes --seconds N, --runs N)",
      ],
      ['layers', ['60'], '(bench section layers takes --seconds N, --runs N)'],
      ['layers', ['--seconds', '0'], '--seconds must be a whole number ≥ 1, got 0'],
      ['layers', ['--runs', '2.5'], '--runs must be a whole number ≥ 1, got 2.5'],
    ];
    for (const [name, args, message] of cases) {
      const error = thrownBy(() => sectionOptions(name, args, kinds));
      expect(error).toBeInstanceOf(BenchArgumentError);
      expect(error.message).toContain(message);
    }
    expect(thrownBy(() => sectionOptions('mel', ['--seconds', '5'], {})).message).toContain(
      'bench section mel takes no options',
    );
  });
});
