/**
 * WAV decoding: bytes → mono float samples at the file's own rate. Integer PCM is scaled the way
 * Tacotron 2 scales int16 (÷ 32768): 8-bit unsigned (x − 128) / 128, 16-bit ÷ 2^15, 24-bit ÷ 2^23,
 * 32-bit ÷ 2^31; A-law and µ-law expand to 16-bit and are scaled like it; float is taken as is.
 * Channels are mixed to mono by their mean.
 */
import { AudioTooLongError, WavFormatError } from '../errors';
import { formatDuration, MAX_AUDIO_SAMPLES } from './limits';
import { readWavLayout } from './riff';
import {
  FORMAT_ALAW,
  FORMAT_IEEE_FLOAT,
  FORMAT_MULAW,
  FORMAT_PCM,
  describeEncoding,
  parseWaveFormat,
  type WaveFormat,
} from './wave-format';
import { decodeInterleaved } from './wavefile-decode';

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

/** `value · scale + offset` maps a stored sample to [−1, 1]. */
function sampleScaling(format: WaveFormat): { scale: number; offset: number } {
  switch (format.formatTag) {
    case FORMAT_PCM:
      if (format.bitsPerSample === 8) return { scale: 1 / 128, offset: -1 };
      return { scale: 2 ** -(format.bitsPerSample - 1), offset: 0 };
    case FORMAT_ALAW:
    case FORMAT_MULAW:
      return { scale: 1 / 32768, offset: 0 };
    case FORMAT_IEEE_FLOAT:
      return { scale: 1, offset: 0 };
    default:
      throw new WavFormatError(`no sample scaling for format tag ${format.formatTag}`);
  }
}

/**
 * Mixes interleaved `[frames, nChannels]` into `mono` from frame `firstFrame` on, scaling each
 * value; rejects NaN and ±Inf, naming the sample.
 */
function mixToMono(
  interleaved: Float64Array,
  format: WaveFormat,
  mono: Float32Array,
  firstFrame: number,
): void {
  const { nChannels, sampleRateHz } = format;
  const nFrames = interleaved.length / nChannels;
  const { scale, offset } = sampleScaling(format);
  const meanScale = scale / nChannels;
  for (let i = 0, j = 0; i < nFrames; i++) {
    let sum = 0;
    for (let c = 0; c < nChannels; c++, j++) {
      const value = interleaved[j]!;
      if (!Number.isFinite(value)) {
        const sample = firstFrame + i;
        const channel = nChannels > 1 ? `, channel ${c} of ${nChannels}` : '';
        const timeS = (sample / sampleRateHz).toFixed(3);
        throw new WavFormatError(
          `the WAV's float data holds ${value} at sample ${sample} (${timeS} s${channel}); audio must be finite`,
        );
      }
      sum += value;
    }
    mono[firstFrame + i] = sum * meanScale + offset;
  }
}

/** Values (frames × channels) decoded per wavefile call: bounds the float64 scratch to 2 MiB. */
const VALUES_PER_CHUNK = 1 << 18;

/** Decodes a WAV file. Throws WavFormatError saying what was found when it cannot. */
export function parseWav(bytes: Uint8Array): DecodedAudio {
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
  const samples = new Float32Array(nFrames);
  const framesPerChunk = Math.max(1, Math.floor(VALUES_PER_CHUNK / format.nChannels));
  for (let first = 0; first < nFrames; first += framesPerChunk) {
    const count = Math.min(framesPerChunk, nFrames - first);
    const span = { offset: layout.data.offset + first * format.blockAlign, size: count * format.blockAlign };
    mixToMono(decodeInterleaved(bytes, format, span, layout.littleEndian), format, samples, first);
  }
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
