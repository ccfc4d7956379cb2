/**
 * The CLI's file system edge: electron/main/files.ts's reads (that name the file and the reason)
 * and atomic writes (temporary file, fsync, rename), with the reasons in a shell's words
 * (`cannot read missing.wav: no such file or directory`, as docs/cli.md shows).
 */
import * as files from '../main/files';

/** A failure the CLI reports as `error: <message>` with exit status 1 (its own checks, not the file system's). */
export class CliError extends Error {
  override name = 'CliError';
}

export type PathKind = files.PathKind;

export function pathKind(path: string): Promise<PathKind> {
  return files.pathKind(path, files.SHELL_REASONS);
}

export function readBytes(path: string): Promise<Uint8Array> {
  return files.readBytes(path, files.MAX_READ_BYTES, files.SHELL_REASONS);
}

/** The regular files directly inside a folder, sorted by name, as full paths; hidden files (`._x.npy`) skipped. */
export function listFiles(folder: string): Promise<string[]> {
  return files.listFiles(folder, files.SHELL_REASONS);
}

/** Writes `path` whole or not at all: an existing file there is left as it was on failure. */
export function writeFileAtomic(path: string, bytes: Uint8Array): Promise<void> {
  return files.writeFilesAtomic([{ path, bytes }], files.SHELL_REASONS);
}
