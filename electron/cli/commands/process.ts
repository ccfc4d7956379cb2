/**
 * `postnet-studio process IN.(wav|npy) [--weights PATH] -o OUT.npy [--no-residual] [--stack …]
 * [--arch LAYERS.json] [--preset …]`: runs a post-net over a spectrogram and writes float32
 * `[nMels, T]`: `input + postnet(input)`, or `postnet(input)` with --no-residual. IN is a WAV
 * (analysed with the mel options) or an `.npy` `[nMels, T]` / `[1, nMels, T]`, told apart by
 * content; an `.npy`'s settings come from its sidecar or are noted as assumed. Without --weights
 * the bundled demo post-net runs (default-weights.ts), with a note on stderr; `--weights untrained`
 * the untrained one. Values that look scaled wrong (audio ÷ 32768 twice, a log10 or dB .npy) are
 * warned about on stderr. Notes and warnings are printed only when the run succeeds.
 */
import { basename } from 'node:path';
import { describeFirstBytes } from '../../../shared/formats/bytes';
import { sniffAudio, unreadableAudioMessage } from '../../../shared/formats/detect';
import { encodeNpyFloat32, isNpy } from '../../../shared/formats/npy';
import { analyzeWav } from '../../../shared/pipeline/analyze';
import { npySettings, sidecarNameFor } from '../../../shared/pipeline/npy-settings';
import { processSpectrogram } from '../../../shared/pipeline/process';
import { spectrogramFromNpy } from '../../../shared/pipeline/spectrogram-npy';
import { spectrogramValueWarnings } from '../../../shared/pipeline/value-checks';
import { loadWeights, stacksNote, type LoadedWeights } from '../../../shared/weights/load';
import type { Spectrogram } from '../../../shared/spectrogram';
import { cliBuildsStack } from '../advice';
import { UsageError, parseCommandArgs, requireOne, stringOption } from '../args';
import type { MelConfig } from '../../../shared/mel/config';
import { note, warning, type Command } from '../command';
import { UNTRAINED_WEIGHTS, builtInWeights } from '../default-weights';
import { CliError, pathKind, readBytes, writeFileAtomic } from '../io';
import { readWeightFiles } from '../weight-files';
import { WEIGHT_OPTIONS, WEIGHT_OPTIONS_HELP, weightChoices, type WeightChoices } from '../weight-options';
import { BACKEND_HELP, BACKEND_OPTION, backendChoice, selectBackend } from '../backend';
import { runOnSelected } from '../run-stack';
import { MEL_OPTIONS, MEL_OPTIONS_HELP, melConfigFromArgs, melOptionsGiven } from './mel';

export const PROCESS_HELP = `Usage: postnet-studio process IN.(wav|npy) [--weights PATH] -o OUT.npy [--no-residual]
                              [--stack postnet|encoder] [--arch LAYERS.json]
                              [--backend auto|native|wasm|js] [--preset tacotron2|hifigan] [mel options]

Runs a post-net over a spectrogram and writes float32 [nMels, T]: input + postnet(input), or
postnet(input) with --no-residual. IN is a WAV (turned into a mel spectrogram as 'mel' does, with
the mel options) or an .npy [nMels, T] or [1, nMels, T]. Input values that look scaled wrong
(audio divided by 32768 twice, a log10 or dB mel) are named on stderr as 'warning: …' lines.

Options:
  --weights PATH        a weights file (.npz, .npy, .json, .safetensors, a torch.save checkpoint)
                        or a folder of .npy files named by state_dict key;
                        without it the bundled demo post-net runs (trained to undo decoder-like
                        smoothing), with a note on stderr; 'untrained' runs the untrained
                        Tacotron 2 post-net (a file named so: ./untrained)
  -o, --output OUT.npy  where to write (required)
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
  if (isNpy(bytes)) {
    const sidecarPath = sidecarNameFor(path);
    const sidecar = (await isFile(sidecarPath))
      ? { name: basename(sidecarPath), bytes: await readBytes(sidecarPath) }
      : null;
    const settings = npySettings(basename(path), sidecar, given ? config : null, config);
    const notices = settings.from === 'given' ? [] : [note(settings.note)];
    return { mel: spectrogramFromNpy(bytes, path, settings.config), notices };
  }
  const audio = sniffAudio(bytes);
  if (audio?.readable) {
    const { mel, warnings } = analyzeWav(bytes, path, config);
    return { mel, notices: warnings.map(warning) };
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

export const processCommand: Command = async (argv) => {
  const { positionals, values } = parseCommandArgs('process', argv, {
    weights: { type: 'string' },
    output: { type: 'string', short: 'o' },
    'no-residual': { type: 'boolean' },
    ...WEIGHT_OPTIONS,
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
  const choices = await weightChoices('process', values);
  const bytes = await readBytes(input);
  const { mel, notices: inputNotices } = await readSpectrogram(bytes, input, config, melOptionsGiven(values));
  const { weights, notices } = await readWeights(stringOption(values, 'weights'), mel.nMels, choices);
  const selected = await selectBackend(choice);
  const result = await processSpectrogram(weights.stack, mel, { backend: runOnSelected(selected) });
  const data = values['no-residual'] === true ? result.residual : result.output;
  await writeFileAtomic(output, encodeNpyFloat32(data, [result.nChannels, result.nFrames]));
  return {
    notices: [
      ...inputNotices,
      ...spectrogramValueWarnings(mel).map(warning),
      ...notices,
      ...selected.notices,
    ],
  };
};
