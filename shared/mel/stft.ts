/**
 * The short-time Fourier transform magnitude, frame by frame, as `torch.stft(..., center=…,
 * pad_mode='reflect', onesided=True)` followed by `sqrt(re² + im² + magnitudeEpsilon)` computes it
 * (power 1, not power 2). Frame t covers samples hop·t − pad … hop·t − pad + nFft − 1 of the
 * reflect-padded signal (frames.ts); the periodic Hann window of winLength is centred in nFft
 * (window.ts). Computed in float64.
 */
import type { MelConfig } from './config';
import { createRealFft, type RealFft } from './fft';
import { padLength, reflectIndex } from './frames';
import { paddedPeriodicHann } from './window';

/** What the STFT of one frame depends on. */
export type StftConfig = Pick<MelConfig, 'nFft' | 'winLength' | 'hopLength' | 'padding' | 'magnitudeEpsilon'>;

/** input[i] = samples[start + i] · window[i], for a frame wholly inside the signal. */
function windowInterior(
  samples: Float32Array,
  start: number,
  window: Float64Array,
  input: Float64Array,
): void {
  for (let i = 0; i < input.length; i++) input[i] = samples[start + i]! * window[i]!;
}

/** The same for a frame reaching into the reflect padding. */
function windowEdge(samples: Float32Array, start: number, window: Float64Array, input: Float64Array): void {
  const n = samples.length;
  for (let i = 0; i < input.length; i++) input[i] = samples[reflectIndex(start + i, n)]! * window[i]!;
}

/** Buffers and tables for one config; `magnitude` computes one frame's `nBins = nFft / 2 + 1` magnitudes. */
export class StftFrames {
  readonly nBins: number;
  private readonly fft: RealFft;
  private readonly window: Float64Array;
  private readonly input: Float64Array;
  private readonly spectrum: Float64Array;
  private readonly pad: number;

  constructor(private readonly config: StftConfig) {
    this.nBins = config.nFft / 2 + 1;
    this.fft = createRealFft(config.nFft);
    this.window = paddedPeriodicHann(config.winLength, config.nFft);
    this.input = new Float64Array(config.nFft);
    this.spectrum = this.fft.createOutput();
    this.pad = padLength(config);
  }

  /**
   * Writes frame t's magnitudes into `out` (length nBins). Only frames that reach into the padding
   * go through reflectIndex, so no padded copy of the signal is ever made.
   */
  magnitude(samples: Float32Array, t: number, out: Float64Array): void {
    const { nFft, hopLength, magnitudeEpsilon } = this.config;
    const { input, window, spectrum } = this;
    const start = t * hopLength - this.pad;
    if (start >= 0 && start + nFft <= samples.length) windowInterior(samples, start, window, input);
    else windowEdge(samples, start, window, input);
    this.fft.forward(input, spectrum);
    for (let k = 0; k < this.nBins; k++) {
      const re = spectrum[2 * k]!;
      const im = spectrum[2 * k + 1]!;
      out[k] = Math.sqrt(re * re + im * im + magnitudeEpsilon);
    }
  }
}
