/**
 * The `fmt ` chunk: which codec, how many channels, what rate, how samples are packed. Parsed and
 * checked here so that the decoder only ever sees a header whose numbers agree with each other.
 */
import { WavFormatError } from '../errors';
import { MAX_WAV_SAMPLE_RATE_HZ, MIN_WAV_SAMPLE_RATE_HZ } from './limits';
import type { ChunkSpan } from './riff';

export const FORMAT_PCM = 0x0001;
export const FORMAT_IEEE_FLOAT = 0x0003;
export const FORMAT_ALAW = 0x0006;
export const FORMAT_MULAW = 0x0007;
const FORMAT_EXTENSIBLE = 0xfffe;

/** Names of format tags people meet in the wild, for "unsupported codec" messages. */
const FORMAT_NAMES: Readonly<Record<number, string>> = {
  0x0001: 'PCM',
  0x0002: 'Microsoft ADPCM',
  0x0003: 'IEEE float',
  0x0006: 'A-law',
  0x0007: 'µ-law',
  0x0011: 'IMA ADPCM',
  0x0016: 'ITU G.723 ADPCM',
  0x0031: 'GSM 6.10',
  0x0040: 'ITU G.721 ADPCM',
  0x0050: 'MPEG',
  0x0055: 'MPEG Layer 3 (MP3)',
  0x0092: 'Dolby AC-3 SPDIF',
  0x00ff: 'AAC',
  0x1610: 'HE-AAC',
  0x2000: 'Dolby AC-3',
  0x674f: 'Ogg Vorbis',
  0xf1ac: 'FLAC',
  0xfffe: 'WAVE_FORMAT_EXTENSIBLE',
};

/** `0x0002 (Microsoft ADPCM)` */
function describeFormatTag(tag: number): string {
  const hex = `0x${tag.toString(16).padStart(4, '0')}`;
  return `${hex} (${FORMAT_NAMES[tag] ?? 'unknown codec'})`;
}

/** The decoded `fmt ` chunk. For WAVE_FORMAT_EXTENSIBLE, `formatTag` is the sub-format's tag. */
export interface WaveFormat {
  formatTag: number;
  extensible: boolean;
  nChannels: number;
  sampleRateHz: number;
  /** Bytes per frame (one sample of every channel). */
  blockAlign: number;
  /** Bits each sample occupies in the file (8, 16, 24, 32, 64). */
  bitsPerSample: number;
  /** Bits that carry signal; less than bitsPerSample only in extensible files (e.g. 20 in 24). */
  validBitsPerSample: number;
}

/** The KSDATAFORMAT_SUBTYPE GUID tail shared by PCM, float, A-law and µ-law sub-formats. */
const SUBFORMAT_GUID_TAIL = [
  0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71,
];

const SUPPORTED =
  'supported: PCM 8/16/24/32-bit, IEEE float 32/64-bit, A-law, µ-law; convert with: sox in.wav -b 16 out.wav';

/** Reads and checks the `fmt ` chunk; throws WavFormatError naming the field and its value. */
export function parseWaveFormat(bytes: Uint8Array, span: ChunkSpan, littleEndian: boolean): WaveFormat {
  if (span.size < 16) {
    throw new WavFormatError(`truncated WAV: the 'fmt ' chunk has ${span.size} bytes, it needs at least 16`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset + span.offset, span.size);
  const tag = view.getUint16(0, littleEndian);
  const format: WaveFormat = {
    formatTag: tag,
    extensible: tag === FORMAT_EXTENSIBLE,
    nChannels: view.getUint16(2, littleEndian),
    sampleRateHz: view.getUint32(4, littleEndian),
    blockAlign: view.getUint16(12, littleEndian),
    bitsPerSample: view.getUint16(14, littleEndian),
    validBitsPerSample: view.getUint16(14, littleEndian),
  };
  if (format.extensible) readExtension(bytes, span, view, littleEndian, format);
  checkWaveFormat(format);
  return format;
}

function readExtension(
  bytes: Uint8Array,
  span: ChunkSpan,
  view: DataView,
  littleEndian: boolean,
  format: WaveFormat,
): void {
  if (span.size < 40) {
    throw new WavFormatError(
      `truncated WAV: a WAVE_FORMAT_EXTENSIBLE 'fmt ' chunk needs 40 bytes, it has ${span.size}`,
    );
  }
  format.validBitsPerSample = view.getUint16(18, littleEndian) || format.bitsPerSample;
  format.formatTag = view.getUint16(24, littleEndian);
  const tail = bytes.subarray(span.offset + 26, span.offset + 40);
  if (!SUBFORMAT_GUID_TAIL.every((b, i) => tail[i] === b)) {
    throw new WavFormatError(
      `unsupported WAV codec: WAVE_FORMAT_EXTENSIBLE with a non-standard sub-format GUID; ${SUPPORTED}`,
    );
  }
  if (format.validBitsPerSample > format.bitsPerSample) {
    throw new WavFormatError(
      `invalid WAV header: ${format.validBitsPerSample} valid bits in ${format.bitsPerSample}-bit samples`,
    );
  }
}

function supportedBits(tag: number): readonly number[] {
  switch (tag) {
    case FORMAT_PCM:
      return [8, 16, 24, 32];
    case FORMAT_IEEE_FLOAT:
      return [32, 64];
    case FORMAT_ALAW:
    case FORMAT_MULAW:
      return [8];
    default:
      return [];
  }
}

function checkWaveFormat(format: WaveFormat): void {
  const bits = supportedBits(format.formatTag);
  const codec = describeFormatTag(format.formatTag);
  const where = format.extensible ? ' inside WAVE_FORMAT_EXTENSIBLE' : '';
  if (bits.length === 0)
    throw new WavFormatError(`unsupported WAV codec: format tag ${codec}${where}; ${SUPPORTED}`);
  if (!bits.includes(format.bitsPerSample)) {
    throw new WavFormatError(
      `unsupported WAV sample size: ${format.bitsPerSample}-bit ${FORMAT_NAMES[format.formatTag]}${where}; ${SUPPORTED}`,
    );
  }
  if (format.nChannels === 0) throw new WavFormatError('invalid WAV header: the fmt chunk says 0 channels');
  if (format.sampleRateHz === 0) throw new WavFormatError('invalid WAV header: the fmt chunk says 0 Hz');
  if (format.sampleRateHz < MIN_WAV_SAMPLE_RATE_HZ || format.sampleRateHz > MAX_WAV_SAMPLE_RATE_HZ) {
    throw new WavFormatError(
      `unsupported WAV sample rate: the fmt chunk says ${format.sampleRateHz} Hz; rates from ` +
        `${MIN_WAV_SAMPLE_RATE_HZ} to ${MAX_WAV_SAMPLE_RATE_HZ} Hz are read (telephone audio is 8000 Hz)`,
    );
  }
  const expectedAlign = (format.nChannels * format.bitsPerSample) / 8;
  if (format.blockAlign !== expectedAlign) {
    throw new WavFormatError(
      `invalid WAV header: blockAlign is ${format.blockAlign} bytes, expected ${expectedAlign}` +
        ` for ${format.nChannels} channel(s) of ${format.bitsPerSample}-bit samples`,
    );
  }
}

/** `PCM 16-bit`, `PCM 8-bit unsigned`, `IEEE float 32-bit`, `A-law`, `µ-law`, plus `(extensible)`. */
export function describeEncoding(format: WaveFormat): string {
  const suffix = format.extensible ? ' (extensible)' : '';
  switch (format.formatTag) {
    case FORMAT_PCM: {
      const valid =
        format.validBitsPerSample < format.bitsPerSample ? ` (${format.validBitsPerSample} valid)` : '';
      const unsigned = format.bitsPerSample === 8 ? ' unsigned' : '';
      return `PCM ${format.bitsPerSample}-bit${unsigned}${valid}${suffix}`;
    }
    case FORMAT_IEEE_FLOAT:
      return `IEEE float ${format.bitsPerSample}-bit${suffix}`;
    case FORMAT_ALAW:
      return `A-law${suffix}`;
    case FORMAT_MULAW:
      return `µ-law${suffix}`;
    default:
      return `format ${describeFormatTag(format.formatTag)}`;
  }
}
