/**
 * The I/O port main gives the shared host (shared/host/io.ts): what the renderer names is
 * resolved here — granted ids, the paths the preload resolved from a drop, dialogs, the bundled
 * sample — and only paths the user gave are granted (grants.ts); files are read through files.ts,
 * exports written atomically beside a sidecar, what opened noted in Open Recent. No Electron
 * import: dialogs and window effects come in through `ElectronIoDeps`.
 */
import { basename, dirname, join } from 'node:path';
import type { OpenFailure } from '../../shared/api/contract';
import type { WireFileSource } from '../../shared/api/table';
import { toErrorInfo } from '../../shared/errors';
import { sidecarName } from '../../shared/export/names';
import type { HostIo, ReadItems } from '../../shared/host/io';
import { emptyWeightsFolderError, isWeightsFileName } from '../../shared/host/open';
import type { FileBytes } from '../../shared/jobs/protocol';
import { sidecarNameFor } from '../../shared/pipeline/npy-settings';
import type { Dialogs } from './dialogs';
import { listFiles, pathKind, readBytes, readFileOrFolder, writeFilesAtomic } from './files';
import type { FileGrants, Grant } from './grants';
import type { Preferences } from './preferences';
import type { OpenRecent } from './recent';

/** Where an opened item is read again from: a granted path (a file or folder), or the bundled sample. */
export type PathOrigin = { kind: 'path'; path: string } | { kind: 'sample'; path: string };

export interface ElectronIoDeps {
  grants: FileGrants;
  dialogs: Dialogs;
  recent: OpenRecent;
  /** The engine and decimation settings, kept in the state file. */
  preferences: Preferences;
  sampleWav: string;
  /** The bundled demo post-net's file. */
  demoWeights: string;
  /** Paths from the command line, to open first. */
  startupPaths: readonly string[];
  /** Pops up Open Recent for the user to pick from (app.ts: a native menu). */
  showRecent: () => Promise<void>;
  setTitle: (title: string) => void;
}

export type OpenItem = { kind: 'grant'; grant: Grant } | { kind: 'sample'; path: string };

/** The weights files directly inside a folder; others (a README, a config) are skipped. */
async function readWeightsFolder(folder: Grant): Promise<FileBytes[]> {
  const paths = (await listFiles(folder.path)).filter((path) => isWeightsFileName(path));
  if (paths.length === 0) throw emptyWeightsFolderError(folder.name);
  return Promise.all(paths.map(async (path) => ({ name: basename(path), bytes: await readBytes(path) })));
}

/** Reads each item as what it is (one `stat` each); a failure is listed per item, the others still read. */
export async function readItems(items: readonly OpenItem[]): Promise<ReadItems<PathOrigin>> {
  const read: ReadItems<PathOrigin> = { files: [], folders: [], failures: [] };
  for (const item of items) {
    const name = item.kind === 'sample' ? basename(item.path) : item.grant.name;
    try {
      if (item.kind === 'sample') {
        const origin: PathOrigin = { kind: 'sample', path: item.path };
        read.files.push({ name, bytes: await readBytes(item.path), origin, role: 'audio' });
        continue;
      }
      const { path } = item.grant;
      const opened = await readFileOrFolder(path);
      const origin: PathOrigin = { kind: 'path', path };
      if (opened.kind === 'folder')
        read.folders.push({ name, files: await readWeightsFolder(item.grant), origin });
      else read.files.push({ name, bytes: opened.bytes, origin });
    } catch (error) {
      const failure: OpenFailure = { name, error: toErrorInfo(error) };
      read.failures.push(failure);
    }
  }
  return read;
}

/** Sidecars are a few kilobytes; a bigger `X.npy.json` is not one of ours. */
const MAX_SIDECAR_BYTES = 1024 * 1024;

/**
 * The sidecar our exports write beside an `.npy` (`X.npy.json`, next to the path the user gave),
 * or null when there is no such file. Only that one name is read, never granted.
 */
export async function readSidecar(npyPath: string, npyName: string): Promise<FileBytes | null> {
  const path = sidecarNameFor(npyPath);
  if ((await pathKind(path).catch(() => null)) !== 'file') return null;
  return { name: sidecarNameFor(npyName), bytes: await readBytes(path, MAX_SIDECAR_BYTES) };
}

export function electronIo(deps: ElectronIoDeps): HostIo<WireFileSource, PathOrigin> {
  const { grants } = deps;
  const granted = (paths: readonly string[]): OpenItem[] =>
    paths.map((path) => ({ kind: 'grant', grant: grants.grant(path) }));

  async function itemsOf(source: WireFileSource, intent: Parameters<Dialogs['pickToOpen']>[0]) {
    switch (source.kind) {
      case 'dialog':
        return granted(await deps.dialogs.pickToOpen(intent, source.folder ?? false));
      case 'resolved-drop':
        return granted(source.paths);
      case 'granted':
        return source.ids.map((id): OpenItem => ({ kind: 'grant', grant: grants.resolve(id) }));
      case 'sample':
        return [{ kind: 'sample', path: deps.sampleWav } as const];
    }
  }

  return {
    startup() {
      const ids = deps.startupPaths.map((path) => grants.grant(path).id);
      return {
        host: 'electron',
        openFirst: ids.length > 0 ? { kind: 'granted', ids } : { kind: 'sample' },
        recent: deps.recent.files(),
        settings: deps.preferences.current(),
      };
    },
    saveSettings: (settings) => deps.preferences.save(settings),
    read: async (source, intent) => readItems(await itemsOf(source, intent)),
    reread: (origin) => readBytes(origin.path),
    sidecarOf: (origin, npyName) =>
      origin.kind === 'path' ? readSidecar(origin.path, npyName) : Promise.resolve(null),
    demoWeights: () => readBytes(deps.demoWeights),
    async exportTarget(format, defaultName) {
      const path = await deps.dialogs.pickExportPath(format, defaultName);
      if (path === null) return null;
      const sidecarPath = join(dirname(path), sidecarName(basename(path)));
      return {
        fileName: basename(path),
        async write(file, sidecar) {
          await writeFilesAtomic([
            { path, bytes: file },
            { path: sidecarPath, bytes: sidecar },
          ]);
          return { location: path, sidecarLocation: sidecarPath };
        },
      };
    },
    opened(origins) {
      deps.recent.note(origins.flatMap((origin) => (origin.kind === 'path' ? [origin.path] : [])));
    },
    showRecent: () => deps.showRecent(),
    setTitle: (title) => deps.setTitle(title),
  };
}
