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
