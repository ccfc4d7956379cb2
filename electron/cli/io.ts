/** The CLI's file system edge: reads with messages that name the file, writes that are atomic. */
import { readFile, rename, unlink, writeFile, stat, readdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** A failure the CLI reports as `error: <message>` with exit status 1. */
export class CliError extends Error {
  override name = 'CliError';
}

function describeFsError(error: unknown, action: string, path: string): CliError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const reason =
    code === 'ENOENT'
      ? 'no such file or directory'
      : code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : code === 'EISDIR'
          ? 'is a directory'
          : code === 'ENOSPC'
            ? 'no space left on device'
            : code === 'EROFS'
              ? 'read-only file system'
              : error instanceof Error
                ? error.message
                : String(error);
  return new CliError(`cannot ${action} ${path}: ${reason}`);
}

export async function readBytes(path: string): Promise<Uint8Array> {
  try {
    const buffer = await readFile(path);
    return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  } catch (error) {
    throw describeFsError(error, 'read', path);
  }
}

export async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch (error) {
    throw describeFsError(error, 'read', path);
  }
}

/** The files directly inside a folder, sorted by name, as full paths. */
export async function listFiles(folder: string): Promise<string[]> {
  try {
    const entries = await readdir(folder, { withFileTypes: true });
    return entries
      .filter((entry) => entry.isFile())
      .map((entry) => join(folder, entry.name))
      .sort();
  } catch (error) {
    throw describeFsError(error, 'read', folder);
  }
}

/**
 * Writes a file whole or not at all: the bytes go to a temporary file beside the target, which is
 * renamed over it only once complete. On failure the temporary file is removed.
 */
export async function writeFileAtomic(path: string, bytes: Uint8Array): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    await writeFile(temporary, bytes);
    await rename(temporary, path);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw describeFsError(error, 'write', path);
  }
}
