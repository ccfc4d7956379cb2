/**
 * WAV bytes → the mono audio its mel was made from: decoded (channels averaged, as parseWav does
 * for the mel) and resampled to the mel config's rate when the file's differs. The window plays
 * this, so what is heard is exactly what was analysed. Errors name the file.
 */
import type { AudioClip } from '../api/contract';
import { resample } from '../audio/resample';
import { parseWav } from '../audio/wav';
import type { CancelSignal } from '../cancel';
import { withSource } from '../errors';

export interface PlaybackAudioOptions {
  signal?: CancelSignal;
  onProgress?: (fraction: number) => void;
}

/** Share of the progress bar decoding gets; resampling has the rest. */
const DECODED = 0.2;

export function playbackAudio(
  bytes: Uint8Array,
  name: string,
  sampleRateHz: number,
  options: PlaybackAudioOptions = {},
): AudioClip {
  const { signal, onProgress } = options;
  try {
    const decoded = parseWav(bytes);
    onProgress?.(DECODED);
    const samples =
      decoded.sampleRateHz === sampleRateHz
        ? decoded.samples
        : resample(decoded.samples, decoded.sampleRateHz, sampleRateHz, {
            signal,
            onProgress: (f) => onProgress?.(DECODED + (1 - DECODED) * f),
          });
    onProgress?.(1);
    return { sampleRateHz, samples };
  } catch (error) {
    throw withSource(name, error);
  }
}
