/**
 * The RIFF/WAVE container: finds the `fmt ` and `data` chunks and checks every declared size
 * against the bytes actually present, so nothing downstream ever reads past the end of the file.
 * RIFF is little-endian; RIFX is the same layout big-endian.
 */
import { WavFormatError } from '../errors';
import { asciiText, describeFirstBytes, startsWith, viewOf } from '../formats/bytes';

/** A chunk's body: `size` bytes starting at `offset` (the 8-byte chunk header excluded). */
export interface ChunkSpan {
  offset: number;
  size: number;
}

export interface WavLayout {
  container: 'RIFF' | 'RIFX';
  littleEndian: boolean;
  fmt: ChunkSpan;
  data: ChunkSpan;
}

const RIFF_HEADER_BYTES = 12;
const CHUNK_HEADER_BYTES = 8;

/** Whether `head` begins a WAV file: `RIFF` (or big-endian `RIFX`), a size, then `WAVE`. */
export function isWavContainer(head: Uint8Array): boolean {
  const id = asciiText(head, 0, Math.min(4, head.length));
  return (
    (id === 'RIFF' || id === 'RIFX') && head.length >= RIFF_HEADER_BYTES && asciiText(head, 8, 12) === 'WAVE'
  );
}

/** Other formats people drop on a WAV reader, recognised by their first bytes. */
const KNOWN_SIGNATURES: readonly { prefix: readonly number[]; name: string }[] = [
  { prefix: [0x49, 0x44, 0x33], name: 'an MP3 file with an ID3 tag' },
  { prefix: [0xff, 0xfb], name: 'an MP3 file' },
  { prefix: [0xff, 0xf3], name: 'an MP3 file' },
  { prefix: [0xff, 0xf1], name: 'an AAC (ADTS) file' },
  { prefix: [0x66, 0x4c, 0x61, 0x43], name: 'a FLAC file' },
  { prefix: [0x4f, 0x67, 0x67, 0x53], name: 'an Ogg file' },
  { prefix: [0x46, 0x4f, 0x52, 0x4d], name: 'an AIFF file' },
  { prefix: [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59], name: 'a NumPy .npy file' },
  { prefix: [0x50, 0x4b, 0x03, 0x04], name: 'a ZIP (or .npz) file' },
];

/** Four bytes as text when printable (`'LIST'`), else as hex (`0x00 0x01 0x02 0x03`), for messages. */
function fourCC(bytes: Uint8Array, offset: number): string {
  const slice = Array.from(bytes.subarray(offset, offset + 4));
  if (slice.length === 4 && slice.every((b) => b >= 0x20 && b < 0x7f))
    return `'${asciiText(bytes, offset, offset + 4)}'`;
  return slice.map((b) => `0x${b.toString(16).padStart(2, '0')}`).join(' ');
}

function checkContainer(bytes: Uint8Array): 'RIFF' | 'RIFX' {
  const id = bytes.length >= 4 ? asciiText(bytes, 0, 4) : '';
  if (id === 'RIFF' || id === 'RIFX') {
    if (bytes.length < RIFF_HEADER_BYTES) {
      throw new WavFormatError(
        `truncated WAV: the ${id} header needs ${RIFF_HEADER_BYTES} bytes, the file has ${bytes.length}`,
      );
    }
    if (asciiText(bytes, 8, 12) !== 'WAVE') {
      throw new WavFormatError(`not a WAV file: a ${id} file of form ${fourCC(bytes, 8)}, expected 'WAVE'`);
    }
    return id;
  }
  if (id === 'RF64' || id === 'BW64') {
    throw new WavFormatError(
      `unsupported container ${id} (64-bit WAV); convert it with: sox in.wav -b 16 out.wav`,
    );
  }
  const known = KNOWN_SIGNATURES.find((s) => startsWith(bytes, s.prefix));
  const guess = known ? `; it looks like ${known.name}` : '';
  throw new WavFormatError(
    `not a RIFF/WAVE file: it starts with ${describeFirstBytes(bytes)}, expected 'RIFF'${guess}`,
  );
}

/**
 * Walks the chunks after the 12-byte RIFF header. Odd-sized chunks are followed by a pad byte.
 * Stops once `fmt ` and `data` are both found, so trailing metadata cannot break decoding.
 */
export function readWavLayout(bytes: Uint8Array): WavLayout {
  const container = checkContainer(bytes);
  const littleEndian = container === 'RIFF';
  const view = viewOf(bytes);
  const seen: string[] = [];
  let fmt: ChunkSpan | undefined;
  let data: ChunkSpan | undefined;
  let position = RIFF_HEADER_BYTES;
  while (!(fmt && data)) {
    const remaining = bytes.length - position;
    if (remaining < CHUNK_HEADER_BYTES) {
      if (remaining > 0) {
        throw new WavFormatError(
          `truncated WAV: a chunk header at byte ${position} needs 8 bytes, only ${remaining} present` +
            ` (${missingChunks(fmt, data)})`,
        );
      }
      const found = seen.length ? `chunks found: ${seen.join(', ')}` : 'no chunks after the header';
      throw new WavFormatError(`not a usable WAV: ${missingChunks(fmt, data)} (${found})`);
    }
    const id = asciiText(bytes, position, position + 4);
    const size = view.getUint32(position + 4, littleEndian);
    const bodyOffset = position + CHUNK_HEADER_BYTES;
    const present = bytes.length - bodyOffset;
    const label = fourCC(bytes, position);
    seen.push(label);
    if (size > present) {
      throw new WavFormatError(
        `truncated WAV: the ${label} chunk at byte ${position} declares ${size} bytes, only ${present} present`,
      );
    }
    if (id === 'fmt ' && !fmt) fmt = { offset: bodyOffset, size };
    else if (id === 'data' && !data) data = { offset: bodyOffset, size };
    position = bodyOffset + size + (size % 2);
  }
  return { container, littleEndian, fmt, data };
}

function missingChunks(fmt: ChunkSpan | undefined, data: ChunkSpan | undefined): string {
  if (!fmt && !data) return "no 'fmt ' and no 'data' chunk";
  return fmt ? "no 'data' chunk" : "no 'fmt ' chunk";
}
