/**
 * The spectrogram's axes in physical units: band centre frequencies on the Slaney mel scale and
 * frame times, both derived from the MelConfig the spectrogram carries.
 */
import type { MelConfig } from '../../../shared/mel/config';

const F_SP_HZ = 200 / 3; // Slaney: linear part, Hz per mel
const MIN_LOG_HZ = 1000;
const MIN_LOG_MEL = MIN_LOG_HZ / F_SP_HZ; // 15
const LOG_STEP = Math.log(6.4) / 27;

/** Slaney mel (librosa `htk=False`): linear below 1 kHz, logarithmic above. */
export function hzToMelSlaney(hz: number): number {
  return hz < MIN_LOG_HZ ? hz / F_SP_HZ : MIN_LOG_MEL + Math.log(hz / MIN_LOG_HZ) / LOG_STEP;
}

export function melToHzSlaney(mel: number): number {
  return mel < MIN_LOG_MEL ? mel * F_SP_HZ : MIN_LOG_HZ * Math.exp(LOG_STEP * (mel - MIN_LOG_MEL));
}

/**
 * Centre frequency of each of the `nMels` bands, `[nMels]` in Hz: the filterbank's edges are
 * `nMels + 2` points evenly spaced in mel between fMin and fMax; band i peaks at edge i + 1.
 */
export function bandCentresHz(config: Pick<MelConfig, 'nMels' | 'fMinHz' | 'fMaxHz'>): Float64Array {
  const lo = hzToMelSlaney(config.fMinHz);
  const hi = hzToMelSlaney(config.fMaxHz);
  const step = (hi - lo) / (config.nMels + 1);
  const centres = new Float64Array(config.nMels);
  for (let band = 0; band < config.nMels; band++) centres[band] = melToHzSlaney(lo + step * (band + 1));
  return centres;
}

/**
 * Seconds per frame and the time of frame coordinate 0. A frame t occupies [t, t + 1) in frame
 * coordinates; its centre t + 0.5 is at sample hop·t (`center` padding) or hop·t + hop/2
 * (HiFi-GAN padding, frames half a hop later).
 */
export interface FrameClock {
  secondsPerFrame: number;
  /** Time at frame coordinate 0 (the left edge of frame 0), in seconds. */
  originS: number;
}

export function frameClock(config: Pick<MelConfig, 'hopLength' | 'sampleRateHz' | 'padding'>): FrameClock {
  const secondsPerFrame = config.hopLength / config.sampleRateHz;
  const centreShift = config.padding === 'hifigan' ? 0.5 : 0;
  return { secondsPerFrame, originS: (centreShift - 0.5) * secondsPerFrame };
}

/** Time in seconds at a frame coordinate (fractional frames allowed). */
export function frameToSeconds(clock: FrameClock, frame: number): number {
  return clock.originS + frame * clock.secondsPerFrame;
}

export function secondsToFrame(clock: FrameClock, seconds: number): number {
  return (seconds - clock.originS) / clock.secondsPerFrame;
}

/** `1,020 Hz` below 10 kHz, `7.6 kHz`… for labels and the readout. */
export function formatHz(hz: number): string {
  if (hz < 1000) return `${Math.round(hz)} Hz`;
  if (hz < 10000) return `${(hz / 1000).toFixed(2)} kHz`;
  return `${(hz / 1000).toFixed(1)} kHz`;
}
