/**
 * The log-mel spectrogram, exactly Tacotron 2's `TacotronSTFT.mel_spectrogram` for the `tacotron2`
 * preset (and HiFi-GAN's `mel_spectrogram` for `hifigan`):
 *   1–3. the STFT magnitude (stft.ts): reflect-pad (frames.ts), frames of nFft every hopLength
 *        samples, periodic Hann window, real FFT, sqrt(re² + im² + magnitudeEpsilon) per bin;
 *   4. Slaney-scale, Slaney-normalised mel filterbank (filterbank.ts);
 *   5. natural log of max(x, logFloor).
 * Computed in float64, stored as float32.
 */
import { AudioTooShortError } from '../errors';
import type { CancelSignal } from '../cancel';
import { throwIfCancelled } from '../cancel';
import type { MelConfig } from './config';
import { melFilterbank, type MelFilterbank } from './filterbank';
import { frameCount, minSamples, padLength } from './frames';
import { StftFrames } from './stft';
import { validateMelConfig } from './validate';

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
  const stft = new StftFrames(config);
  const magnitude = new Float64Array(stft.nBins);
  const data = new Float32Array(config.nMels * nFrames);
  for (let start = 0; start < nFrames; start += FRAMES_PER_CHUNK) {
    throwIfCancelled(options.signal, 'the mel spectrogram');
    const end = Math.min(nFrames, start + FRAMES_PER_CHUNK);
    for (let t = start; t < end; t++) {
      stft.magnitude(samples, t, magnitude);
      projectLogMel(bank, magnitude, config.logFloor, data, t, nFrames);
    }
    options.onProgress?.(end / nFrames);
  }
  return { data, nMels: config.nMels, nFrames };
}

/** Column t of `out` `[nMels, nFrames]`: ln(max(filterbank · magnitude, logFloor)) per band. */
function projectLogMel(
  bank: MelFilterbank,
  magnitude: Float64Array,
  logFloor: number,
  out: Float32Array,
  t: number,
  nFrames: number,
): void {
  const { weights, firstBin, endBin, nBins, nMels } = bank;
  for (let m = 0; m < nMels; m++) {
    let sum = 0;
    const row = m * nBins;
    for (let k = firstBin[m]!; k < endBin[m]!; k++) sum += weights[row + k]! * magnitude[k]!;
    out[m * nFrames + t] = Math.log(sum > logFloor ? sum : logFloor);
  }
}
