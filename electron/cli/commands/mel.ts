/**
 * `postnet-studio mel IN.wav -o OUT.npy [--preset tacotron2|hifigan] [--sample-rate N] [--n-fft N]
 * [--hop N] [--win N] [--n-mels N] [--fmin HZ] [--fmax HZ]`: the natural-log mel spectrogram of a
 * WAV as a float32 `[nMels, T]` .npy. Quiet on success (see docs/cli.md). With several inputs or
 * a folder, `-o` names a folder that gets `NAME.npy` and its sidecar per WAV (batch.ts).
 */
import { MelConfigError } from '../../../shared/errors';
import { encodeNpyFloat32Parts } from '../../../shared/formats/npy';
import {
  MEL_PRESETS,
  resolveMelConfig,
  type MelConfig,
  type MelPresetName,
} from '../../../shared/mel/config';
import { analyzeWav } from '../../../shared/pipeline/analyze';
import {
  UsageError,
  intOption,
  numberOption,
  parseCommandArgs,
  stringOption,
  type OptionSpec,
  type ParsedArgs,
} from '../args';
import { runBatch } from '../batch';
import { warning, type Command, type CommandIo, type CommandResult } from '../command';
import { checkBatchOutput, checkOutputFile, isBatch, planBatch, prepareOutputFolder } from '../inputs';
import { readBytes, writeFileAtomic, writeWithSidecar } from '../io';
import { melSidecarBytes } from '../sidecars';

/** The mel options every command that computes a mel accepts (`mel`, `process` with a WAV). */
export const MEL_OPTIONS = {
  preset: { type: 'string' },
  'sample-rate': { type: 'string' },
  'n-fft': { type: 'string' },
  hop: { type: 'string' },
  win: { type: 'string' },
  'n-mels': { type: 'string' },
  fmin: { type: 'string' },
  fmax: { type: 'string' },
} as const satisfies OptionSpec;

/** Config field → the flag that sets it, so config errors speak the command line's language. */
const FLAG_FOR_FIELD: Readonly<Record<string, string>> = {
  sampleRateHz: '--sample-rate',
  nFft: '--n-fft',
  hopLength: '--hop',
  winLength: '--win',
  nMels: '--n-mels',
  fMinHz: '--fmin',
  fMaxHz: '--fmax',
};

function presetOption(values: ParsedArgs['values']): MelPresetName | undefined {
  const preset = stringOption(values, 'preset');
  if (preset === undefined) return undefined;
  if (!(preset in MEL_PRESETS)) {
    throw new UsageError(`--preset must be one of ${Object.keys(MEL_PRESETS).join(', ')}, got '${preset}'`);
  }
  return preset as MelPresetName;
}

/** Whether any mel option was given (an `.npy` input's settings are then the user's, not assumed). */
export function melOptionsGiven(values: ParsedArgs['values']): boolean {
  return Object.keys(MEL_OPTIONS).some((name) => values[name] !== undefined);
}

/**
 * `--fmax HZ`, or `--fmax none`: half the sample rate, as Tacotron 2's `TacotronSTFT(mel_fmax=None)`
 * (librosa's `mel(fmax=None)`) takes it.
 */
function fMaxOption(
  values: ParsedArgs['values'],
  preset: MelPresetName | undefined,
  sampleRateHz: number | undefined,
) {
  if (values.fmax !== 'none') return numberOption(values, 'fmax');
  return (sampleRateHz ?? MEL_PRESETS[preset ?? 'tacotron2'].sampleRateHz) / 2;
}

/** The MelConfig the mel options ask for; an impossible combination is a usage error. */
export function melConfigFromArgs(command: string, values: ParsedArgs['values']): MelConfig {
  const preset = presetOption(values);
  const sampleRateHz = intOption(values, 'sample-rate');
  const options = {
    preset,
    sampleRateHz,
    nFft: intOption(values, 'n-fft'),
    hopLength: intOption(values, 'hop'),
    winLength: intOption(values, 'win'),
    nMels: intOption(values, 'n-mels'),
    fMinHz: numberOption(values, 'fmin'),
    fMaxHz: fMaxOption(values, preset, sampleRateHz),
  };
  try {
    return resolveMelConfig(options);
  } catch (error) {
    if (!(error instanceof MelConfigError)) throw error;
    const message = error.message.replace(
      /\b(sampleRateHz|nFft|hopLength|winLength|nMels|fMinHz|fMaxHz)\b/g,
      (field) => FLAG_FOR_FIELD[field]!,
    );
    throw new UsageError(`${command}: invalid mel settings: ${message}`);
  }
}

/** The lines of `--help` that describe MEL_OPTIONS (mel and process both take them). */
export const MEL_OPTIONS_HELP = `  --preset NAME         starting settings: tacotron2 (default) or hifigan
  --sample-rate N       rate the audio is resampled to, Hz (22050)
  --n-fft N             FFT size, a power of two (1024); also sets --win unless given
  --win N               Hann window length ≤ n-fft (1024)
  --hop N               samples between frames (256)
  --n-mels N            mel bands (80)
  --fmin HZ             lowest filter edge (0)
  --fmax HZ             highest filter edge, ≤ sample-rate / 2 (8000); none: sample-rate / 2,
                        as TacotronSTFT(mel_fmax=None)
`;

export const MEL_HELP = `Usage: postnet-studio mel IN.wav -o OUT.npy [--preset tacotron2|hifigan] [--sample-rate N]
                          [--n-fft N] [--hop N] [--win N] [--n-mels N] [--fmin HZ] [--fmax HZ]
       postnet-studio mel IN.wav… | FOLDER… -o OUT_FOLDER [mel options]

Writes the natural-log mel spectrogram of IN.wav as a float32 .npy of shape [nMels, T]
(ln(max(mel, 1e-5)); silence is −11.51). Prints nothing on success.

With several inputs or a folder (its .wav files), -o names a folder (made if missing) that gets
NAME.npy and its sidecar NAME.npy.json for each NAME.wav. A progress line goes to stderr; an input
that fails is reported as one 'error: …' line and skipped, and the exit status is then 1.

Options (defaults are the tacotron2 preset's; options given override the preset):
  -o, --output OUT.npy  where to write (required): a file, or a folder for several inputs
${MEL_OPTIONS_HELP}`;

export const melCommand: Command = async (argv, io) => {
  const { positionals, values } = parseCommandArgs('mel', argv, {
    output: { type: 'string', short: 'o' },
    ...MEL_OPTIONS,
  });
  if (positionals.length === 0) throw new UsageError('mel: missing input WAV file');
  const output = stringOption(values, 'output');
  if (output === undefined) throw new UsageError('mel: missing -o OUT.npy');
  const config = melConfigFromArgs('mel', values);
  if (await isBatch(positionals)) return melBatch(positionals, output, config, io);
  const input = positionals[0]!;
  await checkOutputFile(output, 'mel');
  const bytes = await readBytes(input);
  const { mel, warnings } = analyzeWav(bytes, input, config);
  await writeFileAtomic(output, encodeNpyFloat32Parts(mel.data, [mel.nMels, mel.nFrames]));
  return { notices: warnings.map(warning) };
};

/** `mel A.wav B.wav … -o FOLDER`: one `.npy` and sidecar per WAV. */
async function melBatch(
  positionals: readonly string[],
  folder: string,
  config: MelConfig,
  io: CommandIo,
): Promise<CommandResult> {
  checkBatchOutput('mel', positionals, folder);
  const { items, notes } = await planBatch(positionals, folder, ['.wav']);
  await prepareOutputFolder(folder);
  for (const text of notes) io.line(`warning: ${text}`);
  const { failed } = await runBatch(items, io, async ({ input, output }) => {
    const { audio, mel, warnings } = analyzeWav(await readBytes(input), input, config);
    const sidecar = melSidecarBytes({ output, mel, audio, createdAt: new Date().toISOString() });
    await writeWithSidecar(output, encodeNpyFloat32Parts(mel.data, [mel.nMels, mel.nFrames]), sidecar);
    return warnings.map(warning);
  });
  return { status: failed > 0 ? 1 : 0 };
}
