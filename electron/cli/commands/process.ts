/**
 * `postnet-studio process IN.(wav|npy) [--weights PATH] -o OUT.npy [--no-residual] [--preset …]`:
 * runs a post-net over a spectrogram and writes float32 `[nMels, T]`: `input + postnet(input)`, or
 * `postnet(input)` with --no-residual. IN is a WAV (analysed with the mel options) or an `.npy`
 * `[nMels, T]` / `[1, nMels, T]`, told apart by content. Without --weights the bundled demo
 * post-net runs (default-weights.ts), with a note on stderr; `--weights untrained` the untrained
 * one. Values that look scaled wrong (audio ÷ 32768 twice, a log10 or dB .npy) are warned about
 * on stderr. Notes and warnings are printed only when the run succeeds.
 * With several inputs or a folder, `-o` names a folder that gets `NAME.npy` and its sidecar per
 * input; the weights are loaded once (batch.ts).
 */
import { asciiText, describeFirstBytes } from '../../../shared/formats/bytes';
import { encodeNpyFloat32, isNpy } from '../../../shared/formats/npy';
import type { MelConfig } from '../../../shared/mel/config';
import { analyzeWav, type AnalyzedWav } from '../../../shared/pipeline/analyze';
import { processSpectrogram } from '../../../shared/pipeline/process';
import { spectrogramFromNpy } from '../../../shared/pipeline/spectrogram-npy';
import { spectrogramValueWarnings } from '../../../shared/pipeline/value-checks';
import { loadWeights, type LoadedWeights } from '../../../shared/pipeline/weights';
import type { Spectrogram } from '../../../shared/spectrogram';
import { UsageError, parseCommandArgs, stringOption, type ParsedArgs } from '../args';
import { runBatch } from '../batch';
import { warning, type Command, type CommandIo, type CommandResult } from '../command';
import { UNTRAINED_WEIGHTS, builtInWeights } from '../default-weights';
import { checkBatchOutput, checkOutputFile, isBatch, planBatch, prepareOutputFolder } from '../inputs';
import { CliError, readBytes, writeFileAtomic, writeWithSidecar } from '../io';
import { processSidecarBytes } from '../sidecars';
import { readWeightFiles } from '../weight-files';
import { MEL_OPTIONS, MEL_OPTIONS_HELP, melConfigFromArgs } from './mel';

export const PROCESS_HELP = `Usage: postnet-studio process IN.(wav|npy) [--weights PATH] -o OUT.npy [--no-residual]
                              [--preset tacotron2|hifigan] [mel options]
       postnet-studio process IN… | FOLDER… [--weights PATH] -o OUT_FOLDER [options]

Runs a post-net over a spectrogram and writes float32 [nMels, T]: input + postnet(input), or
postnet(input) with --no-residual. IN is a WAV (turned into a mel spectrogram as 'mel' does, with
the mel options) or an .npy [nMels, T] or [1, nMels, T]. Input values that look scaled wrong
(audio divided by 32768 twice, a log10 or dB mel) are named on stderr as 'warning: …' lines.

With several inputs or a folder (its .wav and .npy files), -o names a folder (made if missing)
that gets NAME.npy and its sidecar NAME.npy.json for each input; the weights are loaded once. A
progress line goes to stderr; an input that fails is reported as one 'error: …' line and
skipped, and the exit status is then 1.

Options:
  --weights PATH        a weights file (.npz, .npy, .json) or a folder of .npy files named by
                        state_dict key; without it the bundled demo post-net runs (trained to
                        undo decoder-like smoothing), with a note on stderr; 'untrained' runs
                        the untrained Tacotron 2 post-net (a file named so: ./untrained)
  -o, --output OUT.npy  where to write (required): a file, or a folder for several inputs
  --no-residual         write postnet(input) alone
${MEL_OPTIONS_HELP}`;

/** A spectrogram from a WAV (RIFF/RIFX, analysed with `config`) or an `.npy`, by content. */
export function readSpectrogram(bytes: Uint8Array, path: string, config: MelConfig): Spectrogram {
  if (isNpy(bytes)) return spectrogramFromNpy(bytes, path, config);
  return readWav(bytes, path, config).mel;
}

/** A WAV's analysis, or the CLI's error for bytes that are neither WAV nor `.npy`. */
function readWav(bytes: Uint8Array, path: string, config: MelConfig): AnalyzedWav {
  const riff = asciiText(bytes, 0, Math.min(4, bytes.length));
  if (riff === 'RIFF' || riff === 'RIFX') return analyzeWav(bytes, path, config);
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

/** The weights path `--weights` gives, refusing an empty one. */
function weightsOption(values: ParsedArgs['values']): string | undefined {
  if (values.weights !== undefined && stringOption(values, 'weights') === '') {
    throw new UsageError('process: --weights needs a PATH');
  }
  return stringOption(values, 'weights');
}

/** The data `process` writes: the output, or the residual alone with --no-residual. */
async function processed(
  weights: LoadedWeights,
  mel: Spectrogram,
  residualOnly: boolean,
): Promise<Uint8Array> {
  const result = await processSpectrogram(weights.stack, mel);
  const data = residualOnly ? result.residual : result.output;
  return encodeNpyFloat32(data, [result.nChannels, result.nFrames]);
}

export const processCommand: Command = async (argv, io) => {
  const { positionals, values } = parseCommandArgs('process', argv, {
    weights: { type: 'string' },
    output: { type: 'string', short: 'o' },
    'no-residual': { type: 'boolean' },
    ...MEL_OPTIONS,
  });
  if (positionals.length === 0) throw new UsageError('process: missing input (a WAV or an .npy [nMels, T])');
  const output = stringOption(values, 'output');
  if (output === undefined) throw new UsageError('process: missing -o OUT.npy');
  const weightsPath = weightsOption(values);
  const config = melConfigFromArgs('process', values);
  const residualOnly = values['no-residual'] === true;
  if (await isBatch(positionals)) {
    return processBatch(positionals, output, { config, weightsPath, residualOnly }, io);
  }
  const input = positionals[0]!;
  await checkOutputFile(output, 'process');
  const mel = readSpectrogram(await readBytes(input), input, config);
  const { weights, notices } = await readWeights(weightsPath, mel.nMels);
  await writeFileAtomic(output, await processed(weights, mel, residualOnly));
  return { notices: [...spectrogramValueWarnings(mel).map(warning), ...notices] };
};

interface BatchSettings {
  config: MelConfig;
  weightsPath: string | undefined;
  residualOnly: boolean;
}

/** `process A B … -o FOLDER`: the weights loaded once, one `.npy` and sidecar per input. */
async function processBatch(
  positionals: readonly string[],
  folder: string,
  settings: BatchSettings,
  io: CommandIo,
): Promise<CommandResult> {
  const { config, residualOnly } = settings;
  checkBatchOutput('process', positionals, folder);
  const { items, notes } = await planBatch(positionals, folder, ['.wav', '.npy']);
  const { weights, notices } = await readWeights(settings.weightsPath, config.nMels);
  await prepareOutputFolder(folder);
  for (const text of notes) io.line(`warning: ${text}`);
  const { failed } = await runBatch(items, io, async ({ input, output }) => {
    const bytes = await readBytes(input);
    const analyzed = isNpy(bytes) ? null : readWav(bytes, input, config);
    const mel = analyzed ? analyzed.mel : readSpectrogram(bytes, input, config);
    const sidecar = processSidecarBytes(
      { output, mel, audio: analyzed?.audio ?? null, createdAt: new Date().toISOString() },
      weights.summary,
      residualOnly,
    );
    await writeWithSidecar(output, await processed(weights, mel, residualOnly), sidecar);
    return spectrogramValueWarnings(mel);
  });
  return { notices, status: failed > 0 ? 1 : 0 };
}
