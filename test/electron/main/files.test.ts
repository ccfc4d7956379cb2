import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  describeFsError,
  listFiles,
  readBytes,
  readJsonFile,
  resolveInside,
  writeFilesAtomic,
  writeJsonFile,
} from '../../../electron/main/files';
import { rejectionOf } from '../../helpers/rejection';

let folder = '';
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'postnet-files-'));
});
afterEach(async () => {
  await chmod(folder, 0o755).catch(() => undefined);
  await rm(folder, { recursive: true, force: true });
});

const bytes = (text: string) => new Uint8Array(Buffer.from(text));
const isRoot = process.getuid?.() === 0;

describe('writeFilesAtomic', () => {
  it('writes an export and its sidecar, leaving no temporary file', async () => {
    const out = join(folder, 'speech.npy');
    await writeFilesAtomic([
      { path: out, bytes: bytes('npy') },
      { path: `${out}.json`, bytes: bytes('{}') },
    ]);
    expect(await readFile(out, 'utf8')).toBe('npy');
    expect(await readFile(`${out}.json`, 'utf8')).toBe('{}');
    expect((await readdir(folder)).sort()).toEqual(['speech.npy', 'speech.npy.json']);
  });

  it('replaces an existing file whole', async () => {
    const out = join(folder, 'a.csv');
    await writeFile(out, 'old contents that are longer');
    await writeFilesAtomic([{ path: out, bytes: bytes('new') }]);
    expect(await readFile(out, 'utf8')).toBe('new');
  });

  it('fails clearly (even as root) when the folder is a regular file, and leaves nothing behind', async () => {
    const notAFolder = join(folder, 'plain-file');
    await writeFile(notAFolder, 'x');
    const error = await rejectionOf(
      writeFilesAtomic([{ path: join(notAFolder, 'out.npy'), bytes: bytes('x') }]),
    );
    expect(error.name).toBe('FileAccessError');
    expect(error.message).toBe(
      `cannot write ${join(notAFolder, 'out.npy')}: a part of the path is not a folder`,
    );
    expect(await readdir(folder)).toEqual(['plain-file']);
  });

  it('fails clearly (even as root) in /proc, where no file can be created', async () => {
    const target = `/proc/postnet-studio-${process.pid}.npy`;
    const error = await rejectionOf(writeFilesAtomic([{ path: target, bytes: bytes('x') }]));
    expect(error.name).toBe('FileAccessError');
    expect(error.message).toMatch(/^cannot write \/proc\/postnet-studio-\d+\.npy: /);
    expect(existsSync(target)).toBe(false);
  });

  it.skipIf(!existsSync('/sys/kernel'))(
    'fails clearly (even as root) in /sys: permission denied or read-only',
    async () => {
      const error = await rejectionOf(
        writeFilesAtomic([{ path: '/sys/kernel/postnet.npy', bytes: bytes('x') }]),
      );
      expect(error.message).toMatch(
        /^cannot write \/sys\/kernel\/postnet\.npy: (permission denied|the file system is read-only)$/,
      );
    },
  );

  it.skipIf(isRoot)(
    'fails clearly in a read-only (0555) folder: permission denied, nothing left',
    async () => {
      const locked = join(folder, 'locked');
      await mkdir(locked);
      await chmod(locked, 0o555);
      const error = await rejectionOf(
        writeFilesAtomic([{ path: join(locked, 'out.npy'), bytes: bytes('x') }]),
      );
      expect(error.message).toBe(`cannot write ${join(locked, 'out.npy')}: permission denied`);
      expect(await readdir(locked)).toEqual([]);
    },
  );

  it('removes the export again when its sidecar cannot be written (all or nothing)', async () => {
    const out = join(folder, 'speech.npy');
    const blocked = join(folder, 'blocked');
    await writeFile(blocked, 'x');
    const error = await rejectionOf(
      writeFilesAtomic([
        { path: out, bytes: bytes('npy') },
        { path: join(blocked, 'speech.npy.json'), bytes: bytes('{}') },
      ]),
    );
    expect(error.message).toMatch(/blocked\/speech\.npy\.json: a part of the path is not a folder$/);
    expect(await readdir(folder)).toEqual(['blocked']);
  });
});

describe('reading', () => {
  it('reads a file whole as bytes that own their buffer (transferable to the worker)', async () => {
    const path = join(folder, 'a.wav');
    await writeFile(path, 'RIFF');
    const read = await readBytes(path);
    expect(Buffer.from(read).toString()).toBe('RIFF');
    expect(read.byteOffset === 0 && read.byteLength === read.buffer.byteLength).toBe(true);
  });

  it('fails clearly on a missing file, a folder, or a file over the size limit', async () => {
    const missing = join(folder, 'missing.wav');
    expect((await rejectionOf(readBytes(missing))).message).toBe(
      `cannot read ${missing}: no such file or directory`,
    );
    expect((await rejectionOf(readBytes(folder))).message).toBe(
      `cannot read ${folder}: it is a folder, not a file`,
    );
    const big = join(folder, 'big.wav');
    await writeFile(big, Buffer.alloc(3 * 1024 * 1024));
    expect((await rejectionOf(readBytes(big, 1024 * 1024))).message).toBe(
      `cannot read ${big}: it is 3 MiB, more than the 1 MiB allowed`,
    );
  });

  it('lists a folder’s files sorted, without hidden files or subfolders', async () => {
    await writeFile(join(folder, 'b.npy'), '');
    await writeFile(join(folder, 'a.npy'), '');
    await writeFile(join(folder, '.DS_Store'), '');
    await mkdir(join(folder, 'sub'));
    expect(await listFiles(folder)).toEqual([join(folder, 'a.npy'), join(folder, 'b.npy')]);
  });

  it('reads JSON settings back, and gives undefined for a missing or damaged file', async () => {
    const path = join(folder, 'state.json');
    await writeJsonFile(path, { version: 1 });
    expect(await readJsonFile(path)).toEqual({ version: 1 });
    await writeFile(path, '{ damaged');
    expect(await readJsonFile(path)).toBeUndefined();
    expect(await readJsonFile(join(folder, 'none.json'))).toBeUndefined();
  });
});

describe('describeFsError', () => {
  it('says disk full, read-only and permission denied in words', () => {
    const error = (code: string) => Object.assign(new Error('raw'), { code });
    expect(describeFsError(error('ENOSPC'), 'write', '/x').message).toBe('cannot write /x: the disk is full');
    expect(describeFsError(error('EROFS'), 'write', '/x').message).toBe(
      'cannot write /x: the file system is read-only',
    );
    expect(describeFsError(error('EACCES'), 'read', '/x').message).toBe('cannot read /x: permission denied');
    expect(describeFsError(error('EWEIRD'), 'read', '/x').message).toBe('cannot read /x: raw');
  });
});

describe('resolveInside', () => {
  it('maps URL paths into the renderer folder', () => {
    expect(resolveInside('/app/out/renderer', '/assets/index.js')).toBe('/app/out/renderer/assets/index.js');
    expect(resolveInside('/app/out/renderer', '/samples/sample%20a.wav')).toBe(
      '/app/out/renderer/samples/sample a.wav',
    );
  });

  it('refuses paths that would leave the folder', () => {
    for (const path of [
      '/../main/index.js',
      '/%2e%2e/secret',
      '/assets/..%2F..%2Fetc/passwd',
      '/',
      '/a%00b',
      '/%E0%A4%A',
    ]) {
      expect(resolveInside('/app/out/renderer', path)).toBeNull();
    }
  });
});
