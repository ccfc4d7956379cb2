/**
 * The spectrogram's axes in physical units: band centre frequencies on the Slaney mel scale and
 * frame times, both derived from the MelConfig the spectrogram carries.
 */
import type { MelConfig } from '../../../shared/mel/config';
import { bandEdgesHz } from '../../../shared/mel/filterbank';
import { frameCentreSample } from '../../../shared/mel/frames';

/**
 * Centre frequency of each of the `nMels` bands, `[nMels]` in Hz: band i peaks at edge i + 1 of
 * the filterbank's `nMels + 2` edges.
 */
export function bandCentresHz(config: Pick<MelConfig, 'nMels' | 'fMinHz' | 'fMaxHz'>): Float64Array {
  return bandEdgesHz(config.nMels, config.fMinHz, config.fMaxHz).slice(1, config.nMels + 1);
}

/**
 * Seconds per frame and the time of frame coordinate 0. A frame t occupies [t, t + 1) in frame
 * coordinates; its centre t + 0.5 is at its window's centre, `frameCentreSample(config, t)`
 * (sample hop·t for `center` padding, about half a hop later for HiFi-GAN's).
 */
export interface FrameClock {
  secondsPerFrame: number;
  /** Time at frame coordinate 0 (the left edge of frame 0), in seconds. */
  originS: number;
}

export function frameClock(
  config: Pick<MelConfig, 'hopLength' | 'sampleRateHz' | 'padding' | 'nFft' | 'winLength'>,
): FrameClock {
  const secondsPerFrame = config.hopLength / config.sampleRateHz;
  return {
    secondsPerFrame,
    originS: frameCentreSample(config, 0) / config.sampleRateHz - 0.5 * secondsPerFrame,
  };
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
