/**
 * `postnet-studio inspect [PATH | untrained] [--stack postnet|encoder] [--arch LAYERS.json]`: the
 * model as PyTorch prints it, one line per tensor `key : 512x80x5 = 204800`, then the trainable
 * parameter total. PATH is a weights file (.npz, .npy, .json, .safetensors, a torch.save
 * checkpoint; decided by content) or a folder of .npy files named by state_dict key; without it,
 * the weights `process` runs when --weights is left out. Unused tensors, a checkpoint's ignored
 * entries and the other stacks a file holds go to stderr as `warning: …` / `note: …` lines.
 */
import { formatInspectReport, loadWeights, stacksNote } from '../../../shared/weights/load';
import { cliBuildsStack } from '../advice';
import { UsageError, parseCommandArgs } from '../args';
import { note, warning, type Command } from '../command';
import { UNTRAINED_WEIGHTS, builtInWeights } from '../default-weights';
import { readWeightFiles } from '../weight-files';
import { WEIGHT_OPTIONS, WEIGHT_OPTIONS_HELP, weightChoices } from '../weight-options';

export const INSPECT_HELP = `Usage: postnet-studio inspect [PATH | untrained] [--stack postnet|encoder] [--arch LAYERS.json]

The model in a weights file as PyTorch prints it, then one line per tensor
'key : 512x80x5 = 204800', then the total of trainable parameters. Tensors the model does not use
are listed with ' (unused)' and named on stderr as 'warning: …' lines; a file that holds several
stacks (a full Tacotron 2: post-net and encoder) lists them on stderr as a 'note: …' line.

PATH is a weights file (.npz, .npy, .json, .safetensors, or a PyTorch torch.save checkpoint with
or without extension, read without running its code; told apart by content) or a folder of .npy
files, one per tensor, named by its state_dict key. Without PATH, the weights 'process' runs when
--weights is left out (the bundled demo post-net, named in a note on stderr); 'untrained', the
untrained Tacotron 2 post-net.

Options:
${WEIGHT_OPTIONS_HELP}`;

export const inspectCommand: Command = async (argv) => {
  const { positionals, values } = parseCommandArgs('inspect', argv, WEIGHT_OPTIONS);
  if (positionals.length > 1) {
    throw new UsageError(
      `inspect: expected one weights PATH, got ${positionals.length}: ${positionals.join(' ')}`,
    );
  }
  const choices = await weightChoices('inspect', values);
  const path = positionals[0];
  if (path === undefined || path === UNTRAINED_WEIGHTS) {
    if (choices.stack !== undefined || choices.architecture !== undefined) {
      throw new UsageError(`inspect: --${choices.stack ? 'stack' : 'arch'} needs a weights PATH`);
    }
    const { weights, notices } = await builtInWeights(path ?? 'default', 'no PATH given');
    return { stdout: formatInspectReport(weights.summary), notices };
  }
  const { files, name, notes } = await readWeightFiles(path);
  const { summary, details } = loadWeights(files, { name, ...choices });
  const stacks = stacksNote(details, name, cliBuildsStack);
  return {
    stdout: formatInspectReport(summary),
    notices: [...[...notes, ...summary.warnings].map(warning), ...(stacks ? [note(stacks)] : [])],
  };
};
