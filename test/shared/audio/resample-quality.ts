/**
 * Measures a resampler with pure sines: passband ripple (how far the gain of in-band sines strays
 * from 0 dB) and stopband attenuation (the level of the aliases or images it lets through).
 * Used by the resampler tests and by `npm run bench`, which prints the numbers docs/mel.md quotes.
 */
import { resample } from '../../../shared/audio/resample';
import type { SincFilter } from '../../../shared/audio/sinc-kernel';

/** Amplitude of the `hz` component, by a Hann-windowed projection (sidelobes far below −200 dB here). */
export function toneAmplitude(x: Float32Array, hz: number, rateHz: number): number {
  let s = 0;
  let c = 0;
  let wSum = 0;
  const n = x.length;
  for (let i = 0; i < n; i++) {
    const w = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / n);
    const phase = (2 * Math.PI * hz * i) / rateHz;
    s += w * x[i]! * Math.sin(phase);
    c += w * x[i]! * Math.cos(phase);
    wSum += w;
  }
  return (2 * Math.hypot(s, c)) / wSum;
}

function sineAt(hz: number, rateHz: number, seconds: number): Float32Array {
  return Float32Array.from({ length: Math.round(rateHz * seconds) }, (_, n) =>
    Math.sin((2 * Math.PI * hz * n) / rateHz),
  );
}

/** Where a tone at `hz` in the input shows up unwanted in the output (alias or image), or null. */
function unwantedHz(hz: number, fromHz: number, toHz: number): number | null {
  if (fromHz > toHz) {
    // Downsampling: an input tone above the new Nyquist folds to toHz − hz (and so on).
    if (hz <= toHz / 2) return null;
    let f = hz % toHz;
    if (f > toHz / 2) f = toHz - f;
    return f;
  }
  // Upsampling: the first image of hz sits at fromHz − hz; above the new Nyquist it folds back.
  const image = fromHz - hz;
  return image <= toHz / 2 ? image : toHz - image;
}

export interface ResamplerQuality {
  fromHz: number;
  toHz: number;
  /** Max |gain| in dB over sines from 50 Hz to passbandEdgeHz. */
  passbandRippleDb: number;
  passbandEdgeHz: number;
  /** The loudest alias/image, in dB relative to the input tone (negative: attenuation). */
  worstStopbandDb: number;
  worstStopbandToneHz: number;
  /** Stopband: aliases or images at or beyond this fraction of the lower Nyquist frequency. */
  stopbandFraction: number;
}

export interface MeasureOptions {
  filter?: SincFilter;
  /** The passband runs from 50 Hz to this fraction of the lower Nyquist (default 0.9). */
  passbandFraction?: number;
  /** Stopband tones put their alias/image beyond this fraction of the lower Nyquist (default 1.05). */
  stopbandFraction?: number;
  /** Tones per band (default 24). */
  nTones?: number;
}

/**
 * Sweeps tones through `resample`. Passband: tones up to `passbandFraction` of the lower Nyquist.
 * Stopband: downsampling, input tones from `stopbandFraction` × the new Nyquist up (their aliases);
 * upsampling, input tones whose first image lies beyond `stopbandFraction` × the old Nyquist.
 */
export function measureResampler(
  fromHz: number,
  toHz: number,
  options: MeasureOptions = {},
): ResamplerQuality {
  const { filter, passbandFraction = 0.9, stopbandFraction = 1.05, nTones = 24 } = options;
  const lowerNyquist = Math.min(fromHz, toHz) / 2;
  const seconds = 1;
  const margin = Math.ceil(toHz * 0.05);
  const trim = (y: Float32Array) => y.subarray(margin, y.length - margin);
  const passbandEdgeHz = passbandFraction * lowerNyquist;
  let passbandRippleDb = 0;
  for (let i = 0; i < nTones; i++) {
    const hz = 50 + ((passbandEdgeHz - 50) * i) / (nTones - 1);
    const y = trim(resample(sineAt(hz, fromHz, seconds), fromHz, toHz, { filter }));
    passbandRippleDb = Math.max(passbandRippleDb, Math.abs(20 * Math.log10(toneAmplitude(y, hz, toHz))));
  }
  const stopbandStartHz = fromHz > toHz ? (toHz / 2) * stopbandFraction : 50;
  const stopbandEndHz = fromHz > toHz ? fromHz / 2 - 50 : (fromHz / 2) * (2 - stopbandFraction);
  let worstStopbandDb = -Infinity;
  let worstStopbandToneHz = NaN;
  for (let i = 0; i < nTones; i++) {
    const hz = stopbandStartHz + ((stopbandEndHz - stopbandStartHz) * i) / (nTones - 1);
    const target = unwantedHz(hz, fromHz, toHz);
    if (target === null || Math.abs(target - hz) < 200) continue;
    const y = trim(resample(sineAt(hz, fromHz, seconds), fromHz, toHz, { filter }));
    const db = 20 * Math.log10(toneAmplitude(y, target, toHz) + 1e-300);
    if (db > worstStopbandDb) {
      worstStopbandDb = db;
      worstStopbandToneHz = hz;
    }
  }
  return {
    fromHz,
    toHz,
    passbandRippleDb,
    passbandEdgeHz,
    worstStopbandDb,
    worstStopbandToneHz,
    stopbandFraction,
  };
}
