/**
 * Reads what the user opened (granted files and folders, or the bundled sample) and sorts it into
 * inputs and weight files by content (shared/host/open.ts, as the browser host does). Read failures are collected per
 * item so that one bad file does not hide the others.
 */
import { basename } from 'node:path';
import type { OpenFailure, OpenIntent } from '../../shared/api/contract';
import { toErrorInfo } from '../../shared/errors';
import {
  emptyWeightsFolderError,
  isWeightsFileName,
  roleOf,
  weightsSetName,
  type InputRole,
} from '../../shared/host/open';
import type { FileBytes } from '../../shared/jobs/protocol';
import { listFiles, readBytes, readFileOrFolder } from './files';
import type { Grant } from './grants';

/** Where an input came from: a granted file (re-read for `remel`), or the bundled sample. */
export type InputOrigin = { kind: 'file'; path: string } | { kind: 'sample'; path: string };

export type OpenItem = { kind: 'grant'; grant: Grant } | { kind: 'sample'; path: string };

export interface ReadInput extends FileBytes {
  role: InputRole;
  origin: InputOrigin;
}

export interface ReadOpened {
  inputs: ReadInput[];
  weightFiles: FileBytes[];
  /**
   * The one path that reopens these weights from Open Recent (which opens one path with intent
   * `auto`, as a drop): the folder or the file when all of them came from that one item; null
   * when they came from several (loose tensor files, say: no one path holds the set).
   */
  weightsRecentPath: string | null;
  /** The folder's name when the weights are one folder's files (see `weightsSetName`). */
  weightsName: string | undefined;
  failures: OpenFailure[];
}

/** The weights files directly inside a folder; others (a README, a config) are skipped. */
async function readWeightsFolder(folder: Grant): Promise<FileBytes[]> {
  const paths = (await listFiles(folder.path)).filter((path) => isWeightsFileName(path));
  if (paths.length === 0) throw emptyWeightsFolderError(folder.name);
  return Promise.all(paths.map(async (path) => ({ name: basename(path), bytes: await readBytes(path) })));
}

export async function readOpened(items: readonly OpenItem[], intent: OpenIntent): Promise<ReadOpened> {
  const read: ReadOpened = {
    inputs: [],
    weightFiles: [],
    weightsRecentPath: null,
    weightsName: undefined,
    failures: [],
  };
  const folderNames: string[] = [];
  let looseWeightFiles = 0;
  /** The paths of the items that gave weights. */
  const weightItems: string[] = [];
  for (const item of items) {
    const name = item.kind === 'sample' ? basename(item.path) : item.grant.name;
    try {
      if (item.kind === 'sample') {
        const bytes = await readBytes(item.path);
        read.inputs.push({ name, role: 'audio', bytes, origin: { kind: 'sample', path: item.path } });
        continue;
      }
      const { path } = item.grant;
      const opened = await readFileOrFolder(path);
      if (opened.kind === 'folder') {
        read.weightFiles.push(...(await readWeightsFolder(item.grant)));
        weightItems.push(path);
        folderNames.push(item.grant.name);
        continue;
      }
      const { bytes } = opened;
      const role = roleOf({ name, bytes }, intent);
      if (role === 'weights') {
        read.weightFiles.push({ name, bytes });
        weightItems.push(path);
        looseWeightFiles++;
      } else {
        read.inputs.push({ name, role, bytes, origin: { kind: 'file', path } });
      }
    } catch (error) {
      read.failures.push({ name, error: toErrorInfo(error) });
    }
  }
  read.weightsName = weightsSetName(folderNames, looseWeightFiles);
  read.weightsRecentPath = weightItems.length === 1 ? weightItems[0]! : null;
  return read;
}
