/**
 * `postnet-studio inspect [PATH]`: the model as PyTorch prints it, one line per tensor
 * `key : 512x80x5 = 204800`, then the trainable parameter total. PATH is a weights file (.npz, .npy,
 * .json; decided by content) or a folder of .npy files named by state_dict key. Unused tensors and
 * other notes go to stderr as `warning: …` lines.
 */
import { formatInspectReport, loadWeights } from '../../../shared/pipeline/weights';
import { UsageError, parseCommandArgs } from '../args';
import { warning, type Command } from '../command';
import { UNTRAINED_WEIGHTS, builtInWeights } from '../default-weights';
import { readWeightFiles } from '../weight-files';

export const INSPECT_HELP = `Usage: postnet-studio inspect [PATH | untrained]

The model in a weights file as PyTorch prints it, then one line per tensor
'key : 512x80x5 = 204800', then the total of trainable parameters. Tensors the model does not use
are listed with ' (unused)' and named on stderr as 'warning: …' lines.

PATH is a weights file (.npz, .npy or .json, told apart by content) or a folder of .npy files,
one per tensor, named by its state_dict key. Without PATH, the weights 'process' runs when
--weights is left out (the bundled demo post-net, named in a note on stderr); 'untrained', the
untrained Tacotron 2 post-net.
`;

export const inspectCommand: Command = async (argv) => {
  const { positionals } = parseCommandArgs('inspect', argv, {});
  if (positionals.length > 1) {
    throw new UsageError(
      `inspect: expected one weights PATH, got ${positionals.length}: ${positionals.join(' ')}`,
    );
  }
  const path = positionals[0];
  if (path === undefined || path === UNTRAINED_WEIGHTS) {
    const { weights, notices } = await builtInWeights(path ?? 'default', 'no PATH given');
    return { stdout: formatInspectReport(weights.summary), notices };
  }
  const { files, name, notes } = await readWeightFiles(path);
  const { summary } = loadWeights(files, { name });
  return { stdout: formatInspectReport(summary), notices: [...notes, ...summary.warnings].map(warning) };
};
