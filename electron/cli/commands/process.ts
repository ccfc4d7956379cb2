/**
 * `postnet-studio process IN.(wav|npy) [--weights PATH] -o OUT.npy [--no-residual] [--preset …]`:
 * runs a post-net over a spectrogram and writes float32 `[nMels, T]`: `input + postnet(input)`, or
 * `postnet(input)` with --no-residual. IN is a WAV (analysed with the mel options) or an `.npy`
 * `[nMels, T]` / `[1, nMels, T]`, told apart by content. Without --weights the bundled demo
 * post-net runs (default-weights.ts), with a note on stderr; `--weights untrained` the untrained
 * one. Values that look scaled wrong (audio ÷ 32768 twice, a log10 or dB .npy) are warned about
 * on stderr. Notes and warnings are printed only when the run succeeds.
 */
import { asciiText, describeFirstBytes } from '../../../shared/formats/bytes';
import { encodeNpyFloat32, isNpy } from '../../../shared/formats/npy';
import type { MelConfig } from '../../../shared/mel/config';
import { analyzeWav } from '../../../shared/pipeline/analyze';
import { processSpectrogram } from '../../../shared/pipeline/process';
import { spectrogramFromNpy } from '../../../shared/pipeline/spectrogram-npy';
import { spectrogramValueWarnings } from '../../../shared/pipeline/value-checks';
import { loadWeights, type LoadedWeights } from '../../../shared/pipeline/weights';
import type { Spectrogram } from '../../../shared/spectrogram';
import { UsageError, parseCommandArgs, requireOne, stringOption } from '../args';
import { warning, type Command } from '../command';
import { UNTRAINED_WEIGHTS, builtInWeights } from '../default-weights';
import { CliError, readBytes, writeFileAtomic } from '../io';
import { readWeightFiles } from '../weight-files';
import { BACKEND_HELP, BACKEND_OPTION, backendChoice, selectBackend } from '../backend';
import { runOnSelected } from '../run-stack';
import { MEL_OPTIONS, MEL_OPTIONS_HELP, melConfigFromArgs } from './mel';

export const PROCESS_HELP = `Usage: postnet-studio process IN.(wav|npy) [--weights PATH] -o OUT.npy [--no-residual]
                              [--backend auto|native|wasm|js] [--preset tacotron2|hifigan] [mel options]

Runs a post-net over a spectrogram and writes float32 [nMels, T]: input + postnet(input), or
postnet(input) with --no-residual. IN is a WAV (turned into a mel spectrogram as 'mel' does, with
the mel options) or an .npy [nMels, T] or [1, nMels, T]. Input values that look scaled wrong
(audio divided by 32768 twice, a log10 or dB mel) are named on stderr as 'warning: …' lines.

Options:
  --weights PATH        a weights file (.npz, .npy, .json) or a folder of .npy files named by
                        state_dict key; without it the bundled demo post-net runs (trained to
                        undo decoder-like smoothing), with a note on stderr; 'untrained' runs
                        the untrained Tacotron 2 post-net (a file named so: ./untrained)
  -o, --output OUT.npy  where to write (required)
  --no-residual         write postnet(input) alone
${BACKEND_HELP}
${MEL_OPTIONS_HELP}`;

/** A spectrogram from a WAV (RIFF/RIFX, analysed with `config`) or an `.npy`, by content. */
export function readSpectrogram(bytes: Uint8Array, path: string, config: MelConfig): Spectrogram {
  if (isNpy(bytes)) return spectrogramFromNpy(bytes, path, config);
  const riff = asciiText(bytes, 0, Math.min(4, bytes.length));
  if (riff === 'RIFF' || riff === 'RIFX') return analyzeWav(bytes, path, config).mel;
  throw new CliError(`${path}: not a WAV (RIFF) or .npy file: starts with ${describeFirstBytes(bytes)}`);
}

/** The weights `--weights` names (or the default post-net), and the stderr lines that go with them. */
export async function readWeights(
  path: string | undefined,
  nMels: number,
): Promise<{ weights: LoadedWeights; notices: string[] }> {
  if (path === undefined) return builtInWeights('default');
  if (path === UNTRAINED_WEIGHTS) return builtInWeights(UNTRAINED_WEIGHTS);
  const { files, name, notes } = await readWeightFiles(path);
  const weights = loadWeights(files, { nMels, name });
  return { weights, notices: [...notes, ...weights.summary.warnings].map(warning) };
}

export const processCommand: Command = async (argv) => {
  const { positionals, values } = parseCommandArgs('process', argv, {
    weights: { type: 'string' },
    output: { type: 'string', short: 'o' },
    'no-residual': { type: 'boolean' },
    ...BACKEND_OPTION,
    ...MEL_OPTIONS,
  });
  const input = requireOne(positionals, 'process', 'input (a WAV or an .npy [nMels, T])');
  const output = stringOption(values, 'output');
  if (output === undefined) throw new UsageError('process: missing -o OUT.npy');
  if (values.weights !== undefined && stringOption(values, 'weights') === '') {
    throw new UsageError('process: --weights needs a PATH');
  }
  const choice = backendChoice('process', values);
  const config = melConfigFromArgs('process', values);
  const mel = readSpectrogram(await readBytes(input), input, config);
  const { weights, notices } = await readWeights(stringOption(values, 'weights'), mel.nMels);
  const selected = await selectBackend(choice);
  const result = await processSpectrogram(weights.stack, mel, { backend: runOnSelected(selected) });
  const data = values['no-residual'] === true ? result.residual : result.output;
  await writeFileAtomic(output, encodeNpyFloat32(data, [result.nChannels, result.nFrames]));
  return { notices: [...spectrogramValueWarnings(mel).map(warning), ...notices, ...selected.notices] };
};
