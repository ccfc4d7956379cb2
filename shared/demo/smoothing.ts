/**
 * The demo's stand-in for what a Tacotron 2 decoder does to a mel: over-smoothing. The clean
 * log-mel is blurred exactly as the demo post-net's training input was
 * (training/demo-postnet/train.py): scipy.ndimage.gaussian_filter(mel, sigma=(1.0, 2.0),
 * mode='nearest'), σ 1 band across frequency and 2 frames across time, on `[nMels, nFrames]`.
 */
import { ShapeMismatchError } from '../errors';
import type { Spectrogram } from '../spectrogram';
import { gaussianFilter2d } from './gaussian-filter';

/** [across bands, across frames], as scipy's sigma=(1.0, 2.0) on `[bands, frames]`. */
export const DECODER_SMOOTHING_SIGMA: readonly [number, number] = Object.freeze([1, 2]) as readonly [
  number,
  number,
];

/** What the demo calls the smoothed mel, in pane headers and sidecars. */
export const DECODER_SMOOTHING_LABEL = 'smoothed like a decoder (Gaussian σ 1 band × 2 frames)';

/** The smoothed copy of a log-mel `[nMels, nFrames]` (float32, a new array). */
export function smoothLikeDecoder(data: Float32Array, nMels: number, nFrames: number): Float32Array {
  return gaussianFilter2d(data, nMels, nFrames, DECODER_SMOOTHING_SIGMA);
}

/** The same for a Spectrogram: the same config, frames and source, smoothed data. */
export function smoothSpectrogramLikeDecoder(mel: Spectrogram): Spectrogram {
  return { ...mel, data: smoothLikeDecoder(mel.data, mel.nMels, mel.nFrames) };
}

/**
 * Mean squared error of `estimate` to `clean` (both `[nMels, nFrames]`) over the cells where
 * clean > floor (default −9: near the ln(1e-5) floor the log is rounding noise), and how many.
 */
export function maskedMse(
  estimate: Float32Array,
  clean: Float32Array,
  floor = -9,
): { mse: number; cells: number; sumSquared: number } {
  if (estimate.length !== clean.length) {
    throw new ShapeMismatchError(
      `maskedMse: the estimate has ${estimate.length} values, the clean mel ${clean.length}`,
    );
  }
  let sumSquared = 0;
  let cells = 0;
  for (let i = 0; i < clean.length; i++) {
    if (!(clean[i]! > floor)) continue;
    const d = estimate[i]! - clean[i]!;
    sumSquared += d * d;
    cells++;
  }
  return { mse: cells > 0 ? sumSquared / cells : 0, cells, sumSquared };
}
