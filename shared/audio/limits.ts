/**
 * Caps on what a WAV header may declare (docs/mel.md, "Limits"), checked before any sample buffer
 * is allocated. The data chunk's size is always checked against the bytes present (riff.ts); these
 * stop a small file whose rate or length would be multiplied into billions of samples.
 */

/**
 * Lowest sample rate read from a WAV header. Telephone audio is 8000 Hz; a header saying 1–10 Hz
 * would otherwise be "resampled" up to thousands of times its length (a 100 KB file at 2 Hz is
 * 550 million samples at 22050 Hz).
 */
export const MIN_WAV_SAMPLE_RATE_HZ = 1000;

/** Highest: the mel front end's own limit (768 kHz is the highest rate in use). */
export { MAX_SAMPLE_RATE_HZ as MAX_WAV_SAMPLE_RATE_HZ } from '../mel/limits';

/**
 * Most samples a signal may have, decoded or resampled: 2^28 float32 values is 1 GiB, 3.4 hours
 * at 22050 Hz (an hour of 48 kHz audio is 173 million).
 */
export const MAX_AUDIO_SAMPLES = 2 ** 28;

/** `3.4 h`, `12 min`, `45 s`: a length of audio as a person reads it. */
export function formatDuration(seconds: number): string {
  if (seconds >= 3600) return `${(seconds / 3600).toFixed(1)} h`;
  if (seconds >= 60) return `${Math.round(seconds / 60)} min`;
  return `${seconds.toFixed(1)} s`;
}
