import type { MelConfig } from './mel/config';

/** Where a spectrogram's numbers came from, for headers, sidecars and error messages. */
export interface SpectrogramSource {
  /** File name as the user knows it (no directories). */
  name: string;
  kind: 'wav' | 'npy';
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
