/**
 * WAV bytes → log-mel spectrogram: decode, resample to the config's rate when the file's differs,
 * analyse. Errors name the file.
 */
import type { AudioInfo } from '../api/contract';
import { resampledSource } from '../audio/resample';
import { wavSource } from '../audio/source';
import { readWavHeader } from '../audio/wav';
import type { CancelSignal } from '../cancel';
import { withSource } from '../errors';
import type { MelConfig } from '../mel/config';
import { minSamples } from '../mel/frames';
import { checkLongEnough, logMelOfSource, type LogMelOptions } from '../mel/log-mel';
import type { Spectrogram } from '../spectrogram';

export interface AnalyzeOptions {
  signal?: CancelSignal;
  onProgress?: (fraction: number) => void;
  /** Frames per block (log-mel.ts's FRAMES_PER_BLOCK unless given); the numbers do not depend on it. */
  framesPerBlock?: number;
  /** Called as each block of mel frames `[start, end)` is written into `data` (see logMelOfSource). */
  onFrames?: LogMelOptions['onFrames'];
}

export interface AnalyzedWav {
  audio: AudioInfo;
  mel: Spectrogram;
  /** What the decoder noticed, e.g. a data chunk cut short (`truncated WAV: … missing`). */
  warnings: string[];
}

/**
 * Decoding, resampling and the mel run together a block of frames at a time (logMelOfSource reads
 * a block's samples from the resampler, which decodes just the input they need from the bytes):
 * the samples are never all held, at the file's rate or the config's. The result is the one the
 * whole arrays give, bit for bit (test/shared/pipeline/analyze-blocks.test.ts).
 */
export function analyzeWav(
  bytes: Uint8Array,
  name: string,
  config: MelConfig,
  options: AnalyzeOptions = {},
): AnalyzedWav {
  try {
    const header = readWavHeader(bytes);
    const fileHz = header.format.sampleRateHz;
    const decoded = wavSource(header);
    const needsResampling = fileHz !== config.sampleRateHz;
    const samples = needsResampling ? resampledSource(decoded, fileHz, config.sampleRateHz) : decoded;
    const note = needsResampling ? ` (${header.nFrames} at ${fileHz} Hz in the file)` : '';
    if (samples.length < minSamples(config)) {
      // Too short to analyse, so small: decode it all first, and bad data is named before the length.
      header.decoder.decode(0, new Float32Array(header.nFrames));
    }
    checkLongEnough(samples.length, config, note);
    const { signal, onProgress, framesPerBlock, onFrames } = options;
    const mel = logMelOfSource(samples, config, { signal, onProgress, framesPerBlock, onFrames });
    const audio: AudioInfo = {
      encoding: header.encoding,
      sampleRateHz: fileHz,
      nChannels: header.format.nChannels,
      nSamples: header.nFrames,
      durationS: header.nFrames / fileHz,
    };
    const warnings = header.warnings.map((text) => `${name}: ${text}`);
    return { audio, mel: { ...mel, config, source: { name, kind: 'wav' } }, warnings };
  } catch (error) {
    throw withSource(name, error);
  }
}
