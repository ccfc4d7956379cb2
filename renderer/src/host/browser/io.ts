/**
 * The I/O port the browser host gives the shared host (shared/host/io.ts): files come from drops,
 * the file chooser or fetch (the sample), each read again from its `File` for another mel config;
 * exports are downloads; a browser grants nothing and has no Open Recent. The window's settings
 * live in localStorage (settings.ts).
 */
import type { DroppedFile, FileSource } from '../../../../shared/api/contract';
import type { ExportFileKind } from '../../../../shared/export/names';
import { InvalidArgumentError } from '../../../../shared/api/errors';
import { toErrorInfo } from '../../../../shared/errors';
import { sidecarName } from '../../../../shared/export/names';
import type { HostIo, ReadItems } from '../../../../shared/host/io';
import { pickedFolder, type PageIo } from './files';
import { readSettings, writeSettings, type TextStorage } from './settings';

/**
 * Where an opened item is read again from: its `File` (dropped or picked), the bundled sample, or
 * (never read again: weights keep their bytes) a picked folder.
 */
export type BrowserOrigin = { kind: 'file'; file: DroppedFile } | { kind: 'sample' } | { kind: 'folder' };

const MIME: Record<ExportFileKind, string> = {
  npy: 'application/octet-stream',
  'npy-batched': 'application/octet-stream',
  npz: 'application/zip',
  png: 'image/png',
  csv: 'text/csv',
  'tensor-npy': 'application/octet-stream',
  'tensor-csv': 'text/csv',
};

/** Reads each file on its own: one that cannot be read is listed, the others still open. */
async function readEach(page: PageIo, files: readonly DroppedFile[]): Promise<ReadItems<BrowserOrigin>> {
  const read: ReadItems<BrowserOrigin> = { files: [], folders: [], failures: [] };
  for (const file of files) {
    try {
      read.files.push({ ...(await page.readFile(file)), origin: { kind: 'file', file } });
    } catch (error) {
      read.failures.push({ name: file.name, error: toErrorInfo(error) });
    }
  }
  return read;
}

export function browserIo(page: PageIo, storage: TextStorage | null): HostIo<FileSource, BrowserOrigin> {
  return {
    startup: () => ({
      host: 'browser',
      openFirst: { kind: 'sample' },
      recent: [],
      settings: readSettings(storage),
    }),
    saveSettings: (settings) => writeSettings(storage, settings),
    async read(source, intent) {
      switch (source.kind) {
        case 'sample': {
          const sample = await page.fetchSample();
          return {
            files: [{ ...sample, origin: { kind: 'sample' }, role: 'audio' }],
            folders: [],
            failures: [],
          };
        }
        case 'dropped':
          return readEach(page, source.files);
        case 'dialog': {
          const picked = await page.pickFiles(intent, source.folder ?? false);
          if (!source.folder) return readEach(page, picked);
          // A picked folder's files are all weights, called by the folder's name.
          const folder = pickedFolder(picked);
          if (!folder) return { files: [], folders: [], failures: [] };
          const files = await Promise.all(folder.files.map((file) => page.readFile(file)));
          return {
            files: [],
            folders: [{ name: folder.name, files, origin: { kind: 'folder' } }],
            failures: [],
          };
        }
        case 'granted':
          throw new InvalidArgumentError('the browser host grants no files; drop them instead');
      }
    },
    async reread(origin) {
      switch (origin.kind) {
        case 'sample':
          return (await page.fetchSample()).bytes;
        case 'file':
          return (await page.readFile(origin.file)).bytes;
        case 'folder':
          throw new InvalidArgumentError('a weights folder is not an input; there is nothing to re-analyse');
      }
    },
    demoWeights: () => page.fetchDemoWeights(),
    async exportTarget(format, defaultName) {
      return {
        fileName: defaultName,
        write: async (file, sidecar) => ({
          location: page.save({ name: defaultName, bytes: file }, MIME[format]),
          sidecarLocation: page.save({ name: sidecarName(defaultName), bytes: sidecar }, 'application/json'),
        }),
      };
    },
    setTitle: (title) => page.setTitle(title),
  };
}
