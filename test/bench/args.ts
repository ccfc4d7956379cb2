/**
 * The bench's command line: `npm run bench [-- section [--option value…]…]`. Each section name is
 * followed by its own options (`layers --seconds 60 postnet --accuracy`), which that section
 * parses; no name runs every section with its defaults.
 */
import { parseArgs } from 'node:util';
import type { BenchSection } from './timing';

/** A bench command line that cannot run; `npm run bench` prints the message and exits with 2. */
export class BenchArgumentError extends Error {
  override name = 'BenchArgumentError';
}

export interface PlannedSection {
  section: BenchSection;
  /** The options written after the section's name, for its own parser. */
  args: string[];
}

/** Which sections run, in the order listed in `sections`, each with the options after its name. */
export function planSections(argv: readonly string[], sections: readonly BenchSection[]): PlannedSection[] {
  const names = sections.map((s) => s.name).join(', ');
  if (argv.length === 0) return sections.map((section) => ({ section, args: [] }));
  const chosen = new Map<string, string[]>();
  let current: string[] | null = null;
  for (const token of argv) {
    if (sections.some((s) => s.name === token)) {
      if (chosen.has(token)) throw new BenchArgumentError(`bench section ${token} is named twice`);
      current = [];
      chosen.set(token, current);
    } else if (current === null) {
      throw new BenchArgumentError(
        token.startsWith('-')
          ? `${token} comes before any section name: options follow their section (e.g. \`npm run bench -- layers --seconds 60\`); sections: ${names}`
          : `unknown bench section ${token}; have: ${names}`,
      );
    } else {
      current.push(token);
    }
  }
  return sections
    .filter((s) => chosen.has(s.name))
    .map((section) => ({ section, args: chosen.get(section.name)! }));
}

type OptionKinds = Record<string, 'integer' | 'boolean'>;
type Parsed<T extends OptionKinds> = {
  [K in keyof T]?: T[K] extends 'integer' ? number : boolean;
};

/**
 * A section's options: `--name N` (a whole number ≥ 1) or `--flag`. Unknown options, stray words
 * and bad numbers fail with a BenchArgumentError naming the section and what it takes.
 */
export function sectionOptions<T extends OptionKinds>(
  section: string,
  args: readonly string[],
  kinds: T,
): Parsed<T> {
  const takes = Object.entries(kinds)
    .map(([name, kind]) => (kind === 'integer' ? `--${name} N` : `--${name}`))
    .join(', ');
  const usage = `bench section ${section} takes ${takes || 'no options'}`;
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: [...args],
      options: Object.fromEntries(
        Object.entries(kinds).map(([name, kind]) => [
          name,
          { type: kind === 'integer' ? 'string' : 'boolean' },
        ]),
      ),
      strict: true,
      allowPositionals: false,
    }).values as Record<string, string | boolean | undefined>;
  } catch (error) {
    throw new BenchArgumentError(`${(error as Error).message.split('\n')[0]} (${usage})`);
  }
  const parsed: Record<string, number | boolean> = {};
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined) continue;
    if (kinds[name] === 'boolean') {
      parsed[name] = value === true;
      continue;
    }
    if (typeof value !== 'string' || !/^[1-9]\d*$/.test(value)) {
      throw new BenchArgumentError(`--${name} must be a whole number ≥ 1, got ${String(value)} (${usage})`);
    }
    parsed[name] = Number(value);
  }
  return parsed as Parsed<T>;
}

/** Runs planned sections with their headers; a BenchArgumentError prints its message and exits with 2. */
export async function runSections(planned: () => PlannedSection[]): Promise<void> {
  try {
    for (const { section, args } of planned()) {
      console.log(`\n== ${section.name}: ${section.title} ==`);
      await section.run(args);
    }
  } catch (error) {
    if (!(error instanceof BenchArgumentError)) throw error;
    console.error(error.message);
    process.exit(2);
  }
}
