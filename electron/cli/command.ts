/**
 * What a command is, and what it hands back. A command never writes to stdout or stderr itself:
 * it returns what to print, and main.ts prints it only once the command has succeeded, so a
 * failing run prints exactly one line, `error: …`, and nothing before it.
 */

export interface CommandResult {
  /** What the command prints on stdout (inspect's listing). */
  stdout?: string;
  /** Whole `note: …` / `warning: …` lines for stderr, printed after stdout. */
  notices?: readonly string[];
}

/** A command takes the arguments after its name; it throws UsageError, CliError or a pipeline error. */
export type Command = (argv: string[]) => Promise<CommandResult>;

export interface CommandSpec {
  run: Command;
  /** `postnet-studio NAME --help`: the command's usage and options. */
  help: string;
}

export const note = (text: string): string => `note: ${text}`;
export const warning = (text: string): string => `warning: ${text}`;
