/**
 * WAV decoding: bytes → mono float samples at the file's own rate. Integer PCM is scaled the way
 * Tacotron 2 scales int16 (÷ 32768): 8-bit unsigned (x − 128) / 128, 16-bit ÷ 2^15, 24-bit ÷ 2^23,
 * 32-bit ÷ 2^31; A-law and µ-law expand to 16-bit and are scaled like it; float is taken as is.
 * Channels are mixed to mono by their mean.
 */
import { AudioTooLongError, WavFormatError } from '../errors';
import { formatDuration, MAX_AUDIO_SAMPLES } from './limits';
import { readWavLayout } from './riff';
import { PcmDecoder } from './pcm-decode';
import { describeEncoding, parseWaveFormat, type WaveFormat } from './wave-format';

export interface DecodedAudio {
  /** Mono (the mean of the channels), nominally in [−1, 1], at the file's rate. */
  samples: Float32Array;
  /** The file's own rate. */
  sampleRateHz: number;
  nChannels: number;
  /** Samples per channel. */
  nSamples: number;
  /** e.g. `PCM 16-bit`, `IEEE float 32-bit`, `A-law`, `µ-law`. */
  encoding: string;
  /** What the user should know, e.g. `truncated WAV: … 19100 samples (0.866 s) missing …`. */
  warnings: string[];
}

/** What a checked WAV header says, and how to read its samples: nothing decoded yet. */
export interface WavHeader {
  format: WaveFormat;
  /** e.g. `PCM 16-bit`, `IEEE float 32-bit`, `A-law`, `µ-law`. */
  encoding: string;
  /** Whole frames present (samples per channel); at most MAX_AUDIO_SAMPLES. */
  nFrames: number;
  /** Reads any range of those frames as mono float32. */
  decoder: PcmDecoder;
  /** What the user should know, e.g. a data chunk cut short. */
  warnings: string[];
}

/** Checks a WAV's container and `fmt ` and sizes its data. Throws WavFormatError saying what was found. */
export function readWavHeader(bytes: Uint8Array): WavHeader {
  const layout = readWavLayout(bytes);
  const format = parseWaveFormat(bytes, layout.fmt, layout.littleEndian);
  const encoding = describeEncoding(format);
  const truncated = layout.data.size < layout.declaredDataSize;
  if (layout.data.size < format.blockAlign) {
    const cut = truncated
      ? ` (it declares ${layout.declaredDataSize} bytes, but the file ends after ${layout.data.size})`
      : '';
    throw new WavFormatError(`the WAV's data chunk holds no samples (${encoding})${cut}`);
  }
  if (!truncated && layout.data.size % format.blockAlign !== 0) {
    throw new WavFormatError(
      `malformed WAV: the data chunk holds ${layout.data.size} bytes, not a whole number of` +
        ` ${format.blockAlign}-byte frames (${format.nChannels} channel(s) × ${format.bitsPerSample}-bit)`,
    );
  }
  const nFrames = Math.floor(layout.data.size / format.blockAlign);
  if (nFrames > MAX_AUDIO_SAMPLES) {
    const duration = formatDuration(nFrames / format.sampleRateHz);
    throw new AudioTooLongError(
      `the WAV holds ${nFrames} samples per channel (${duration} at ${format.sampleRateHz} Hz); ` +
        `at most ${MAX_AUDIO_SAMPLES} are read`,
    );
  }
  const warnings = truncated ? [truncationWarning(layout.declaredDataSize, nFrames, format)] : [];
  const decoder = new PcmDecoder(bytes, format, layout.data.offset, layout.littleEndian);
  return { format, encoding, nFrames, decoder, warnings };
}

/** Decodes a whole WAV file. Throws WavFormatError saying what was found when it cannot. */
export function parseWav(bytes: Uint8Array): DecodedAudio {
  const { format, encoding, nFrames, decoder, warnings } = readWavHeader(bytes);
  const samples = new Float32Array(nFrames);
  decoder.decode(0, samples);
  return {
    samples,
    sampleRateHz: format.sampleRateHz,
    nChannels: format.nChannels,
    nSamples: samples.length,
    encoding,
    warnings,
  };
}

/**
 * `truncated WAV: the data chunk declares 88200 bytes (44100 samples) but the file ends after 25000
 * samples: 19100 samples (0.866 s) missing; reading the 25000 there are` (samples per channel).
 */
function truncationWarning(declaredBytes: number, nFrames: number, format: WaveFormat): string {
  const declaredFrames = Math.floor(declaredBytes / format.blockAlign);
  const missing = declaredFrames - nFrames;
  const seconds = (missing / format.sampleRateHz).toFixed(3);
  return (
    `truncated WAV: the data chunk declares ${declaredBytes} bytes (${declaredFrames} samples) but the file ends ` +
    `after ${nFrames} samples: ${missing} samples (${seconds} s) missing; reading the ${nFrames} there are`
  );
}
