/**
 * `postnet-studio griffin-lim MEL.npy -o OUT.wav [--iters N] [--preset tacotron2|hifigan]`: a
 * natural-log mel `[nMels, T]` / `[1, nMels, T]` turned back into sound (NNLS mel inversion, fast
 * Griffin-Lim, shared/audio-synthesis), written atomically as 16-bit PCM mono at the mel config's
 * rate. The config is the preset and mel options', or the one recorded in `MEL.npy.json` (the
 * app's export sidecar) when that file exists and no mel option is given.
 */
import { encodeWavPcm16 } from '../../../shared/audio-synthesis/wav-pcm16';
import {
  DEFAULT_GRIFFIN_LIM_ITERATIONS,
  MAX_GRIFFIN_LIM_ITERATIONS,
  griffinLim,
  type PhaseInit,
} from '../../../shared/audio-synthesis/griffin-lim';
import type { MelInversion } from '../../../shared/audio-synthesis/mel-inverse';
import { melConfigFromSidecar } from '../../../shared/audio-synthesis/sidecar-config';
import { sidecarName } from '../../../shared/export/names';
import { isNpy } from '../../../shared/formats/npy';
import { describeFirstBytes } from '../../../shared/formats/bytes';
import type { MelConfig } from '../../../shared/mel/config';
import { spectrogramFromNpy } from '../../../shared/pipeline/spectrogram-npy';
import { UsageError, intOption, parseCommandArgs, requireOne, stringOption, type ParsedArgs } from '../args';
import { note, warning, type Command } from '../command';
import { CliError, readBytes, readOptionalBytes, writeFileAtomic } from '../io';
import { ttyProgress } from '../progress';
import { MEL_OPTIONS, MEL_OPTIONS_HELP, melConfigFromArgs } from './mel';

export const GRIFFIN_LIM_HELP = `Usage: postnet-studio griffin-lim MEL.npy -o OUT.wav [--iters N] [--preset tacotron2|hifigan]
                                  [mel options] [--inversion nnls|pinv] [--init zeros|random]

Turns a natural-log mel spectrogram (.npy float [nMels, T] or [1, nMels, T]) back into sound:
mel → linear magnitudes by non-negative least squares on the Slaney filterbank, then fast
Griffin-Lim (momentum 0.99) with the preset's STFT. Writes 16-bit PCM mono WAV at the mel
config's sample rate. When MEL.npy.json (the sidecar Postnet Studio writes beside an export) is
there and no mel option is given, its mel settings are used. On a terminal, a progress line is
shown on stderr while it runs.

Options:
  -o, --output OUT.wav  where to write (required)
  --iters N             Griffin-Lim iterations, 1–${MAX_GRIFFIN_LIM_ITERATIONS} (${DEFAULT_GRIFFIN_LIM_ITERATIONS}); 32–100 is the useful range
  --inversion NAME      nnls (default) or pinv: the clamped pseudo-inverse, to compare with
  --init NAME           starting phase: zeros (default) or random (seeded, so still repeatable)
${MEL_OPTIONS_HELP}`;

const MEL_FLAGS = Object.keys(MEL_OPTIONS);

function choice<T extends string>(
  values: ParsedArgs['values'],
  name: string,
  allowed: readonly T[],
): T | undefined {
  const value = stringOption(values, name);
  if (value === undefined) return undefined;
  if (!allowed.includes(value as T)) {
    throw new UsageError(`--${name} must be one of ${allowed.join(', ')}, got '${value}'`);
  }
  return value as T;
}

/** The mel config: the sidecar's when there is one and no mel option overrides it. */
async function melConfigFor(
  input: string,
  values: ParsedArgs['values'],
): Promise<{ config: MelConfig; notices: string[] }> {
  const sidecarPath = sidecarName(input);
  const sidecar = await readOptionalBytes(sidecarPath);
  const given = MEL_FLAGS.filter((flag) => values[flag] !== undefined);
  if (sidecar === null) return { config: melConfigFromArgs('griffin-lim', values), notices: [] };
  if (given.length > 0) {
    const flags = given.map((flag) => `--${flag}`).join(', ');
    return {
      config: melConfigFromArgs('griffin-lim', values),
      notices: [warning(`${sidecarPath} was ignored: ${flags} given on the command line`)],
    };
  }
  const config = melConfigFromSidecar(sidecar, sidecarPath);
  return { config, notices: [note(`mel settings from ${sidecarPath} (${config.preset})`)] };
}

export const griffinLimCommand: Command = async (argv) => {
  const { positionals, values } = parseCommandArgs('griffin-lim', argv, {
    output: { type: 'string', short: 'o' },
    iters: { type: 'string' },
    inversion: { type: 'string' },
    init: { type: 'string' },
    ...MEL_OPTIONS,
  });
  const input = requireOne(positionals, 'griffin-lim', 'input mel (.npy [nMels, T])');
  const output = stringOption(values, 'output');
  if (output === undefined) throw new UsageError('griffin-lim: missing -o OUT.wav');
  const iterations = intOption(values, 'iters') ?? DEFAULT_GRIFFIN_LIM_ITERATIONS;
  if (iterations > MAX_GRIFFIN_LIM_ITERATIONS) {
    throw new UsageError(`--iters must be at most ${MAX_GRIFFIN_LIM_ITERATIONS}, got ${iterations}`);
  }
  const melInversion = choice<MelInversion>(values, 'inversion', ['nnls', 'pinv']);
  const init = choice<PhaseInit>(values, 'init', ['zeros', 'random']);
  const bytes = await readBytes(input);
  if (!isNpy(bytes)) {
    throw new CliError(`${input}: not an .npy file: starts with ${describeFirstBytes(bytes)}`);
  }
  const { config, notices } = await melConfigFor(input, values);
  const mel = spectrogramFromNpy(bytes, input, config);
  const progress = ttyProgress('griffin-lim');
  let samples: Float32Array;
  try {
    samples = griffinLim(mel.data, mel.nFrames, config, {
      iterations,
      melInversion,
      init,
      onProgress: progress.update,
    });
  } finally {
    progress.done();
  }
  const wav = encodeWavPcm16(samples, config.sampleRateHz);
  await writeFileAtomic(output, wav.bytes);
  if (wav.clipped > 0) {
    notices.push(
      warning(
        `${wav.clipped} of ${samples.length} samples were beyond ±1 and clipped (peak ${wav.peak.toFixed(3)})`,
      ),
    );
  }
  return { notices };
};
