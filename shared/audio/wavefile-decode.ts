/**
 * Sample decoding with the `wavefile` package. It is handed a canonical copy of the file (RIFF
 * header, a plain 16-byte `fmt `, `data`) built from a header we have already checked, so odd or
 * broken metadata chunks it does not need can never reach it, and an extensible file reaches it as
 * the plain format its sub-format names.
 */
import { WavFormatError } from '../errors';
import type { ChunkSpan } from './riff';
import { FORMAT_ALAW, FORMAT_MULAW, type WaveFormat } from './wave-format';
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
