/**
 * The log-mel spectrogram, exactly Tacotron 2's `TacotronSTFT.mel_spectrogram` for the `tacotron2`
 * preset (and HiFi-GAN's `mel_spectrogram` for `hifigan`):
 *   1. reflect-pad the signal (frames.ts), cut frames of nFft every hopLength samples;
 *   2. multiply by the periodic Hann window (window.ts), real FFT, bins 0…nFft/2;
 *   3. magnitude sqrt(re² + im² + magnitudeEpsilon) (power 1, not power 2);
 *   4. Slaney-scale, Slaney-normalised mel filterbank (filterbank.ts);
 *   5. natural log of max(x, logFloor).
 * Computed in float64, stored as float32.
 */
import { AudioTooShortError } from '../errors';
import type { CancelSignal } from '../cancel';
import { throwIfCancelled } from '../cancel';
import type { MelConfig } from './config';
import { createRealFft, type RealFft } from './fft';
import { melFilterbank, type MelFilterbank } from './filterbank';
import { frameCount, minSamples, padLength, reflectIndex } from './frames';
import { validateMelConfig } from './validate';
import { paddedPeriodicHann } from './window';

export interface LogMelOptions {
  signal?: CancelSignal;
  /** Called with 0…1 as frames are done. */
  onProgress?: (fraction: number) => void;
}

export interface LogMelResult {
  /** `[nMels, nFrames]` row-major: band m of frame t is `data[m * nFrames + t]`. */
  data: Float32Array;
  nMels: number;
  nFrames: number;
}

/** Frames between cancellation checks and progress reports. */
const FRAMES_PER_CHUNK = 256;

/** Throws AudioTooShortError when the signal cannot fill one frame of this config. */
export function checkLongEnough(nSamples: number, config: MelConfig, note = ''): void {
  const min = minSamples(config);
  if (nSamples < min) {
    const pad = padLength(config);
    throw new AudioTooShortError(
      `audio too short for the STFT: ${nSamples} samples at ${config.sampleRateHz} Hz${note}, the ${config.preset}` +
        ` mel config needs at least ${min} (reflect padding of ${pad} samples, nFft ${config.nFft})`,
    );
  }
}

/** The log-mel spectrogram of mono `samples` at `config.sampleRateHz`. */
export function logMel(samples: Float32Array, config: MelConfig, options: LogMelOptions = {}): LogMelResult {
  validateMelConfig(config);
  checkLongEnough(samples.length, config);
  const bank = melFilterbank(config);
  const nFrames = frameCount(config, samples.length);
  const stage = new FrameStage(config, bank);
  const data = new Float32Array(config.nMels * nFrames);
  for (let start = 0; start < nFrames; start += FRAMES_PER_CHUNK) {
    throwIfCancelled(options.signal, 'the mel spectrogram');
    const end = Math.min(nFrames, start + FRAMES_PER_CHUNK);
    for (let t = start; t < end; t++) stage.frame(samples, t, data, nFrames);
    options.onProgress?.(end / nFrames);
  }
  return { data, nMels: config.nMels, nFrames };
}

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

/** Buffers and tables for one config; `frame` computes one column of the output. */
class FrameStage {
  private readonly fft: RealFft;
  private readonly window: Float64Array;
  private readonly input: Float64Array;
  private readonly spectrum: Float64Array;
  private readonly magnitude: Float64Array;
  private readonly pad: number;

  constructor(
    private readonly config: MelConfig,
    private readonly bank: MelFilterbank,
  ) {
    this.fft = createRealFft(config.nFft);
    this.window = paddedPeriodicHann(config.winLength, config.nFft);
    this.input = new Float64Array(config.nFft);
    this.spectrum = this.fft.createOutput();
    this.magnitude = new Float64Array(bank.nBins);
    this.pad = padLength(config);
  }

  /**
   * Writes frame t's log-mel values into column t of `out` `[nMels, nFrames]`. Frame t covers
   * samples hop·t − pad … hop·t − pad + nFft − 1 of the reflect-padded signal; only frames that
   * reach into the padding go through reflectIndex, so no padded copy is ever made.
   */
  frame(samples: Float32Array, t: number, out: Float32Array, nFrames: number): void {
    const { nFft, hopLength, magnitudeEpsilon, logFloor } = this.config;
    const { input, window, spectrum, magnitude } = this;
    const start = t * hopLength - this.pad;
    if (start >= 0 && start + nFft <= samples.length) windowInterior(samples, start, window, input);
    else windowEdge(samples, start, window, input);
    this.fft.forward(input, spectrum);
    for (let k = 0; k < magnitude.length; k++) {
      const re = spectrum[2 * k]!;
      const im = spectrum[2 * k + 1]!;
      magnitude[k] = Math.sqrt(re * re + im * im + magnitudeEpsilon);
    }
    const { weights, firstBin, endBin, nBins, nMels } = this.bank;
    for (let m = 0; m < nMels; m++) {
      let sum = 0;
      const row = m * nBins;
      for (let k = firstBin[m]!; k < endBin[m]!; k++) sum += weights[row + k]! * magnitude[k]!;
      out[m * nFrames + t] = Math.log(sum > logFloor ? sum : logFloor);
    }
  }
}
