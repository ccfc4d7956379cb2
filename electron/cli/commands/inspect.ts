/**
 * `postnet-studio inspect PATH`: the model as PyTorch prints it, one line per tensor
 * `key : 512x80x5 = 204800`, then the trainable parameter total. PATH is a weights file (.npz, .npy,
 * .json; decided by content) or a folder of .npy files named by state_dict key. Unused tensors and
 * other notes go to stderr as `warning: …` lines.
 */
import { basename } from 'node:path';
import type { WeightFile } from '../../../shared/formats/weight-files';
import { formatInspectReport, loadWeights } from '../../../shared/pipeline/weights';
import { parseCommandArgs, requireOne } from '../args';
import { CliError, isDirectory, listFiles, readBytes } from '../io';
import type { Command } from './index';

export interface WeightFilesAtPath {
  files: WeightFile[];
  /** What to call the weights: the file or folder name. */
  name: string;
  /** Things skipped on the way (files in the folder that are not .npy). */
  notes: string[];
}

/** Reads a weights file, or every `.npy` file directly inside a folder (sorted by name). */
export async function readWeightFiles(path: string): Promise<WeightFilesAtPath> {
  if (!(await isDirectory(path))) {
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

export const inspectCommand: Command = async (argv) => {
  const { positionals } = parseCommandArgs('inspect', argv, {});
  const path = requireOne(positionals, 'inspect', 'weights PATH (a file, or a folder of .npy files)');
  const { files, name, notes } = await readWeightFiles(path);
  const { summary } = loadWeights(files, { name });
  process.stdout.write(formatInspectReport(summary));
  for (const line of [...notes, ...summary.warnings]) process.stderr.write(`warning: ${line}\n`);
};
