/** Files to open from a command line (first instance, or one forwarded by a second instance). */
import { resolve } from 'node:path';

/** What a command line may open: audio, spectrograms and weight archives. */
const OPENABLE = /\.(wav|wave|npy|npz)$/i;

/**
 * The openable paths in `argv`, absolute (relative ones resolved against `cwd`), without
 * duplicates. Flags (`--inspect`, Chromium switches) and the app's own entry are skipped.
 */
export function filesFromCommandLine(argv: readonly string[], cwd: string): string[] {
  const paths = argv
    .filter((argument) => !argument.startsWith('-') && OPENABLE.test(argument))
    .map((argument) => resolve(cwd, argument));
  return [...new Set(paths)];
}
