/** The CLI's commands by name, and the help text that lists them. */
import type { CommandSpec } from '../command';
import { EXPLAIN_HELP, explainCommand } from './explain';
import { EXPORT_ONNX_HELP, exportOnnxCommand } from './export-onnx';
import { GRIFFIN_LIM_HELP, griffinLimCommand } from './griffin-lim';
import { INSPECT_HELP, inspectCommand } from './inspect';
import { MEL_HELP, melCommand } from './mel';
import { PROCESS_HELP, processCommand } from './process';
import { WEIGHTS_HELP, weightsCommand } from './weights';

export const COMMANDS: Record<string, CommandSpec | undefined> = {
  mel: { run: melCommand, help: MEL_HELP },
  process: { run: processCommand, help: PROCESS_HELP },
  inspect: { run: inspectCommand, help: INSPECT_HELP },
  explain: { run: explainCommand, help: EXPLAIN_HELP },
  'griffin-lim': { run: griffinLimCommand, help: GRIFFIN_LIM_HELP },
  'export-onnx': { run: exportOnnxCommand, help: EXPORT_ONNX_HELP },
  weights: { run: weightsCommand, help: WEIGHTS_HELP },
};

export const HELP = `postnet-studio: mel spectrograms and Conv1d post-nets

Usage:
  postnet-studio mel IN.wav -o OUT.npy [--preset tacotron2|hifigan] [--sample-rate N]
                 [--n-fft N] [--hop N] [--win N] [--n-mels N] [--fmin HZ] [--fmax HZ]
      Natural-log mel spectrogram of a WAV as float32 [nMels, T].
  postnet-studio process IN.(wav|npy) [--weights PATH] -o OUT.npy [--no-residual] [--preset …]
                 [--backend auto|native|wasm|js]
      input + postnet(input) as float32 [nMels, T]; PATH is a weights file or a folder of .npy.
      Without --weights the bundled demo post-net (trained to undo decoder-like smoothing) is
      used; --weights untrained runs the untrained Tacotron 2 post-net.
  postnet-studio mel|process IN… | FOLDER… -o OUT_FOLDER [options]
      Several inputs or a folder: one OUT_FOLDER/NAME.npy (and NAME.npy.json) per input.
  postnet-studio inspect [PATH | untrained]
      The model as PyTorch prints it, one line per tensor, and the parameter total (without
      PATH: the bundled demo post-net that process runs by default).
  postnet-studio weights --default -o postnet.npz
      The default post-net as an .npz state_dict (or: weights PATH -o OUT.npz converts).
  postnet-studio explain IN.(wav|npy) [--weights PATH] --layer L --channel O --frame T [--json]
  postnet-studio explain --text "TEXT" [--cleaners basic|english] --weights PATH
                 --layer L --channel O --char I [--json]
      One output cell made explicit: its window, filter, products, sum, BatchNorm, activation
      and receptive field; over a spectrogram (post-net) or over text (Tacotron 2's encoder).
  postnet-studio griffin-lim MEL.npy -o OUT.wav [--iters N] [--preset tacotron2|hifigan]
      A natural-log mel [nMels, T] back to sound (NNLS + fast Griffin-Lim), 16-bit PCM WAV.
  postnet-studio export-onnx [--weights PATH] -o MODEL.onnx
      The post-net as an ONNX model (opset 13) for onnxruntime and PyTorch users.
  postnet-studio COMMAND --help
      One command's usage and options.

Exit status: 0 on success, 1 on failure (one 'error: …' line on stderr), 2 on a usage error.
`;
