import { MelConfigError } from '../errors';
import { validateMelConfig } from './validate';

/**
 * Mel front-end settings. A spectrogram always carries the config that made it, so a file, a pane
 * header or an export can say exactly which convention its numbers follow.
 */

export type MelPresetName = 'tacotron2' | 'hifigan';

/**
 * How frames are laid over the signal.
 * - `center`: Tacotron 2 / torchaudio `center=True`: reflect-pad nFft/2 on both sides,
 *   T = N // hop + 1, frame t centred on sample hop·t.
 * - `hifigan`: reflect-pad (nFft − hop)/2 on both sides, `center=False`: T = N // hop.
 */
export type MelPadding = 'center' | 'hifigan';

export interface MelConfig {
  /** Preset this config came from, or `custom` once any field differs from it. */
  preset: MelPresetName | 'custom';
  /** Rate the audio is resampled to before the STFT. */
  sampleRateHz: number;
  nFft: number;
  /** Periodic Hann window length, centred (zero-padded) inside nFft when shorter. */
  winLength: number;
  hopLength: number;
  nMels: number;
  fMinHz: number;
  fMaxHz: number;
  padding: MelPadding;
  /**
   * Added under the square root of the magnitude: 0 gives `sqrt(re² + im²)` (Tacotron 2),
   * 1e-9 gives HiFi-GAN's `sqrt(re² + im² + 1e-9)`.
   */
  magnitudeEpsilon: number;
  /** Natural log of `max(x, logFloor)`; silence is ln(1e-5) = −11.512925 with the default. */
  logFloor: number;
}

/** Tacotron 2 / WaveGlow (NVIDIA/tacotron2 `TacotronSTFT.mel_spectrogram`). Slaney mel, Slaney norm. */
export const TACOTRON2_MEL: Readonly<MelConfig> = Object.freeze({
  preset: 'tacotron2',
  sampleRateHz: 22050,
  nFft: 1024,
  winLength: 1024,
  hopLength: 256,
  nMels: 80,
  fMinHz: 0,
  fMaxHz: 8000,
  padding: 'center',
  magnitudeEpsilon: 0,
  logFloor: 1e-5,
});

/** HiFi-GAN `meldataset.mel_spectrogram` (V1 config): same filterbank, its own padding and epsilon. */
export const HIFIGAN_MEL: Readonly<MelConfig> = Object.freeze({
  ...TACOTRON2_MEL,
  preset: 'hifigan',
  padding: 'hifigan',
  magnitudeEpsilon: 1e-9,
});

export const MEL_PRESETS: Readonly<Record<MelPresetName, Readonly<MelConfig>>> = Object.freeze({
  tacotron2: TACOTRON2_MEL,
  hifigan: HIFIGAN_MEL,
});

/** The fields a caller may override; `preset` picks the starting point (default `tacotron2`). */
export type MelConfigOptions = Partial<Omit<MelConfig, 'preset'>> & { preset?: MelPresetName };

/** Every MelConfig field but `preset`: what a preset fixes and a caller may override. */
export const MEL_CONFIG_FIELDS = [
  'sampleRateHz',
  'nFft',
  'winLength',
  'hopLength',
  'nMels',
  'fMinHz',
  'fMaxHz',
  'padding',
  'magnitudeEpsilon',
  'logFloor',
] as const satisfies readonly Exclude<keyof MelConfig, 'preset'>[];

/**
 * A preset with the given fields overridden (undefined fields keep the preset's value), validated.
 * `preset` becomes `custom` when any value differs from the preset's. When nFft is overridden and
 * winLength is not, the window follows nFft if the preset's window filled its FFT (as torch.stft's
 * win_length defaults to n_fft).
 */
export function resolveMelConfig(options: MelConfigOptions = {}): MelConfig {
  const presetName = options.preset ?? 'tacotron2';
  const preset = MEL_PRESETS[presetName];
  if (!preset) {
    throw new MelConfigError(
      `unknown mel preset '${String(presetName)}' (expected one of: ${Object.keys(MEL_PRESETS).join(', ')})`,
    );
  }
  const config: MelConfig = { ...preset };
  for (const field of MEL_CONFIG_FIELDS) {
    const value = options[field];
    if (value !== undefined) (config as unknown as Record<string, unknown>)[field] = value;
  }
  if (options.nFft !== undefined && options.winLength === undefined && preset.winLength === preset.nFft) {
    config.winLength = config.nFft;
  }
  config.preset = MEL_CONFIG_FIELDS.every((field) => config[field] === preset[field]) ? presetName : 'custom';
  validateMelConfig(config);
  return config;
}
