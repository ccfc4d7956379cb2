/**
 * What `mel` and `process` were given: one input file and an output file, or a batch (several
 * inputs, or a folder) and an output folder that gets one `.npy` per input, named after it.
 */
import { mkdir } from 'node:fs/promises';
import { basename, extname, join, resolve } from 'node:path';
import { defaultExportName } from '../../shared/export/names';
import { UsageError } from './args';
import { CliError, describeFsError, listFiles, pathKind } from './io';

/** One input of a batch and the file it becomes. */
export interface BatchItem {
  input: string;
  output: string;
}

export interface BatchPlan {
  items: BatchItem[];
  /** `warning: …` text for files in the given folders that are not inputs. */
  notes: string[];
}

/**
 * Refuses `-o X.npy` for a batch: one `.npy` per input goes into a folder, and a folder named
 * like a file is far more likely a slip (several WAVs given where one was meant).
 */
export function checkBatchOutput(command: string, positionals: readonly string[], output: string): void {
  if (!output.toLowerCase().endsWith('.npy')) return;
  const what = positionals.length > 1 ? `${positionals.length} inputs` : `the folder ${positionals[0]}`;
  throw new UsageError(
    `${command}: ${what} write one .npy each into a folder, but -o ${output} names a .npy file; give -o a folder`,
  );
}

/** Whether the positionals make a batch: several of them, or one that is a folder. */
export async function isBatch(positionals: readonly string[]): Promise<boolean> {
  if (positionals.length !== 1) return positionals.length > 1;
  return (await pathKind(positionals[0]!)) === 'folder';
}

/**
 * The inputs (each file as given, each folder's files with an accepted extension, sorted, hidden
 * ones skipped) and their outputs in `outputFolder`: `speech.wav` → `OUT/speech.npy`. Two inputs
 * that would write the same file, or an output that is an input, are refused before anything runs.
 */
export async function planBatch(
  positionals: readonly string[],
  outputFolder: string,
  extensions: readonly string[],
): Promise<BatchPlan> {
  const inputs: string[] = [];
  const notes: string[] = [];
  const accepted = (file: string): boolean => extensions.includes(extname(file).toLowerCase());
  for (const path of positionals) {
    if ((await pathKind(path)) === 'file') {
      inputs.push(path);
      continue;
    }
    const files = await listFiles(path);
    const taken = files.filter(accepted);
    if (taken.length === 0) {
      throw new CliError(`${path}: no ${extensions.join(' or ')} files in this folder`);
    }
    // A sidecar beside an input (`x.npy.json`, as batches and exports write) is no stray file.
    const sidecars = new Set(taken.map((file) => `${file}.json`));
    const skipped = files
      .filter((file) => !accepted(file) && !sidecars.has(file))
      .map((file) => basename(file));
    if (skipped.length > 0) {
      notes.push(
        `${path}: ignored ${skipped.length} file(s) that are not ${extensions.join(' or ')}: ${skipped.join(', ')}`,
      );
    }
    inputs.push(...taken);
  }
  return { items: pairWithOutputs(inputs, outputFolder), notes };
}

function pairWithOutputs(inputs: readonly string[], outputFolder: string): BatchItem[] {
  const byOutput = new Map<string, string>();
  const inputSet = new Set(inputs.map((input) => resolve(input)));
  return inputs.map((input) => {
    const output = join(outputFolder, defaultExportName(basename(input), 'npy'));
    const key = resolve(output);
    const previous = byOutput.get(key);
    if (previous !== undefined) {
      throw new CliError(`${previous} and ${input} would both be written to ${output}; give them separately`);
    }
    if (inputSet.has(key)) {
      throw new CliError(
        `${input} would be overwritten by its own output ${output}; choose another -o folder`,
      );
    }
    byOutput.set(key, input);
    return { input, output };
  });
}

/** Makes the output folder (and its parents) when missing; refuses a file in its place. */
export async function prepareOutputFolder(folder: string): Promise<void> {
  try {
    if ((await pathKind(folder)) === 'folder') return;
  } catch {
    // missing: made below (a path that cannot be made fails there, naming itself)
    await mkdir(folder, { recursive: true }).catch((error: unknown) => {
      throw describeFsError(error, 'write', folder);
    });
    return;
  }
  throw new CliError(
    `-o ${folder} is a file; with several inputs or a folder, -o names the folder to write into`,
  );
}

/** Refuses `-o FOLDER` for one input: the CLI writes one file there, not into it. */
export async function checkOutputFile(output: string, command: string): Promise<void> {
  const kind = await pathKind(output).catch(() => null);
  if (kind !== 'folder') return;
  throw new CliError(
    `-o ${output} is a folder; name the output file (e.g. -o ${join(output, 'out.npy')}), or give ${command} ` +
      `several inputs or a folder to write one .npy per input into it`,
  );
}
