/**
 * `postnet-studio weights (--default | PATH) -o OUT.npz [--compress]`: writes weights as an `.npz`
 * state_dict with PyTorch's key names, the way `np.savez(path, **{k: v.numpy() …})` would. With
 * `--default` the default post-net (default-weights.ts: what `process` runs without --weights), so
 * a new user gets a weights file without Python; with PATH any weights the app reads (converted),
 * `untrained` the untrained Tacotron 2 post-net.
 */
import { encodeNpz } from '../../../shared/formats/npz';
import { loadWeights, type LoadedWeights } from '../../../shared/weights/load';
import { UsageError, parseCommandArgs, stringOption } from '../args';
import { warning, type Command } from '../command';
import { UNTRAINED_WEIGHTS, builtInWeights } from '../default-weights';
import { CliError, pathKind, writeFileAtomic } from '../io';
import { readWeightFiles } from '../weight-files';

export const WEIGHTS_HELP = `Usage: postnet-studio weights --default -o OUT.npz [--compress]
       postnet-studio weights PATH -o OUT.npz [--compress]

Writes weights as an .npz state_dict with PyTorch's key names, one member KEY.npy per tensor in
its own dtype, as np.savez(OUT, **{k: v.numpy() for k, v in sd.items()}) writes it: numpy.load
reads it, and 'process --weights OUT.npz' and the app load it. Prints nothing on success.

  --default             the default post-net, the weights 'process' runs without --weights (the
                        bundled demo post-net; keys postnet.convolutions.{i}.0.conv.weight …)
  PATH                  a weights file (.npz, .npy, .json) or a folder of .npy files, written back
                        with the keys it holds; 'untrained': the untrained Tacotron 2 post-net
  -o, --output OUT.npz  where to write (required)
  --compress            deflate the members, as np.savez_compressed does
`;

export const weightsCommand: Command = async (argv) => {
  const { positionals, values } = parseCommandArgs('weights', argv, {
    default: { type: 'boolean' },
    output: { type: 'string', short: 'o' },
    compress: { type: 'boolean' },
  });
  const useDefault = values.default === true;
  if (useDefault && positionals.length > 0) {
    throw new UsageError(
      `weights: give --default or a weights PATH, not both (got ${positionals.join(' ')})`,
    );
  }
  if (!useDefault && positionals.length === 0) {
    throw new UsageError(
      'weights: missing what to write: --default (the bundled post-net) or a weights PATH',
    );
  }
  if (positionals.length > 1) {
    throw new UsageError(
      `weights: expected one weights PATH, got ${positionals.length}: ${positionals.join(' ')}`,
    );
  }
  const output = stringOption(values, 'output');
  if (output === undefined) throw new UsageError('weights: missing -o OUT.npz');
  if ((await pathKind(output).catch(() => null)) === 'folder') {
    throw new CliError(`-o ${output} is a folder; name the .npz file to write (e.g. -o postnet.npz)`);
  }
  const { weights, notices } = await chosenWeights(useDefault ? null : positionals[0]!);
  await writeFileAtomic(output, encodeNpz(weights.tensors, { compress: values.compress === true }));
  return { notices };
};

/** The default post-net (null), the untrained one, or the weights at PATH with their warnings. */
async function chosenWeights(path: string | null): Promise<{ weights: LoadedWeights; notices: string[] }> {
  if (path === null) return { weights: (await builtInWeights('default')).weights, notices: [] };
  if (path === UNTRAINED_WEIGHTS)
    return { weights: (await builtInWeights(UNTRAINED_WEIGHTS)).weights, notices: [] };
  const { files, name, notes } = await readWeightFiles(path);
  const weights = loadWeights(files, { name });
  return { weights, notices: [...notes, ...weights.summary.warnings].map(warning) };
}
