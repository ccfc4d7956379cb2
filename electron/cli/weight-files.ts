/**
 * The weights a CLI `PATH` names (`process --weights PATH`, `inspect PATH`): a weights file (.npz,
 * .npy, .json; told apart by content later) or a folder of `.npy` files named by state_dict key.
 */
import { basename } from 'node:path';
import type { WeightFile } from '../../shared/weights/read';
import { CliError, listFiles, pathKind, readBytes } from './io';

export interface WeightFilesAtPath {
  files: WeightFile[];
  /** What to call the weights: the file or folder name. */
  name: string;
  /** Things skipped on the way (files in the folder that are not .npy), for `warning: …` lines. */
  notes: string[];
}

/**
 * Reads a weights file, or every `.npy` file directly inside a folder (sorted by name). Hidden
 * files (`.DS_Store`, macOS's `._x.npy` AppleDouble files) are skipped without a note.
 */
export async function readWeightFiles(path: string): Promise<WeightFilesAtPath> {
  if ((await pathKind(path)) === 'file') {
    return { files: [{ name: path, bytes: await readBytes(path) }], name: basename(path), notes: [] };
  }
  const all = await listFiles(path);
  const npy = all.filter((file) => file.toLowerCase().endsWith('.npy'));
  if (npy.length === 0) {
    throw new CliError(
      `${path}: no .npy files in this folder (expected one file per tensor, named by its state_dict key)`,
    );
  }
  const skipped = all.filter((file) => !npy.includes(file)).map((file) => basename(file));
  const notes =
    skipped.length > 0
      ? [`${path}: ignored ${skipped.length} file(s) that are not .npy: ${skipped.join(', ')}`]
      : [];
  const files = await Promise.all(npy.map(async (file) => ({ name: file, bytes: await readBytes(file) })));
  return { files, name: basename(path), notes };
}
