/**
 * The complex STFT a mel config analyses with, and its inverse (torch.stft / torch.istft semantics),
 * for turning mel spectrograms back into sound.
 *
 * - Window: the config's periodic Hann of winLength, centred in nFft (shared/mel/window.ts).
 * - Padding: reflect, padLength(config) samples each side (nFft/2 for `center`, (nFft − hop)/2 for
 *   `hifigan`), frame t starting at t·hop − pad, exactly as the log-mel reads frames.
 * - Spectra: one-sided, bins 0…nFft/2, X[k] = Σ x[n]·w[n]·e^(−2πikn/nFft), unnormalised.
 * - Inverse: overlap-add of w·irfft(X) over the padded signal, divided by Σ w² (where above 1e-11),
 *   the pad cut from both ends; DC and Nyquist imaginary parts are ignored as irfft ignores them.
 * Two real frames share one complex FFT (x_a + i·x_b), which halves the transforms.
 * Spectra are `[nFrames, nBins]` of interleaved re, im: bin k of frame t at `2·(t·nBins + k)`.
 */
import { ShapeMismatchError } from '../errors';
import type { MelConfig } from '../mel/config';
import { createComplexFft, type ComplexFft } from '../mel/fft';
import { padLength, reflectIndex } from '../mel/frames';
import { paddedPeriodicHann } from '../mel/window';

export type StftConfig = Pick<MelConfig, 'nFft' | 'hopLength' | 'winLength' | 'padding'>;

export interface StftGeometry {
  nFft: number;
  hopLength: number;
  /** nFft / 2 + 1 one-sided bins. */
  nBins: number;
  /** Reflect padding on each side, samples. */
  pad: number;
  /** The analysis (and synthesis) window, nFft long. */
  window: Float64Array;
}

export function stftGeometry(config: StftConfig): StftGeometry {
  return {
    nFft: config.nFft,
    hopLength: config.hopLength,
    nBins: config.nFft / 2 + 1,
    pad: padLength(config),
    window: paddedPeriodicHann(config.winLength, config.nFft),
  };
}

/**
 * Samples of the signal an iSTFT of nFrames frames gives: hop·(nFrames − 1) + nFft − 2·pad, the
 * shortest signal whose STFT has nFrames frames (hop·(T − 1) for `center`, hop·T for HiFi-GAN's).
 */
export function signalLength(geometry: StftGeometry, nFrames: number): number {
  return geometry.hopLength * (nFrames - 1) + geometry.nFft - 2 * geometry.pad;
}

/** Σ_t w²[n − t·hop] over the padded signal (length hop·(nFrames − 1) + nFft): the iSTFT's divisor. */
export function windowEnvelope(geometry: StftGeometry, nFrames: number): Float64Array {
  const { nFft, hopLength, window } = geometry;
  const envelope = new Float64Array(hopLength * (nFrames - 1) + nFft);
  for (let t = 0; t < nFrames; t++) {
    const start = t * hopLength;
    for (let n = 0; n < nFft; n++) envelope[start + n] = envelope[start + n]! + window[n]! * window[n]!;
  }
  return envelope;
}

/** Buffers for transforming frames two at a time; one per geometry and caller. */
export class FramePairTransform {
  private readonly fft: ComplexFft;
  private readonly z: Float64Array;
  private readonly spectrum: Float64Array;

  constructor(private readonly geometry: StftGeometry) {
    this.fft = createComplexFft(geometry.nFft);
    this.z = new Float64Array(2 * geometry.nFft);
    this.spectrum = new Float64Array(2 * geometry.nFft);
  }

  /**
   * The spectra of frames t and t + 1 of `signal` into `outA`, `outB` (2·nBins each); with
   * `hasB` false only frame t is read and `outB` is left alone.
   */
  analyze(signal: Float32Array, t: number, outA: Float64Array, outB: Float64Array, hasB: boolean): void {
    const { nFft, hopLength, pad, window, nBins } = this.geometry;
    const { z, spectrum } = this;
    const n = signal.length;
    const startA = t * hopLength - pad;
    const startB = startA + hopLength;
    const endB = hasB ? startB + nFft : startA + nFft;
    if (startA >= 0 && endB <= n) {
      // Both frames inside the signal: no reflection (most frames).
      for (let i = 0; i < nFft; i++) {
        z[2 * i] = signal[startA + i]! * window[i]!;
        z[2 * i + 1] = hasB ? signal[startB + i]! * window[i]! : 0;
      }
    } else {
      for (let i = 0; i < nFft; i++) {
        z[2 * i] = signal[reflectIndex(startA + i, n)]! * window[i]!;
        z[2 * i + 1] = hasB ? signal[reflectIndex(startB + i, n)]! * window[i]! : 0;
      }
    }
    this.fft.forward(z, spectrum);
    for (let k = 0; k < nBins; k++) {
      const j = k === 0 ? 0 : nFft - k;
      const zr = spectrum[2 * k]!;
      const zi = spectrum[2 * k + 1]!;
      const wr = spectrum[2 * j]!;
      const wi = spectrum[2 * j + 1]!;
      outA[2 * k] = 0.5 * (zr + wr);
      outA[2 * k + 1] = 0.5 * (zi - wi);
      if (hasB) {
        outB[2 * k] = 0.5 * (zi + wi);
        outB[2 * k + 1] = 0.5 * (wr - zr);
      }
    }
  }

  /**
   * Adds w·irfft(specA) at frame t and w·irfft(specB) at frame t + 1 (when `hasB`) into `padded`,
   * the overlap-add buffer over the padded signal.
   */
  synthesize(specA: Float64Array, specB: Float64Array, hasB: boolean, t: number, padded: Float64Array): void {
    const { nFft, hopLength, window, nBins } = this.geometry;
    const { z, spectrum } = this;
    const last = nBins - 1;
    for (let k = 0; k < nBins; k++) {
      const edge = k === 0 || k === last;
      const ar = specA[2 * k]!;
      const ai = edge ? 0 : specA[2 * k + 1]!;
      const br = hasB ? specB[2 * k]! : 0;
      const bi = hasB && !edge ? specB[2 * k + 1]! : 0;
      spectrum[2 * k] = ar - bi;
      spectrum[2 * k + 1] = ai + br;
      if (k > 0 && k < last) {
        const j = nFft - k;
        spectrum[2 * j] = ar + bi;
        spectrum[2 * j + 1] = br - ai;
      }
    }
    this.fft.inverse(spectrum, z);
    const startA = t * hopLength;
    for (let i = 0; i < nFft; i++) padded[startA + i] = padded[startA + i]! + z[2 * i]! * window[i]!;
    if (!hasB) return;
    const startB = startA + hopLength;
    for (let i = 0; i < nFft; i++) padded[startB + i] = padded[startB + i]! + z[2 * i + 1]! * window[i]!;
  }
}

/** The STFT of `signal` (nFrames as the log-mel counts them), `[nFrames, nBins]` interleaved re, im. */
export function stft(signal: Float32Array, geometry: StftGeometry, nFrames: number): Float64Array {
  const { nBins } = geometry;
  const out = new Float64Array(2 * nFrames * nBins);
  const transform = new FramePairTransform(geometry);
  for (let t = 0; t < nFrames; t += 2) {
    const hasB = t + 1 < nFrames;
    const a = out.subarray(2 * t * nBins, 2 * (t + 1) * nBins);
    const b = hasB ? out.subarray(2 * (t + 1) * nBins, 2 * (t + 2) * nBins) : a;
    transform.analyze(signal, t, a, b, hasB);
  }
  return out;
}

/** The iSTFT of `[nFrames, nBins]` interleaved spectra: signalLength(geometry, nFrames) samples. */
export function istft(spectra: Float64Array, geometry: StftGeometry, nFrames: number): Float32Array {
  const { nBins } = geometry;
  if (spectra.length !== 2 * nFrames * nBins) {
    throw new ShapeMismatchError(
      `istft: spectra hold ${spectra.length} values, expected 2 × nFrames ${nFrames} × nBins ${nBins}`,
    );
  }
  const padded = new Float64Array(geometry.hopLength * (nFrames - 1) + geometry.nFft);
  const transform = new FramePairTransform(geometry);
  for (let t = 0; t < nFrames; t += 2) {
    const hasB = t + 1 < nFrames;
    const a = spectra.subarray(2 * t * nBins, 2 * (t + 1) * nBins);
    const b = hasB ? spectra.subarray(2 * (t + 1) * nBins, 2 * (t + 2) * nBins) : a;
    transform.synthesize(a, b, hasB, t, padded);
  }
  return normalizeOverlapAdd(padded, windowEnvelope(geometry, nFrames), geometry, nFrames);
}

/** The signal from an overlap-add buffer: divided by the window envelope, the pad cut off. */
export function normalizeOverlapAdd(
  padded: Float64Array,
  envelope: Float64Array,
  geometry: StftGeometry,
  nFrames: number,
  out: Float32Array = new Float32Array(signalLength(geometry, nFrames)),
): Float32Array {
  for (let i = 0; i < out.length; i++) {
    const e = envelope[geometry.pad + i]!;
    out[i] = e > 1e-11 ? padded[geometry.pad + i]! / e : padded[geometry.pad + i]!;
  }
  return out;
}
