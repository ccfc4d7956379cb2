/**
 * `postnet-studio process IN.(wav|npy) [--weights PATH] -o OUT.npy [--no-residual] [--preset …]`:
 * runs a post-net over a spectrogram and writes float32 `[nMels, T]`: `input + postnet(input)`, or
 * `postnet(input)` with --no-residual. IN is a WAV (analysed with the mel options) or an `.npy`
 * `[nMels, T]` / `[1, nMels, T]`, told apart by content. Without --weights the untrained default
 * post-net runs, with a note on stderr. Values that look scaled wrong (audio ÷ 32768 twice, a log10
 * or dB .npy) are warned about on stderr.
 */
import { asciiText, describeFirstBytes } from '../../../shared/formats/bytes';
import { encodeNpyFloat32, isNpy } from '../../../shared/formats/npy';
import type { MelConfig } from '../../../shared/mel/config';
import { DEFAULT_WEIGHTS_NAME } from '../../../shared/model/defaults';
import { analyzeWav } from '../../../shared/pipeline/analyze';
import { processSpectrogram } from '../../../shared/pipeline/process';
import { spectrogramFromNpy } from '../../../shared/pipeline/spectrogram-npy';
import { spectrogramValueWarnings } from '../../../shared/pipeline/value-checks';
import { defaultWeights, loadWeights, type LoadedWeights } from '../../../shared/pipeline/weights';
import type { Spectrogram } from '../../../shared/spectrogram';
import { UsageError, parseCommandArgs, requireOne, stringOption } from '../args';
import { CliError, readBytes, writeFileAtomic } from '../io';
import { readWeightFiles } from './inspect';
import type { Command } from './index';
import { MEL_OPTIONS, melConfigFromArgs } from './mel';

/** A spectrogram from a WAV (RIFF/RIFX, analysed with `config`) or an `.npy`, by content. */
function readSpectrogram(bytes: Uint8Array, path: string, config: MelConfig): Spectrogram {
  if (isNpy(bytes)) return spectrogramFromNpy(bytes, path, config);
  const riff = asciiText(bytes, 0, Math.min(4, bytes.length));
  if (riff === 'RIFF' || riff === 'RIFX') return analyzeWav(bytes, path, config).mel;
  throw new CliError(`${path}: not a WAV (RIFF) or .npy file: starts with ${describeFirstBytes(bytes)}`);
}

async function readWeights(path: string | undefined, nMels: number): Promise<LoadedWeights> {
  if (path === undefined) {
    process.stderr.write(`note: no --weights given; using the ${DEFAULT_WEIGHTS_NAME}\n`);
    return defaultWeights();
  }
  const { files, name, notes } = await readWeightFiles(path);
  const loaded = loadWeights(files, { nMels, name });
  for (const line of [...notes, ...loaded.summary.warnings]) process.stderr.write(`warning: ${line}\n`);
  return loaded;
}

export const processCommand: Command = async (argv) => {
  const { positionals, values } = parseCommandArgs('process', argv, {
    weights: { type: 'string' },
    output: { type: 'string', short: 'o' },
    'no-residual': { type: 'boolean' },
    ...MEL_OPTIONS,
  });
  const input = requireOne(positionals, 'process', 'input (a WAV or an .npy [nMels, T])');
  const output = stringOption(values, 'output');
  if (output === undefined) throw new UsageError('process: missing -o OUT.npy');
  if (values.weights !== undefined && stringOption(values, 'weights') === '') {
    throw new UsageError('process: --weights needs a PATH');
  }
  const config = melConfigFromArgs('process', values);
  const mel = readSpectrogram(await readBytes(input), input, config);
  for (const line of spectrogramValueWarnings(mel)) process.stderr.write(`warning: ${line}\n`);
  const { stack } = await readWeights(stringOption(values, 'weights'), mel.nMels);
  const result = await processSpectrogram(stack, mel);
  const data = values['no-residual'] === true ? result.residual : result.output;
  await writeFileAtomic(output, encodeNpyFloat32(data, [result.nChannels, result.nFrames]));
};
