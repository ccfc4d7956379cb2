/** The CLI's commands by name, and the help text that lists them. */
import type { CommandSpec } from '../command';
import { INSPECT_HELP, inspectCommand } from './inspect';
import { MEL_HELP, melCommand } from './mel';
import { PROCESS_HELP, processCommand } from './process';
import { WEIGHTS_HELP, weightsCommand } from './weights';

export const COMMANDS: Record<string, CommandSpec | undefined> = {
  mel: { run: melCommand, help: MEL_HELP },
  process: { run: processCommand, help: PROCESS_HELP },
  inspect: { run: inspectCommand, help: INSPECT_HELP },
  weights: { run: weightsCommand, help: WEIGHTS_HELP },
};

export const HELP = `postnet-studio: mel spectrograms and Conv1d post-nets

Usage:
  postnet-studio mel IN.wav -o OUT.npy [--preset tacotron2|hifigan] [--sample-rate N]
                 [--n-fft N] [--hop N] [--win N] [--n-mels N] [--fmin HZ] [--fmax HZ]
      Natural-log mel spectrogram of a WAV as float32 [nMels, T].
  postnet-studio process IN.(wav|npy) [--weights PATH] -o OUT.npy [--no-residual] [--preset …]
      input + postnet(input) as float32 [nMels, T]; PATH is a weights file or a folder of .npy.
      Without --weights the untrained default Tacotron 2 post-net is used.
  postnet-studio mel|process IN… | FOLDER… -o OUT_FOLDER [options]
      Several inputs or a folder: one OUT_FOLDER/NAME.npy (and NAME.npy.json) per input.
  postnet-studio inspect PATH
      The model as PyTorch prints it, one line per tensor, and the parameter total.
  postnet-studio weights --default -o postnet.npz
      The bundled default post-net as an .npz state_dict (or: weights PATH -o OUT.npz converts).
  postnet-studio COMMAND --help
      One command's usage and options.

Exit status: 0 on success, 1 on failure (one 'error: …' line on stderr), 2 on a usage error.
`;
