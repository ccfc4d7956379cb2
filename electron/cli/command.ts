/**
 * What a command is, and what it hands back. A one-file command never writes to stdout or stderr
 * itself: it returns what to print, and main.ts prints it only once the command has succeeded, so
 * a failing run prints exactly one line, `error: …`, and nothing before it. A batch (several
 * inputs or a folder, see batch.ts) reports as it goes through `CommandIo`: a progress line, and
 * one `error: …` line for each input it skips.
 */

export interface CommandResult {
  /** What the command prints on stdout (inspect's listing). */
  stdout?: string;
  /** Whole `note: …` / `warning: …` lines for stderr, printed after stdout. */
  notices?: readonly string[];
  /** The exit status when it is not 0 without an exception: 1 for a batch in which an input failed. */
  status?: number;
}

/** stderr while a command runs, for batches (main.ts makes it; tests capture it). */
export interface CommandIo {
  /** Writes one whole line (`error: …`, `warning: …`) now. */
  line(text: string): void;
  /** Shows the progress line: rewritten in place on a terminal, a line now and then otherwise. */
  progress(text: string, final: boolean): void;
}

/** A command takes the arguments after its name; it throws UsageError, CliError or a pipeline error. */
export type Command = (argv: string[], io: CommandIo) => Promise<CommandResult>;

export interface CommandSpec {
  run: Command;
  /** `postnet-studio NAME --help`: the command's usage and options. */
  help: string;
}

export const note = (text: string): string => `note: ${text}`;
export const warning = (text: string): string => `warning: ${text}`;
