/**
 * The short-time Fourier transform magnitude, frame by frame, as `torch.stft(..., center=…,
 * pad_mode='reflect', onesided=True)` followed by `sqrt(re² + im² + magnitudeEpsilon)` computes it
 * (power 1, not power 2). Frame t covers samples hop·t − pad … hop·t − pad + nFft − 1 of the
 * reflect-padded signal (frames.ts); the periodic Hann window of winLength is centred in nFft
 * (window.ts). Computed in float64 (real-fft.ts).
 */
import type { MelConfig } from './config';
import { padLength, reflectIndex } from './frames';
import { RealFftPlan } from './real-fft';
import { paddedPeriodicHann } from './window';

/** What the STFT of one frame depends on. */
export type StftConfig = Pick<MelConfig, 'nFft' | 'winLength' | 'hopLength' | 'padding' | 'magnitudeEpsilon'>;

/**
 * Part of a signal held in memory: `samples[i]` is sample `start + i` of a signal of `length`
 * samples. The whole signal is `{ samples, start: 0, length: samples.length }`.
 */
export interface SignalWindow {
  samples: Float32Array;
  start: number;
  length: number;
}

/** Buffers and tables for one config; `magnitude` computes one frame's `nBins = nFft / 2 + 1` magnitudes. */
export class StftFrames {
  readonly nBins: number;
  private readonly fft: RealFftPlan;
  private readonly window: Float64Array;
  private readonly input: Float64Array;
  private readonly re: Float64Array;
  private readonly im: Float64Array;
  private readonly pad: number;

  constructor(private readonly config: StftConfig) {
    this.nBins = config.nFft / 2 + 1;
    this.fft = new RealFftPlan(config.nFft);
    this.window = paddedPeriodicHann(config.winLength, config.nFft);
    this.input = new Float64Array(config.nFft);
    this.re = new Float64Array(this.nBins);
    this.im = new Float64Array(this.nBins);
    this.pad = padLength(config);
  }

  /**
   * Writes frame t's magnitudes for bins 0…nBins − 1 (default all) into `out`. `signal` is the whole
   * signal, or a window of it holding every sample the frame reads, reflections included (the
   * caller's job: log-mel.ts). Only frames that reach into the padding go through reflectIndex,
   * so no padded copy of the signal is ever made.
   */
  magnitude(signal: Float32Array | SignalWindow, t: number, out: Float64Array, nBins = this.nBins): void {
    const {
      samples,
      start: held,
      length: n,
    } = signal instanceof Float32Array ? { samples: signal, start: 0, length: signal.length } : signal;
    const { nFft, hopLength, magnitudeEpsilon } = this.config;
    const { input, window, re, im } = this;
    const start = t * hopLength - this.pad;
    if (start >= 0 && start + nFft <= n) {
      this.fft.forwardWindowed(samples, start - held, window, re, im, nBins);
    } else {
      for (let i = 0; i < nFft; i++) input[i] = samples[reflectIndex(start + i, n) - held]! * window[i]!;
      this.fft.forward(input, re, im, nBins);
    }
    for (let k = 0; k < nBins; k++) {
      const r = re[k]!;
      const s = im[k]!;
      out[k] = Math.sqrt(r * r + s * s + magnitudeEpsilon);
    }
  }
}
