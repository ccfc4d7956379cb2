/** Command-line parsing on top of `node:util.parseArgs`, with usage errors the CLI exits 2 on. */
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A mistake in how the CLI was called: exit status 2 and a pointer to `--help`. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface ParsedArgs {
  positionals: string[];
  values: Record<string, string | boolean | undefined>;
}

export function parseCommandArgs(command: string, argv: string[], options: OptionSpec): ParsedArgs {
  try {
    const { values, positionals } = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
    return { positionals, values: values as ParsedArgs['values'] };
  } catch (error) {
    throw new UsageError(`${command}: ${parseErrorMessage(error, options)}`);
  }
}

/**
 * parseArgs' errors in the CLI's words: `unknown option '--n_mels'; did you mean '--n-mels'?`,
 * `--weights needs a value`, `--no-residual takes no value` (its own text explains `--` instead).
 */
function parseErrorMessage(error: unknown, options: OptionSpec): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  const quoted = /'([^']+)'/.exec(message)?.[1];
  if (quoted === undefined) return message.replace(/\.$/, '');
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const guess = closestOption(quoted.replace(/^-+/, '').split('=')[0]!, Object.keys(options));
    return `unknown option '${quoted}'${guess ? `; did you mean '--${guess}'?` : ''}`;
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const name = quoted.replace(/ <value>$/, '');
    return message.includes('does not take') ? `${name} takes no value` : `${name} needs a value`;
  }
  return message.replace(/\.$/, '');
}

/** The option a mistyped name most likely meant: one containing it, or within two edits. */
function closestOption(name: string, known: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = 3;
  for (const option of known) {
    const distance = option.includes(name) || name.includes(option) ? 1 : editDistance(name, option);
    if (distance < bestDistance) {
      best = option;
      bestDistance = distance;
    }
  }
  return name.length > 1 ? best : null;
}

/** Levenshtein distance (insert, delete, substitute). */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitute = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      row.push(Math.min(previous[j]! + 1, row[j - 1]! + 1, substitute));
    }
    previous = row;
  }
  return previous[b.length]!;
}

/** An option that must be a positive integer (`--hop 256`). */
export function intOption(values: ParsedArgs['values'], name: string): number | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (typeof raw !== 'string' || !Number.isInteger(value) || value <= 0) {
    throw new UsageError(`--${name} must be a positive integer, got '${String(raw)}'`);
  }
  return value;
}

/** An option that must be a finite number ≥ 0 (`--fmax 8000`). */
export function numberOption(values: ParsedArgs['values'], name: string): number | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (typeof raw !== 'string' || raw.trim() === '' || !Number.isFinite(value) || value < 0) {
    throw new UsageError(`--${name} must be a number ≥ 0, got '${String(raw)}'`);
  }
  return value;
}

export function stringOption(values: ParsedArgs['values'], name: string): string | undefined {
  const raw = values[name];
  return typeof raw === 'string' ? raw : undefined;
}

export function requireOne(positionals: string[], command: string, what: string): string {
  if (positionals.length === 0) throw new UsageError(`${command}: missing ${what}`);
  if (positionals.length > 1) {
    throw new UsageError(
      `${command}: expected one ${what}, got ${positionals.length}: ${positionals.join(' ')}`,
    );
  }
  return positionals[0]!;
}
