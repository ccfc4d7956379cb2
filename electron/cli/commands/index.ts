/** The CLI's commands by name, and the help text that lists them. */
import { inspectCommand } from './inspect';
import { melCommand } from './mel';
import { processCommand } from './process';

/** A command takes the arguments after its name; it throws UsageError, CliError or a pipeline error. */
export type Command = (argv: string[]) => Promise<void>;

export const COMMANDS: Record<string, Command | undefined> = {
  mel: melCommand,
  process: processCommand,
  inspect: inspectCommand,
};

export const HELP = `postnet-studio: mel spectrograms and Conv1d post-nets

Usage:
  postnet-studio mel IN.wav -o OUT.npy [--preset tacotron2|hifigan] [--sample-rate N]
                 [--n-fft N] [--hop N] [--win N] [--n-mels N] [--fmin HZ] [--fmax HZ]
      Natural-log mel spectrogram of a WAV as float32 [nMels, T].
  postnet-studio process IN.(wav|npy) [--weights PATH] -o OUT.npy [--no-residual] [--preset …]
      input + postnet(input) as float32 [nMels, T]; PATH is a weights file or a folder of .npy.
      Without --weights the untrained default Tacotron 2 post-net is used.
  postnet-studio inspect PATH
      The model as PyTorch prints it, one line per tensor, and the parameter total.

Exit status: 0 on success, 1 on failure (one 'error: …' line on stderr), 2 on a usage error.
`;
