/**
 * How STFT frames are laid over a signal of N samples (torch.stft conventions).
 * - `center` (Tacotron 2, torchaudio center=True): reflect-pad nFft/2 on both sides;
 *   T = N // hop + 1; frame t is centred on sample hop·t. Needs N > nFft/2.
 * - `hifigan` (HiFi-GAN meldataset.py): reflect-pad (nFft − hop) // 2 on both sides, then frames
 *   with center=False; T = 1 + (N + 2·pad − nFft) // hop (= N // hop for its settings).
 * Reflect padding mirrors without repeating the edge sample: x[−1] = x[1], x[N] = x[N − 2].
 */
import type { MelConfig } from './config';

export type FrameConfig = Pick<MelConfig, 'nFft' | 'hopLength' | 'padding'>;

/** Samples of reflect padding on each side. */
export function padLength(config: FrameConfig): number {
  return config.padding === 'center' ? config.nFft / 2 : Math.floor((config.nFft - config.hopLength) / 2);
}

/**
 * Where frame t's analysis window is centred, in samples of the unpadded signal (may be
 * fractional): the frame starts at t·hop − pad, and the window sits (nFft − winLength) // 2 into
 * it with its centre of symmetry winLength/2 further (a periodic Hann w[n] = w[winLength − n]).
 * `center`: hop·t. `hifigan`: hop·t − (nFft − hop) // 2 + nFft/2, i.e. hop·(t + ½) when nFft − hop
 * is even (the preset's 1024/256), half a sample later when it is odd.
 */
export function frameCentreSample(config: FrameConfig & Pick<MelConfig, 'winLength'>, t: number): number {
  const windowCentre = Math.floor((config.nFft - config.winLength) / 2) + config.winLength / 2;
  return t * config.hopLength - padLength(config) + windowCentre;
}

/** Frames of a signal of nSamples (assumes nSamples ≥ minSamples). */
export function frameCount(config: FrameConfig, nSamples: number): number {
  const padded = nSamples + 2 * padLength(config);
  return 1 + Math.floor((padded - config.nFft) / config.hopLength);
}

/**
 * The fewest samples the config can analyse: reflect padding needs more samples than the pad, and
 * the padded signal must hold one whole frame.
 */
export function minSamples(config: FrameConfig): number {
  const pad = padLength(config);
  return Math.max(pad + 1, config.nFft - 2 * pad);
}

/**
 * Index into the unpadded signal of position `j` of the reflect-padded one (j counted from the
 * signal's first sample, so −pad ≤ j < n + pad): −j before the start, 2(n − 1) − j past the end.
 * One reflection suffices because the pad is shorter than the signal (see minSamples).
 */
export function reflectIndex(j: number, n: number): number {
  if (j < 0) return -j;
  if (j >= n) return 2 * (n - 1) - j;
  return j;
}
