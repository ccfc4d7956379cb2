/**
 * The one module that touches the file system. Reads say which file and why they failed; writes
 * are atomic (a temporary file beside the target, fsynced, then renamed), so a failed export or
 * settings write leaves no partial file behind. Which paths may be read is decided before this
 * module is called (grants.ts); this module only does the I/O.
 */
import { randomBytes } from 'node:crypto';
import { open, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep, isAbsolute } from 'node:path';
import { FileAccessError } from '../../shared/api/errors';

/** Larger inputs would not fit the worker's memory once decoded anyway; say so before reading. */
export const MAX_READ_BYTES = 1024 * 1024 * 1024;

const REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is exceeded',
  EISDIR: 'it is a folder, not a file',
  ENOTDIR: 'a part of the path is not a folder',
  EEXIST: 'it already exists',
  EMFILE: 'too many files are open',
  ENAMETOOLONG: 'the name is too long',
  EBUSY: 'the file is in use',
  ELOOP: 'too many symbolic links (a symlink that points back at itself?)',
};

/** A FileAccessError for `action` on `path`: `cannot write /x/out.npy: the disk is full`. */
export function describeFsError(
  error: unknown,
  action: 'read' | 'write' | 'list',
  path: string,
): FileAccessError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const reason = (code && REASONS[code]) ?? (error instanceof Error ? error.message : String(error));
  return new FileAccessError(`cannot ${action} ${path}: ${reason}`);
}

export type PathKind = 'file' | 'folder';

export async function pathKind(path: string): Promise<PathKind> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) return 'folder';
    if (info.isFile()) return 'file';
    throw new FileAccessError(`cannot read ${path}: not a regular file or folder`);
  } catch (error) {
    if (error instanceof FileAccessError) throw error;
    throw describeFsError(error, 'read', path);
  }
}

/** What a path the user gave holds: a folder, or a regular file and its bytes. */
export type FileOrFolder = { kind: 'folder' } | { kind: 'file'; bytes: Uint8Array };

/**
 * Reads a path as what it is, with one `stat`: a folder is reported (its files are the caller's
 * business), a regular file is read whole (a Buffer that owns its memory, so it can be moved to
 * the worker) unless it is larger than `maxBytes`.
 */
export async function readFileOrFolder(path: string, maxBytes = MAX_READ_BYTES): Promise<FileOrFolder> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) return { kind: 'folder' };
    if (!info.isFile()) throw new FileAccessError(`cannot read ${path}: not a regular file or folder`);
    if (info.size > maxBytes) {
      const mib = (n: number): string => `${Math.round(n / (1024 * 1024))} MiB`;
      throw new FileAccessError(
        `cannot read ${path}: it is ${mib(info.size)}, more than the ${mib(maxBytes)} allowed`,
      );
    }
    return { kind: 'file', bytes: await readFile(path) };
  } catch (error) {
    if (error instanceof FileAccessError) throw error;
    throw describeFsError(error, 'read', path);
  }
}

/** The whole file as bytes (see `readFileOrFolder`); a folder is refused. */
export async function readBytes(path: string, maxBytes = MAX_READ_BYTES): Promise<Uint8Array> {
  const item = await readFileOrFolder(path, maxBytes);
  if (item.kind === 'folder') throw describeFsError({ code: 'EISDIR' }, 'read', path);
  return item.bytes;
}

/** The regular files directly inside `folder`, sorted by name, as full paths (hidden files skipped). */
export async function listFiles(folder: string): Promise<string[]> {
  try {
    const entries = await readdir(folder, { withFileTypes: true });
    return entries
      .filter((entry) => entry.isFile() && !entry.name.startsWith('.'))
      .map((entry) => join(folder, entry.name))
      .sort();
  } catch (error) {
    throw describeFsError(error, 'list', folder);
  }
}

export interface FileToWrite {
  path: string;
  /** The file's bytes, or its parts in order (an `.npy` header and a view of the data: no copy). */
  bytes: Uint8Array | readonly Uint8Array[];
}

/** Most bytes in one file name on the file systems in use (ext4, APFS, NTFS in UTF-16 units). */
const MAX_NAME_BYTES = 255;

/**
 * `.NAME.PID.RANDOM.tmp` beside `path`; NAME is cut (at a character boundary) so the temporary
 * name fits in 255 bytes even when the target's own name nearly does.
 */
export function temporaryPathFor(path: string): string {
  const suffix = `.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  let name = basename(path);
  while (Buffer.byteLength(`.${name}${suffix}`) > MAX_NAME_BYTES) name = [...name].slice(0, -1).join('');
  return join(dirname(path), `.${name}${suffix}`);
}

async function writeSynced(path: string, bytes: Uint8Array | readonly Uint8Array[]): Promise<void> {
  const handle = await open(path, 'wx', 0o644);
  try {
    if (bytes instanceof Uint8Array) await handle.writeFile(bytes);
    else for (const part of bytes) await handle.writeFile(part);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Writes several files all or nothing (an export and its sidecar): each goes to a temporary file
 * in its own folder, then all are renamed into place. If any step fails, the temporary files and
 * any file already renamed are removed, and the error names the file and the reason.
 */
export async function writeFilesAtomic(files: readonly FileToWrite[]): Promise<void> {
  const staged: { temporary: string; path: string }[] = [];
  const placed: string[] = [];
  let current = files[0]?.path ?? '';
  try {
    for (const file of files) {
      current = file.path;
      const temporary = temporaryPathFor(file.path);
      staged.push({ temporary, path: file.path });
      await writeSynced(temporary, file.bytes);
    }
    for (const { temporary, path } of staged) {
      current = path;
      await rename(temporary, path);
      placed.push(path);
    }
  } catch (error) {
    const leftovers = [...staged.map((s) => s.temporary), ...placed];
    await Promise.all(leftovers.map((path) => unlink(path).catch(() => undefined)));
    throw describeFsError(error, 'write', current);
  }
}

/** A JSON file's value, or undefined when it is missing or not valid JSON (settings fall back to defaults). */
export async function readJsonFile(path: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as unknown;
  } catch {
    return undefined;
  }
}

export async function writeJsonFile(path: string, value: unknown): Promise<void> {
  await writeFilesAtomic([{ path, bytes: Buffer.from(JSON.stringify(value, null, 2) + '\n', 'utf8') }]);
}

/**
 * Resolves a URL path inside `root` (the built renderer); null when it would leave `root`
 * (`..`, encoded slashes, absolute paths) so the app protocol serves nothing outside it.
 */
export function resolveInside(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const target = resolve(root, `.${sep}${decoded.replace(/^[/\\]+/, '')}`);
  const inside = relative(root, target);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return null;
  return target;
}

/** A file of the built app (renderer assets, the bundled sample), or null if it does not exist. */
export async function readAppFile(path: string): Promise<Uint8Array | null> {
  try {
    return await readFile(path);
  } catch {
    return null;
  }
}
