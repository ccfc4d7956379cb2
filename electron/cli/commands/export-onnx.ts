/**
 * `postnet-studio export-onnx [--weights PATH] -o MODEL.onnx`: the stack as an ONNX model (opset 13)
 * that onnxruntime and PyTorch users can run: input `input` [batch, channels, frames], output
 * `output` (input + postnet(input) for a post-net) and `residual`. BatchNorm is folded into the
 * convolutions. --weights is read as `process` reads it: left out, the bundled demo post-net.
 */
import { stackToOnnx } from '../../../shared/backend/onnx/onnx-graph';
import { loadWeights } from '../../../shared/weights/load';
import { version } from '../../../package.json';
import { UsageError, parseCommandArgs, stringOption } from '../args';
import { warning, type Command } from '../command';
import { UNTRAINED_WEIGHTS, builtInWeights } from '../default-weights';
import { writeFileAtomic } from '../io';
import { readWeightFiles } from '../weight-files';

export const EXPORT_ONNX_HELP = `Usage: postnet-studio export-onnx [--weights PATH] -o MODEL.onnx

Writes the post-net as an ONNX model (opset 13, IR version 8) for onnxruntime, PyTorch's ONNX
tools or Netron: input 'input' float32 [batch, channels, frames] (batch and frames free), outputs
'output' (input + postnet(input); the stack's own output for a stack that is not residual) and,
for a post-net, 'residual' (postnet(input)). BatchNorm is folded into each Conv.

Options:
  --weights PATH        a weights file (.npz, .npy, .json) or a folder of .npy files named by
                        state_dict key; without it the bundled demo post-net (what process runs
                        by default) is written, with a note on stderr; 'untrained' writes the
                        untrained Tacotron 2 post-net
  -o, --output MODEL.onnx  where to write (required)
`;

export const exportOnnxCommand: Command = async (argv) => {
  const { positionals, values } = parseCommandArgs('export-onnx', argv, {
    weights: { type: 'string' },
    output: { type: 'string', short: 'o' },
  });
  if (positionals.length > 0) throw new UsageError(`export-onnx: unexpected argument '${positionals[0]}'`);
  const output = stringOption(values, 'output');
  if (output === undefined) throw new UsageError('export-onnx: missing -o MODEL.onnx');
  const path = stringOption(values, 'weights');
  if (path === '') throw new UsageError('export-onnx: --weights needs a PATH');
  let stack;
  const notices: string[] = [];
  if (path === undefined || path === UNTRAINED_WEIGHTS) {
    const builtIn = await builtInWeights(path === undefined ? 'default' : UNTRAINED_WEIGHTS);
    stack = builtIn.weights.stack;
    notices.push(...builtIn.notices);
  } else {
    const { files, name, notes } = await readWeightFiles(path);
    const weights = loadWeights(files, { name });
    stack = weights.stack;
    notices.push(...[...notes, ...weights.summary.warnings].map(warning));
  }
  await writeFileAtomic(output, stackToOnnx(stack, { producerVersion: version }));
  return { notices };
};
