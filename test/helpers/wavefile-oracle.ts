/**
 * The decoder the app used before shared/audio/pcm-decode.ts, kept as a test oracle: the `wavefile`
 * package decodes a canonical copy of the file (RIFF header, a plain 16-byte `fmt `, `data`) built
 * from the header we checked, and the values are mixed to mono as wav.ts documents.
 */
import { WavFormatError } from '../../shared/errors';
import { readWavLayout, type ChunkSpan } from '../../shared/audio/riff';
import {
  FORMAT_ALAW,
  FORMAT_IEEE_FLOAT,
  FORMAT_MULAW,
  FORMAT_PCM,
  parseWaveFormat,
  type WaveFormat,
} from '../../shared/audio/wave-format';
import { WaveFile } from './wavefile-interop';

function canonicalWav(
  bytes: Uint8Array,
  format: WaveFormat,
  data: ChunkSpan,
  littleEndian: boolean,
): Uint8Array {
  const headerBytes = 12 + 8 + 16 + 8;
  const out = new Uint8Array(headerBytes + data.size);
  const view = new DataView(out.buffer);
  const ascii = (offset: number, text: string) => {
    for (let i = 0; i < 4; i++) out[offset + i] = text.charCodeAt(i);
  };
  ascii(0, littleEndian ? 'RIFF' : 'RIFX');
  view.setUint32(4, out.length - 8, littleEndian);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, littleEndian);
  view.setUint16(20, format.formatTag, littleEndian);
  view.setUint16(22, format.nChannels, littleEndian);
  view.setUint32(24, format.sampleRateHz, littleEndian);
  view.setUint32(28, format.sampleRateHz * format.blockAlign, littleEndian);
  view.setUint16(32, format.blockAlign, littleEndian);
  view.setUint16(34, format.bitsPerSample, littleEndian);
  ascii(36, 'data');
  view.setUint32(40, data.size, littleEndian);
  out.set(bytes.subarray(data.offset, data.offset + data.size), headerBytes);
  return out;
}

/**
 * The file's samples, interleaved, as the integers or floats stored in it (8-bit PCM unsigned
 * 0…255; A-law and µ-law expanded to 16-bit integers).
 */
export function decodeInterleaved(
  bytes: Uint8Array,
  format: WaveFormat,
  data: ChunkSpan,
  littleEndian: boolean,
): Float64Array {
  try {
    const wav = new WaveFile(canonicalWav(bytes, format, data, littleEndian));
    if (format.formatTag === FORMAT_ALAW) wav.fromALaw();
    if (format.formatTag === FORMAT_MULAW) wav.fromMuLaw();
    return wav.getSamples(true, Float64Array);
  } catch (error) {
    // The header was checked above, so this should not happen; if it does, say so plainly.
    const reason = error instanceof Error ? error.message : String(error);
    throw new WavFormatError(`cannot decode the WAV samples: ${reason}`);
  }
}

function scaling(format: WaveFormat): { scale: number; offset: number } {
  if (format.formatTag === FORMAT_PCM) {
    return format.bitsPerSample === 8
      ? { scale: 1 / 128, offset: -1 }
      : { scale: 2 ** -(format.bitsPerSample - 1), offset: 0 };
  }
  if (format.formatTag === FORMAT_IEEE_FLOAT) return { scale: 1, offset: 0 };
  return { scale: 1 / 32768, offset: 0 };
}

/** A (checked) WAV's whole-frame samples, mono float32, decoded by wavefile. */
export function wavefileMono(bytes: Uint8Array): Float32Array {
  const layout = readWavLayout(bytes);
  const format = parseWaveFormat(bytes, layout.fmt, layout.littleEndian);
  const nFrames = Math.floor(layout.data.size / format.blockAlign);
  const span = { offset: layout.data.offset, size: nFrames * format.blockAlign };
  const values = decodeInterleaved(bytes, format, span, layout.littleEndian);
  const { scale, offset } = scaling(format);
  const mono = new Float32Array(nFrames);
  for (let i = 0, j = 0; i < nFrames; i++) {
    let sum = 0;
    for (let c = 0; c < format.nChannels; c++, j++) sum += values[j]!;
    mono[i] = sum * (scale / format.nChannels) + offset;
  }
  return mono;
}
