/** The CLI's commands by name, and the help text that lists them. */
import type { CommandSpec } from '../command';
import { EXPLAIN_HELP, explainCommand } from './explain';
import { EXPORT_ONNX_HELP, exportOnnxCommand } from './export-onnx';
import { INSPECT_HELP, inspectCommand } from './inspect';
import { MEL_HELP, melCommand } from './mel';
import { PROCESS_HELP, processCommand } from './process';

export const COMMANDS: Record<string, CommandSpec | undefined> = {
  mel: { run: melCommand, help: MEL_HELP },
  process: { run: processCommand, help: PROCESS_HELP },
  inspect: { run: inspectCommand, help: INSPECT_HELP },
  explain: { run: explainCommand, help: EXPLAIN_HELP },
  'export-onnx': { run: exportOnnxCommand, help: EXPORT_ONNX_HELP },
};

export const HELP = `postnet-studio: mel spectrograms and Conv1d post-nets

Usage:
  postnet-studio mel IN.wav -o OUT.npy [--preset tacotron2|hifigan] [--sample-rate N]
                 [--n-fft N] [--hop N] [--win N] [--n-mels N] [--fmin HZ] [--fmax HZ]
      Natural-log mel spectrogram of a WAV as float32 [nMels, T].
  postnet-studio process IN.(wav|npy) [--weights PATH] -o OUT.npy [--no-residual] [--preset …]
                 [--backend auto|native|wasm|js]
      input + postnet(input) as float32 [nMels, T]; PATH is a weights file or a folder of .npy.
      Without --weights the untrained default Tacotron 2 post-net is used.
  postnet-studio inspect PATH
      The model as PyTorch prints it, one line per tensor, and the parameter total.
  postnet-studio explain IN.(wav|npy) [--weights PATH] --layer L --channel O --frame T [--json]
  postnet-studio explain --text "TEXT" [--cleaners basic|english] --weights PATH
                 --layer L --channel O --char I [--json]
      One output cell made explicit: its window, filter, products, sum, BatchNorm, activation
      and receptive field; over a spectrogram (post-net) or over text (Tacotron 2's encoder).
  postnet-studio export-onnx [--weights PATH] -o MODEL.onnx
      The post-net as an ONNX model (opset 13) for onnxruntime and PyTorch users.
  postnet-studio COMMAND --help
      One command's usage and options.

Exit status: 0 on success, 1 on failure (one 'error: …' line on stderr), 2 on a usage error.
`;
