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
    const message = error instanceof Error ? error.message.replace(/\.$/, '') : String(error);
    throw new UsageError(`${command}: ${message}`);
  }
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
