import type { MelConfig } from './mel/config';

/**
 * Where an `.npy` spectrogram's mel settings came from: the array carries none, so they are
 * assumed (the preset or settings it was read with), read from the sidecar JSON our exports write
 * beside it (`X.npy.json`), or given by the user for this input (see shared/pipeline/npy-settings.ts).
 */
export type NpySettingsOrigin = { from: 'assumed' } | { from: 'sidecar'; file: string } | { from: 'given' };

/** Where a spectrogram's numbers came from, for headers, sidecars and error messages. */
export interface SpectrogramSource {
  /** File name as the user knows it (no directories). */
  name: string;
  kind: 'wav' | 'npy';
  /** For an `.npy`: where `config` came from. Absent for a WAV, whose config made it. */
  settings?: NpySettingsOrigin;
}

/**
 * A log-mel spectrogram: `data` is `[nMels, nFrames]` row-major (channels first, like PyTorch and
 * the vocoders), so band b of frame t is `data[b * nFrames + t]`.
 */
export interface Spectrogram {
  data: Float32Array;
  nMels: number;
  nFrames: number;
  config: MelConfig;
  source: SpectrogramSource;
}
