/**
 * The mel front end as it was before the streamed one (git history: shared/mel/stft.ts and
 * log-mel.ts before "Mel front end a block of frames at a time"), kept for the bench to time
 * beside the current code in the same run: the whole file decoded by `wavefile` (through a float64
 * copy), fft.js's radix-4 real transform of nFft, all nFft/2 + 1 magnitudes, the float32 filterbank
 * rows read in place and each column written straight into `[nMels, nFrames]`. Resampling is left
 * out (the resampler's arithmetic did not change); this is for 22.05 kHz input.
 */
import FFT from 'fft.js';
import type { MelConfig } from '../../shared/mel/config';
import { melFilterbank } from '../../shared/mel/filterbank';
import { frameCount, padLength, reflectIndex } from '../../shared/mel/frames';
import { paddedPeriodicHann } from '../../shared/mel/window';
import { wavefileMono } from '../helpers/wavefile-oracle';

export function logMelBefore(samples: Float32Array, config: MelConfig): Float32Array {
  const { nFft, hopLength, nMels, magnitudeEpsilon, logFloor } = config;
  const bank = melFilterbank(config);
  const nFrames = frameCount(config, samples.length);
  const fft = new FFT(nFft) as { realTransform(out: Float64Array, input: Float64Array): void };
  const window = paddedPeriodicHann(config.winLength, nFft);
  const input = new Float64Array(nFft);
  const spectrum = new Float64Array(2 * nFft);
  const nBins = nFft / 2 + 1;
  const magnitude = new Float64Array(nBins);
  const data = new Float32Array(nMels * nFrames);
  const pad = padLength(config);
  const n = samples.length;
  for (let t = 0; t < nFrames; t++) {
    const start = t * hopLength - pad;
    if (start >= 0 && start + nFft <= n) {
      for (let i = 0; i < nFft; i++) input[i] = samples[start + i]! * window[i]!;
    } else {
      for (let i = 0; i < nFft; i++) input[i] = samples[reflectIndex(start + i, n)]! * window[i]!;
    }
    fft.realTransform(spectrum, input);
    for (let k = 0; k < nBins; k++) {
      const re = spectrum[2 * k]!;
      const im = spectrum[2 * k + 1]!;
      magnitude[k] = Math.sqrt(re * re + im * im + magnitudeEpsilon);
    }
    for (let m = 0; m < nMels; m++) {
      let sum = 0;
      const row = m * bank.nBins;
      for (let k = bank.firstBin[m]!; k < bank.endBin[m]!; k++) sum += bank.weights[row + k]! * magnitude[k]!;
      data[m * nFrames + t] = Math.log(sum > logFloor ? sum : logFloor);
    }
  }
  return data;
}

/** WAV bytes (at the config's rate) → log-mel, the old way: decode everything, then the mel. */
export function analyzeWavBefore(bytes: Uint8Array, config: MelConfig): Float32Array {
  return logMelBefore(wavefileMono(bytes), config);
}
