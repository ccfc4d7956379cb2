/**
 * The log-mel spectrogram, exactly Tacotron 2's `TacotronSTFT.mel_spectrogram` for the `tacotron2`
 * preset (and HiFi-GAN's `mel_spectrogram` for `hifigan`):
 *   1–3. the STFT magnitude (stft.ts): reflect-pad (frames.ts), frames of nFft every hopLength
 *        samples, periodic Hann window, real FFT, sqrt(re² + im² + magnitudeEpsilon) per bin;
 *   4. Slaney-scale, Slaney-normalised mel filterbank (filterbank.ts);
 *   5. natural log of max(x, logFloor).
 * Computed in float64, stored as float32, a block of frames at a time from a SampleSource
 * (shared/audio/source.ts), so a long file is never held whole as samples.
 */
import { arraySource, type SampleSource } from '../audio/source';
import { AudioTooLongError, AudioTooShortError } from '../errors';
import type { CancelSignal } from '../cancel';
import { throwIfCancelled } from '../cancel';
import type { MelConfig } from './config';
import { melFilterbank, type MelFilterbank } from './filterbank';
import { frameCount, minSamples, padLength } from './frames';
import { StftFrames } from './stft';
import { MAX_MEL_VALUES } from './limits';
import { validateMelConfig } from './validate';

export interface LogMelOptions {
  signal?: CancelSignal;
  /** Called with 0…1 as frames are done. */
  onProgress?: (fraction: number) => void;
  /**
   * Frames computed per block (default FRAMES_PER_BLOCK): the samples of one block are all that is
   * read from the source at a time. Any value gives the same numbers, bit for bit.
   */
  framesPerBlock?: number;
  /** Called after each block with the frames `[start, end)` now written into `data`. */
  onFrames?: (start: number, end: number, data: Float32Array) => void;
  /**
   * Only frames `[start, end)` of the signal's (default all): the result is then
   * `[nMels, end − start]`, the same numbers as those columns of the whole (for work split by
   * time: threads, or only the part of a long file that is on screen).
   */
  frames?: { start: number; end: number };
}

export interface LogMelResult {
  /** `[nMels, nFrames]` row-major: band m of frame t is `data[m * nFrames + t]`. */
  data: Float32Array;
  nMels: number;
  nFrames: number;
}

/**
 * Frames per block: 1024 frames at hop 256 read 263,000 samples (1 MiB of float32) and take
 * ~10 ms; the nFft − hop samples two blocks share are read twice (0.3 %).
 */
export const FRAMES_PER_BLOCK = 1024;

/** Samples a default block may read: fewer frames per block when the hop is long. */
const MAX_BLOCK_SAMPLES = 1 << 20;

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

/** Throws AudioTooLongError when `[nMels, nFrames]` would hold more than MAX_MEL_VALUES. */
export function checkMelSize(nSamples: number, config: MelConfig): void {
  const nFrames = frameCount(config, nSamples);
  if (config.nMels * nFrames > MAX_MEL_VALUES) {
    throw new AudioTooLongError(
      `the mel spectrogram of ${nSamples} samples would be [${config.nMels}, ${nFrames}] = ` +
        `${config.nMels * nFrames} values; at most ${MAX_MEL_VALUES} are held (use a larger hop or fewer bands)`,
    );
  }
}

/** The log-mel spectrogram of mono `samples` at `config.sampleRateHz`. */
export function logMel(samples: Float32Array, config: MelConfig, options: LogMelOptions = {}): LogMelResult {
  return logMelOfSource(arraySource(samples), config, options);
}

/**
 * The samples frames `[t0, t1)` read, reflections included: `[from, to)` of a signal of n. A frame
 * reaching before sample 0 reads its mirror image up to sample −lo; one reaching past the end reads
 * down to 2(n − 1) − (hi − 1), which stays ≥ 0 because the pad is shorter than the signal.
 */
function blockRange(
  config: Pick<MelConfig, 'hopLength' | 'nFft' | 'padding'>,
  n: number,
  t0: number,
  t1: number,
): { from: number; to: number } {
  const lo = t0 * config.hopLength - padLength(config);
  const hi = (t1 - 1) * config.hopLength - padLength(config) + config.nFft;
  let from = Math.max(0, lo);
  let to = Math.min(n, hi);
  if (lo < 0) to = Math.max(to, Math.min(n, 1 - lo));
  if (hi > n) from = Math.min(from, 2 * (n - 1) - (hi - 1));
  return { from, to };
}

/**
 * The log-mel spectrogram of a source of mono samples at `config.sampleRateHz`, a block of frames
 * at a time: only the block's samples are held, never the whole signal.
 */
export function logMelOfSource(
  source: SampleSource,
  config: MelConfig,
  options: LogMelOptions = {},
): LogMelResult {
  validateMelConfig(config);
  checkLongEnough(source.length, config);
  checkMelSize(source.length, config);
  // By default a block holds at most ~1 M samples, however long the hop.
  const fitting = Math.max(1, Math.floor((MAX_BLOCK_SAMPLES - config.nFft) / config.hopLength) + 1);
  const framesPerBlock = options.framesPerBlock ?? Math.min(FRAMES_PER_BLOCK, fitting);
  if (!Number.isInteger(framesPerBlock) || framesPerBlock < 1) {
    throw new RangeError(`framesPerBlock must be a positive integer, got ${framesPerBlock}`);
  }
  const n = source.length;
  const bank = melFilterbank(config);
  const sparse = sparseBank(bank);
  const nFrames = frameCount(config, n);
  const first = options.frames?.start ?? 0;
  const last = options.frames?.end ?? nFrames;
  if (!Number.isInteger(first) || !Number.isInteger(last) || first < 0 || last > nFrames || first >= last) {
    throw new RangeError(`frames ${first}…${last} are not a range of the signal's ${nFrames} frames`);
  }
  const outFrames = last - first;
  const stft = new StftFrames(config);
  // Bins above the highest band's last are never weighted: their magnitudes are not computed.
  const nBins = Math.max(...bank.endBin, 1);
  const magnitude = new Float64Array(stft.nBins);
  const data = new Float32Array(config.nMels * outFrames);
  const held = new Float32Array(Math.min(n, (framesPerBlock - 1) * config.hopLength + config.nFft));
  // A block's columns are gathered here, `[nMels, framesPerBlock]`, then copied row by row: writing
  // straight into `data` would touch nMels pages of a long file's output for every frame.
  const blockFrames = Math.min(framesPerBlock, outFrames);
  const columns = new Float32Array(config.nMels * blockFrames);
  for (let t0 = first; t0 < last; t0 += framesPerBlock) {
    throwIfCancelled(options.signal, 'the mel spectrogram');
    const t1 = Math.min(last, t0 + framesPerBlock);
    const { from, to } = blockRange(config, n, t0, t1);
    const samples = held.subarray(0, to - from);
    source.read(from, samples);
    const window = { samples, start: from, length: n };
    const count = t1 - t0;
    for (let t = t0; t < t1; t++) {
      stft.magnitude(window, t, magnitude, nBins);
      projectLogMel(sparse, magnitude, config.logFloor, columns, t - t0, count);
    }
    for (let m = 0; m < config.nMels; m++) {
      data.set(columns.subarray(m * count, (m + 1) * count), m * outFrames + t0 - first);
    }
    options.onFrames?.(t0, t1, data);
    options.onProgress?.((t1 - first) / outFrames);
  }
  return { data, nMels: config.nMels, nFrames: outFrames };
}

/**
 * The filterbank's non-zero weights band after band, as float64 (the float32 values librosa stores,
 * widened once): band m weighs bins firstBin[m]… with weights[start[m] … start[m + 1] − 1].
 */
interface SparseBank {
  nMels: number;
  firstBin: Int32Array;
  start: Int32Array;
  weights: Float64Array;
}

function sparseBank(bank: MelFilterbank): SparseBank {
  const { nMels, nBins, firstBin, endBin } = bank;
  const start = new Int32Array(nMels + 1);
  for (let m = 0; m < nMels; m++) start[m + 1] = start[m]! + Math.max(0, endBin[m]! - firstBin[m]!);
  const weights = new Float64Array(start[nMels]!);
  for (let m = 0; m < nMels; m++) {
    for (let i = 0; i < start[m + 1]! - start[m]!; i++) {
      weights[start[m]! + i] = bank.weights[m * nBins + firstBin[m]! + i]!;
    }
  }
  return { nMels, firstBin, start, weights };
}

/** Column t of `out` `[nMels, nFrames]`: ln(max(filterbank · magnitude, logFloor)) per band. */
function projectLogMel(
  bank: SparseBank,
  magnitude: Float64Array,
  logFloor: number,
  out: Float32Array,
  t: number,
  nFrames: number,
): void {
  const { weights, firstBin, start, nMels } = bank;
  for (let m = 0; m < nMels; m++) {
    let sum = 0;
    const end = start[m + 1]!;
    for (let i = start[m]!, k = firstBin[m]!; i < end; i++, k++) sum += weights[i]! * magnitude[k]!;
    out[m * nFrames + t] = Math.log(sum > logFloor ? sum : logFloor);
  }
}
