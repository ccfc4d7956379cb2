/**
 * WAV bytes → log-mel spectrogram: decode, resample to the config's rate when the file's differs,
 * analyse. Errors name the file.
 */
import type { AudioInfo } from '../api/contract';
import { resample } from '../audio/resample';
import { parseWav } from '../audio/wav';
import type { CancelSignal } from '../cancel';
import { withSource } from '../errors';
import type { MelConfig } from '../mel/config';
import { checkLongEnough, logMel } from '../mel/log-mel';
import type { Spectrogram } from '../spectrogram';

export interface AnalyzeOptions {
  signal?: CancelSignal;
  onProgress?: (fraction: number) => void;
}

export interface AnalyzedWav {
  audio: AudioInfo;
  mel: Spectrogram;
  /** What the decoder noticed, e.g. a data chunk cut short (`truncated WAV: … missing`). */
  warnings: string[];
}

/** Share of the progress bar each stage gets. */
const DECODED = 0.1;
const RESAMPLED = 0.4;

export function analyzeWav(
  bytes: Uint8Array,
  name: string,
  config: MelConfig,
  options: AnalyzeOptions = {},
): AnalyzedWav {
  const { signal, onProgress } = options;
  try {
    const decoded = parseWav(bytes);
    onProgress?.(DECODED);
    const needsResampling = decoded.sampleRateHz !== config.sampleRateHz;
    const samples = needsResampling
      ? resample(decoded.samples, decoded.sampleRateHz, config.sampleRateHz, {
          signal,
          onProgress: (f) => onProgress?.(DECODED + (RESAMPLED - DECODED) * f),
        })
      : decoded.samples;
    const melStart = needsResampling ? RESAMPLED : DECODED;
    const note = needsResampling ? ` (${decoded.nSamples} at ${decoded.sampleRateHz} Hz in the file)` : '';
    checkLongEnough(samples.length, config, note);
    const mel = logMel(samples, config, {
      signal,
      onProgress: (f) => onProgress?.(melStart + (1 - melStart) * f),
    });
    const audio: AudioInfo = {
      encoding: decoded.encoding,
      sampleRateHz: decoded.sampleRateHz,
      nChannels: decoded.nChannels,
      nSamples: decoded.nSamples,
      durationS: decoded.nSamples / decoded.sampleRateHz,
    };
    const warnings = decoded.warnings.map((text) => `${name}: ${text}`);
    return { audio, mel: { ...mel, config, source: { name, kind: 'wav' } }, warnings };
  } catch (error) {
    throw withSource(name, error);
  }
}
