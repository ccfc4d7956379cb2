/**
 * The CLI's file system edge: electron/main/files.ts's reads (that name the file and the reason,
 * `cannot read missing.wav: no such file or directory`) and atomic writes (temporary file, fsync,
 * rename), the same as the app's.
 */
import { stat } from 'node:fs/promises';
import { readBytes, writeFilesAtomic } from '../main/files';

export { describeFsError, listFiles, pathKind, readBytes, type PathKind } from '../main/files';

/** A failure the CLI reports as `error: <message>` with exit status 1 (its own checks, not the file system's). */
export class CliError extends Error {
  override name = 'CliError';
}

/** Writes `path` whole or not at all: an existing file there is left as it was on failure. */
export function writeFileAtomic(path: string, bytes: Uint8Array | readonly Uint8Array[]): Promise<void> {
  return writeFilesAtomic([{ path, bytes }]);
}

/** Writes an output and its JSON sidecar (`OUT.npy.json`) both or neither. */
export function writeWithSidecar(
  path: string,
  bytes: Uint8Array | readonly Uint8Array[],
  sidecar: Uint8Array,
): Promise<void> {
  return writeFilesAtomic([
    { path, bytes },
    { path: `${path}.json`, bytes: sidecar },
  ]);
}

/**
 * The file's bytes when `path` exists, null when nothing is there (a sidecar that may or may not
 * sit beside an input); anything else (a folder, unreadable) fails as readBytes does.
 */
export async function readOptionalBytes(path: string, maxBytes = 1024 * 1024): Promise<Uint8Array | null> {
  try {
    await stat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
  }
  return readBytes(path, maxBytes);
}
