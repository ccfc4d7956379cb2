/**
 * Griffin-Lim: a waveform whose STFT magnitude matches a given one, by alternating projections,
 * with the momentum of the fast Griffin-Lim algorithm (Perraudin, Balazs & Søndergaard 2013),
 * formulated as torchaudio.functional.griffinlim does:
 *   x₀ = istft(|S|·φ₀);  for i < iterations:  R = stft(xᵢ);  c = R − (α / (1 + α))·R_prev;
 *   φ = c / (|c| + 1e-16);  R_prev = R;  xᵢ₊₁ = istft(|S|·φ)
 * (R_prev = 0 at first). The STFT and its inverse are the mel config's own (stft.ts: periodic
 * Hann, reflect padding, `center` or HiFi-GAN framing), and the result has
 * signalLength(nFrames) samples at the config's rate. Deterministic: φ₀ is zero phase (φ₀ = 1) by
 * default, or uniform phases from a SeededRandom seed.
 * Memory: |S| and R_prev as float32 (12 bytes per bin per frame) plus a few signal-length buffers.
 */
import { AudioTooShortError, PostnetError } from '../errors';
import { throwIfCancelled, type CancelSignal } from '../cancel';
import type { MelConfig } from '../mel/config';
import { minSamples } from '../mel/frames';
import { SeededRandom } from '../model/rng';
import { melToMagnitude, type MelInversion } from './mel-inverse';
import {
  FramePairTransform,
  normalizeOverlapAdd,
  signalLength,
  stftGeometry,
  windowEnvelope,
  type StftGeometry,
} from './stft';

export type PhaseInit = 'zeros' | 'random';

/** A mel longer than one Griffin-Lim call takes (MAX_GRIFFIN_LIM_BINS). */
export class MelTooLongError extends PostnetError {}

export interface GriffinLimOptions {
  /** Projection rounds (default 60; the app offers 32–100). */
  iterations?: number;
  /** Perraudin's α in [0, 1) (default 0.99, torchaudio's `momentum`); 0 is plain Griffin-Lim. */
  momentum?: number;
  /** Starting phase (default `zeros`). */
  init?: PhaseInit;
  /** Seed of the `random` start (default 1234). */
  seed?: number;
  /** How the mel becomes magnitudes (default `nnls`; see mel-inverse.ts). */
  melInversion?: MelInversion;
  signal?: CancelSignal;
  /** Called with 0…1: the mel inversion is the first 5 %, the iterations the rest. */
  onProgress?: (fraction: number) => void;
}

export const DEFAULT_GRIFFIN_LIM_ITERATIONS = 60;
export const MAX_GRIFFIN_LIM_ITERATIONS = 1000;
export const DEFAULT_MOMENTUM = 0.99;
/**
 * Most bins (frames × (nFft/2 + 1)) one call takes: 64 Mi bins hold 768 MiB of |S| and R_prev
 * (25 minutes of the tacotron2 preset). Checked before anything is allocated.
 */
export const MAX_GRIFFIN_LIM_BINS = 64 * 1024 * 1024;
const INVERSION_SHARE = 0.05;

export type GriffinLimConfig = Pick<
  MelConfig,
  'preset' | 'sampleRateHz' | 'nFft' | 'hopLength' | 'winLength' | 'padding' | 'nMels' | 'fMinHz' | 'fMaxHz'
>;

/** The fewest frames Griffin-Lim can invert with a config: its STFT must reflect-pad the result. */
export function minGriffinLimFrames(config: GriffinLimConfig): number {
  const geometry = stftGeometry(config);
  const min = minSamples(config);
  let nFrames = 1;
  while (signalLength(geometry, nFrames) < min) nFrames++;
  return nFrames;
}

/** Mono float samples at config.sampleRateHz whose mel approximates `logMel` `[nMels, nFrames]`. */
export function griffinLim(
  logMel: Float32Array,
  nFrames: number,
  config: GriffinLimConfig,
  options: GriffinLimOptions = {},
): Float32Array {
  const iterations = checkOptions(options);
  const min = minGriffinLimFrames(config);
  if (nFrames < min) {
    throw new AudioTooShortError(
      `griffin-lim: a mel of ${nFrames} frames is too short for the ${config.preset} STFT ` +
        `(nFft ${config.nFft}, hop ${config.hopLength}): it needs at least ${min} frames`,
    );
  }
  checkSize(nFrames, config);
  const magnitude = melToMagnitude(logMel, nFrames, config, {
    method: options.melInversion ?? 'nnls',
    signal: options.signal,
    onProgress: (f) => options.onProgress?.(INVERSION_SHARE * f),
  });
  return griffinLimFromMagnitude(magnitude, nFrames, stftGeometry(config), { ...options, iterations });
}

function checkSize(nFrames: number, config: GriffinLimConfig): void {
  const nBins = config.nFft / 2 + 1;
  if (nFrames * nBins <= MAX_GRIFFIN_LIM_BINS) return;
  const maxFrames = Math.floor(MAX_GRIFFIN_LIM_BINS / nBins);
  const minutes = (maxFrames * config.hopLength) / config.sampleRateHz / 60;
  throw new MelTooLongError(
    `griffin-lim: a mel of ${nFrames} frames is too long to invert at once: at most ${maxFrames} frames ` +
      `(${minutes.toFixed(1)} min at hop ${config.hopLength}, ${config.sampleRateHz} Hz); cut it into parts`,
  );
}

function checkOptions(options: GriffinLimOptions): number {
  const iterations = options.iterations ?? DEFAULT_GRIFFIN_LIM_ITERATIONS;
  if (!Number.isInteger(iterations) || iterations < 0 || iterations > MAX_GRIFFIN_LIM_ITERATIONS) {
    throw new RangeError(
      `griffin-lim: iterations must be an integer from 0 to ${MAX_GRIFFIN_LIM_ITERATIONS}, got ${iterations}`,
    );
  }
  const momentum = options.momentum ?? DEFAULT_MOMENTUM;
  if (!(momentum >= 0 && momentum < 1)) {
    throw new RangeError(`griffin-lim: momentum must be in [0, 1), got ${momentum}`);
  }
  return iterations;
}

/** Griffin-Lim from linear magnitudes `[nFrames, nBins]` (frame-major). */
export function griffinLimFromMagnitude(
  magnitude: Float32Array,
  nFrames: number,
  geometry: StftGeometry,
  options: GriffinLimOptions = {},
): Float32Array {
  const iterations = checkOptions(options);
  const alpha = options.momentum ?? DEFAULT_MOMENTUM;
  const state = new LoopState(magnitude, nFrames, geometry, alpha / (1 + alpha));
  state.start(options.init ?? 'zeros', options.seed ?? 1234);
  for (let i = 0; i < iterations; i++) {
    throwIfCancelled(options.signal, 'Griffin-Lim');
    state.iterate();
    options.onProgress?.(INVERSION_SHARE + (1 - INVERSION_SHARE) * ((i + 1) / iterations));
  }
  if (iterations === 0) options.onProgress?.(1);
  return state.signal;
}

/** The loop's buffers: |S|, R_prev, the current signal, and an overlap-add buffer. */
class LoopState {
  readonly signal: Float32Array;
  private readonly previous: Float32Array;
  private readonly padded: Float64Array;
  private readonly envelope: Float64Array;
  private readonly transform: FramePairTransform;
  private readonly specA: Float64Array;
  private readonly specB: Float64Array;

  constructor(
    private readonly magnitude: Float32Array,
    private readonly nFrames: number,
    private readonly geometry: StftGeometry,
    private readonly weight: number,
  ) {
    this.signal = new Float32Array(signalLength(geometry, nFrames));
    this.previous = new Float32Array(2 * nFrames * geometry.nBins);
    this.padded = new Float64Array(geometry.hopLength * (nFrames - 1) + geometry.nFft);
    this.envelope = windowEnvelope(geometry, nFrames);
    this.transform = new FramePairTransform(geometry);
    this.specA = new Float64Array(2 * geometry.nBins);
    this.specB = new Float64Array(2 * geometry.nBins);
  }

  /** x₀ = istft(|S|·φ₀). */
  start(init: PhaseInit, seed: number): void {
    const { nBins } = this.geometry;
    const { magnitude, specA, specB, nFrames } = this;
    const rng = init === 'random' ? new SeededRandom(seed) : null;
    this.padded.fill(0);
    for (let t = 0; t < nFrames; t += 2) {
      const hasB = t + 1 < nFrames;
      for (let f = 0; f < (hasB ? 2 : 1); f++) {
        const spec = f === 0 ? specA : specB;
        const base = (t + f) * nBins;
        for (let k = 0; k < nBins; k++) {
          const phase = rng ? 2 * Math.PI * rng.nextUnit() : 0;
          spec[2 * k] = magnitude[base + k]! * Math.cos(phase);
          spec[2 * k + 1] = magnitude[base + k]! * Math.sin(phase);
        }
      }
      this.transform.synthesize(specA, specB, hasB, t, this.padded);
    }
    normalizeOverlapAdd(this.padded, this.envelope, this.geometry, nFrames, this.signal);
  }

  /**
   * One round: R = stft(x), the momentum step, the phase of the result on |S|, x = istft. The
   * signal is replaced only after every frame of it has been analysed.
   */
  iterate(): void {
    const { specA, specB, nFrames, transform, padded, signal } = this;
    padded.fill(0);
    for (let t = 0; t < nFrames; t += 2) {
      const hasB = t + 1 < nFrames;
      transform.analyze(signal, t, specA, specB, hasB);
      this.project(t, specA);
      if (hasB) this.project(t + 1, specB);
      transform.synthesize(specA, specB, hasB, t, padded);
    }
    normalizeOverlapAdd(padded, this.envelope, this.geometry, nFrames, signal);
  }

  /** spec ← |S_t| · c / (|c| + 1e-16), c = spec − weight·R_prev,t; R_prev,t ← spec (frame t). */
  private project(t: number, spec: Float64Array): void {
    const { nBins } = this.geometry;
    const { magnitude, previous, weight } = this;
    const base = 2 * t * nBins;
    const magBase = t * nBins;
    for (let k = 0; k < nBins; k++) {
      const re = spec[2 * k]!;
      const im = spec[2 * k + 1]!;
      const cr = re - weight * previous[base + 2 * k]!;
      const ci = im - weight * previous[base + 2 * k + 1]!;
      previous[base + 2 * k] = re;
      previous[base + 2 * k + 1] = im;
      const scale = magnitude[magBase + k]! / (Math.sqrt(cr * cr + ci * ci) + 1e-16);
      spec[2 * k] = cr * scale;
      spec[2 * k + 1] = ci * scale;
    }
  }
}
