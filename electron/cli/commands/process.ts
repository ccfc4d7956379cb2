/**
 * `postnet-studio process IN.(wav|npy) [--weights PATH] -o OUT.npy [--no-residual] [--stack …]
 * [--arch LAYERS.json] [--preset …]`: runs a post-net over a spectrogram and writes float32
 * `[nMels, T]`: `input + postnet(input)`, or `postnet(input)` with --no-residual. IN is a WAV
 * (analysed with the mel options) or an `.npy` `[nMels, T]` / `[1, nMels, T]`, told apart by
 * content; an `.npy`'s settings come from its sidecar or are noted as assumed. Without --weights
 * the bundled demo post-net runs (default-weights.ts), with a note on stderr; `--weights untrained`
 * the untrained one. Values that look scaled wrong (audio ÷ 32768 twice, a log10 or dB .npy) are
 * warned about on stderr. Notes and warnings are printed only when the run succeeds. With several
 * inputs or a folder, `-o` names a folder that gets `NAME.npy` and its sidecar per input; the
 * weights are loaded once (batch.ts).
 */
import { basename } from 'node:path';
import { describeFirstBytes } from '../../../shared/formats/bytes';
import { sniffAudio, unreadableAudioMessage } from '../../../shared/formats/detect';
import { encodeNpyFloat32, isNpy } from '../../../shared/formats/npy';
import { analyzeWav } from '../../../shared/pipeline/analyze';
import { npySettings, sidecarNameFor } from '../../../shared/pipeline/npy-settings';
import type { Backend } from '../../../shared/backend/types';
import { processSpectrogram } from '../../../shared/pipeline/process';
import { spectrogramFromNpy } from '../../../shared/pipeline/spectrogram-npy';
import { spectrogramValueWarnings } from '../../../shared/pipeline/value-checks';
import { loadWeights, stacksNote, type LoadedWeights } from '../../../shared/weights/load';
import type { Spectrogram } from '../../../shared/spectrogram';
import type { AudioInfo } from '../../../shared/api/contract';
import { cliBuildsStack } from '../advice';
import type { MelConfig } from '../../../shared/mel/config';
import { UsageError, parseCommandArgs, stringOption, type ParsedArgs } from '../args';
import { runBatch } from '../batch';
import { note, warning, type Command, type CommandIo, type CommandResult } from '../command';
import { UNTRAINED_WEIGHTS, builtInWeights } from '../default-weights';
import { checkBatchOutput, checkOutputFile, isBatch, planBatch, prepareOutputFolder } from '../inputs';
import { CliError, pathKind, readBytes, writeFileAtomic, writeWithSidecar } from '../io';
import { processSidecarBytes } from '../sidecars';
import { readWeightFiles } from '../weight-files';
import { WEIGHT_OPTIONS, WEIGHT_OPTIONS_HELP, weightChoices, type WeightChoices } from '../weight-options';
import { BACKEND_HELP, BACKEND_OPTION, backendChoice, selectBackend, type SelectedBackend } from '../backend';
import type { ExportEngineInfo } from '../../../shared/export/types';
import { runOnSelected } from '../run-stack';
import { MEL_OPTIONS, MEL_OPTIONS_HELP, melConfigFromArgs, melOptionsGiven } from './mel';

export const PROCESS_HELP = `Usage: postnet-studio process IN.(wav|npy) [--weights PATH] -o OUT.npy [--no-residual]
                              [--stack postnet|encoder] [--arch LAYERS.json]
                              [--backend auto|native|wasm|js] [--preset tacotron2|hifigan] [mel options]
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
  --weights PATH        a weights file (.npz, .npy, .json, .safetensors, a torch.save checkpoint)
                        or a folder of .npy files named by state_dict key;
                        without it the bundled demo post-net runs (trained to undo decoder-like
                        smoothing), with a note on stderr; 'untrained' runs the untrained
                        Tacotron 2 post-net (a file named so: ./untrained)
  -o, --output OUT.npy  where to write (required): a file, or a folder for several inputs
  --no-residual         write postnet(input) alone
${WEIGHT_OPTIONS_HELP}${BACKEND_HELP}
${MEL_OPTIONS_HELP}`;

/**
 * A spectrogram from a WAV (RIFF/RIFX/RF64, analysed with the mel options) or an `.npy`, by
 * content. An `.npy` carries no settings: they come from its sidecar `IN.npy.json` (as our exports
 * write it), else from the mel options given, else they are the preset's, and a note says which.
 */
export async function readSpectrogram(
  bytes: Uint8Array,
  path: string,
  config: MelConfig,
  given: boolean,
): Promise<{ mel: Spectrogram; notices: string[] }> {
  const { mel, notices } = await readInput(bytes, path, config, given);
  return { mel, notices };
}

/** readSpectrogram's work, with the WAV's facts (null for an `.npy`) for a batch's sidecar. */
async function readInput(
  bytes: Uint8Array,
  path: string,
  config: MelConfig,
  given: boolean,
): Promise<{ mel: Spectrogram; audio: AudioInfo | null; notices: string[] }> {
  if (isNpy(bytes)) {
    const sidecarPath = sidecarNameFor(path);
    const sidecar = (await isFile(sidecarPath))
      ? { name: basename(sidecarPath), bytes: await readBytes(sidecarPath) }
      : null;
    const settings = npySettings(basename(path), sidecar, given ? config : null, config);
    const notices = settings.from === 'given' ? [] : [note(settings.note)];
    return { mel: spectrogramFromNpy(bytes, path, settings.config), audio: null, notices };
  }
  const audio = sniffAudio(bytes);
  if (audio?.readable) {
    const analyzed = analyzeWav(bytes, path, config);
    return { mel: analyzed.mel, audio: analyzed.audio, notices: analyzed.warnings.map(warning) };
  }
  if (audio) throw new CliError(`${path}: ${unreadableAudioMessage(audio)}`);
  throw new CliError(`${path}: not a WAV (RIFF) or .npy file: starts with ${describeFirstBytes(bytes)}`);
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await pathKind(path)) === 'file';
  } catch {
    return false;
  }
}

/** The weights `--weights` names (or the default post-net), and the stderr lines that go with them. */
export async function readWeights(
  path: string | undefined,
  nMels: number,
  choices: WeightChoices,
): Promise<{ weights: LoadedWeights; notices: string[] }> {
  if (path === undefined || path === UNTRAINED_WEIGHTS) {
    if (choices.stack !== undefined || choices.architecture !== undefined) {
      throw new UsageError(`process: --${choices.stack ? 'stack' : 'arch'} needs --weights PATH`);
    }
    return builtInWeights(path ?? 'default');
  }
  const { files, name, notes } = await readWeightFiles(path);
  const weights = loadWeights(files, { nMels, name, ...choices });
  const stacks = stacksNote(weights.details, name, cliBuildsStack);
  return {
    weights,
    notices: [...[...notes, ...weights.summary.warnings].map(warning), ...(stacks ? [note(stacks)] : [])],
  };
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
  backend: Backend,
): Promise<Uint8Array> {
  const result = await processSpectrogram(weights.stack, mel, { backend });
  const data = residualOnly ? result.residual : result.output;
  return encodeNpyFloat32(data, [result.nChannels, result.nFrames]);
}

export const processCommand: Command = async (argv, io) => {
  const { positionals, values } = parseCommandArgs('process', argv, {
    weights: { type: 'string' },
    output: { type: 'string', short: 'o' },
    'no-residual': { type: 'boolean' },
    ...WEIGHT_OPTIONS,
    ...BACKEND_OPTION,
    ...MEL_OPTIONS,
  });
  if (positionals.length === 0) throw new UsageError('process: missing input (a WAV or an .npy [nMels, T])');
  const output = stringOption(values, 'output');
  if (output === undefined) throw new UsageError('process: missing -o OUT.npy');
  const weightsPath = weightsOption(values);
  const choice = backendChoice('process', values);
  const config = melConfigFromArgs('process', values);
  const choices = await weightChoices('process', values);
  const settings: BatchSettings = {
    config,
    choice,
    given: melOptionsGiven(values),
    weightsPath,
    choices,
    residualOnly: values['no-residual'] === true,
  };
  if (await isBatch(positionals)) return processBatch(positionals, output, settings, io);
  const input = positionals[0]!;
  await checkOutputFile(output, 'process');
  const bytes = await readBytes(input);
  const { mel, notices: inputNotices } = await readSpectrogram(bytes, input, config, settings.given);
  const { weights, notices } = await readWeights(weightsPath, mel.nMels, choices);
  const selected = await selectBackend(choice);
  await writeFileAtomic(
    output,
    await processed(weights, mel, settings.residualOnly, runOnSelected(selected)),
  );
  return {
    notices: [
      ...inputNotices,
      ...spectrogramValueWarnings(mel).map(warning),
      ...notices,
      ...selected.notices,
    ],
  };
};

interface BatchSettings {
  config: MelConfig;
  choice: ReturnType<typeof backendChoice>;
  /** Whether mel options were given (an `.npy` without a sidecar then takes them, not the preset). */
  given: boolean;
  weightsPath: string | undefined;
  choices: WeightChoices;
  residualOnly: boolean;
}

/** What ran, for a sidecar: the backend, and the workers of its pool (a native session: one). */
function engineInfo(selected: SelectedBackend): ExportEngineInfo {
  return { name: selected.backend.name, workers: selected.kind === 'native' ? 1 : selected.threads };
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
  const { weights, notices } = await readWeights(settings.weightsPath, config.nMels, settings.choices);
  const selected = await selectBackend(settings.choice);
  const backend = runOnSelected(selected);
  await prepareOutputFolder(folder);
  for (const text of notes) io.line(`warning: ${text}`);
  const { failed } = await runBatch(items, io, async ({ input, output }) => {
    const read = await readInput(await readBytes(input), input, config, settings.given);
    const createdAt = new Date().toISOString();
    const sidecar = processSidecarBytes(
      { output, mel: read.mel, audio: read.audio, createdAt },
      weights.summary,
      residualOnly,
      engineInfo(selected),
    );
    await writeWithSidecar(output, await processed(weights, read.mel, residualOnly, backend), sidecar);
    return [...read.notices, ...spectrogramValueWarnings(read.mel).map(warning)];
  });
  return { notices: [...notices, ...selected.notices], status: failed > 0 ? 1 : 0 };
}
