/**
 * The RIFF/WAVE container: finds the `fmt ` and `data` chunks and checks every declared size
 * against the bytes actually present, so nothing downstream ever reads past the end of the file.
 * RIFF is little-endian; RIFX is the same layout big-endian; RF64 (and BW64) is RIFF with 64-bit
 * sizes in a `ds64` chunk (EBU Tech 3306) for chunks whose 32-bit size says 0xFFFFFFFF. A `data`
 * chunk cut short (a recording that stopped) is read as far as it goes, and says how much is missing.
 */
import { WavFormatError } from '../errors';
import { asciiText, describeFirstBytes, startsWith, viewOf } from '../formats/bytes';
import { sniffAudio, unreadableAudioMessage } from '../formats/detect';

/** A chunk's body: `size` bytes starting at `offset` (the 8-byte chunk header excluded). */
export interface ChunkSpan {
  offset: number;
  size: number;
}

export interface WavLayout {
  container: 'RIFF' | 'RIFX' | 'RF64';
  littleEndian: boolean;
  fmt: ChunkSpan;
  /** The data present; when the file ends early, less than `declaredDataSize`. */
  data: ChunkSpan;
  /** What the data chunk's header (or ds64) says it holds. */
  declaredDataSize: number;
}

const RIFF_HEADER_BYTES = 12;
const CHUNK_HEADER_BYTES = 8;

/** Whether `head` begins a WAV file: `RIFF` (or big-endian `RIFX`, or 64-bit `RF64`/`BW64`), a size, then `WAVE`. */
export function isWavContainer(head: Uint8Array): boolean {
  const id = asciiText(head, 0, Math.min(4, head.length));
  return (
    ['RIFF', 'RIFX', 'RF64', 'BW64'].includes(id) &&
    head.length >= RIFF_HEADER_BYTES &&
    asciiText(head, 8, 12) === 'WAVE'
  );
}

/** Files that are not audio but get dropped on a WAV reader, recognised by their first bytes. */
const KNOWN_SIGNATURES: readonly { prefix: readonly number[]; name: string }[] = [
  { prefix: [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59], name: 'a NumPy .npy file' },
  { prefix: [0x50, 0x4b, 0x03, 0x04], name: 'a ZIP (or .npz) file' },
];

/** A 32-bit chunk size meaning "see the ds64 chunk" in RF64. */
const RF64_SIZE = 0xffffffff;

/** Four bytes as text when printable (`'LIST'`), else as hex (`0x00 0x01 0x02 0x03`), for messages. */
function fourCC(bytes: Uint8Array, offset: number): string {
  const slice = Array.from(bytes.subarray(offset, offset + 4));
  if (slice.length === 4 && slice.every((b) => b >= 0x20 && b < 0x7f))
    return `'${asciiText(bytes, offset, offset + 4)}'`;
  return slice.map((b) => `0x${b.toString(16).padStart(2, '0')}`).join(' ');
}

function checkContainer(bytes: Uint8Array): WavLayout['container'] {
  const id = bytes.length >= 4 ? asciiText(bytes, 0, 4) : '';
  if (id === 'RIFF' || id === 'RIFX' || id === 'RF64' || id === 'BW64') {
    if (bytes.length < RIFF_HEADER_BYTES) {
      throw new WavFormatError(
        `truncated WAV: the ${id} header needs ${RIFF_HEADER_BYTES} bytes, the file has ${bytes.length}`,
      );
    }
    if (asciiText(bytes, 8, 12) !== 'WAVE') {
      throw new WavFormatError(`not a WAV file: a ${id} file of form ${fourCC(bytes, 8)}, expected 'WAVE'`);
    }
    return id === 'BW64' ? 'RF64' : id;
  }
  const audio = sniffAudio(bytes);
  if (audio && !audio.readable) throw new WavFormatError(unreadableAudioMessage(audio));
  const known = KNOWN_SIGNATURES.find((s) => startsWith(bytes, s.prefix));
  const guess = known ? `; it looks like ${known.name}` : '';
  throw new WavFormatError(
    `not a RIFF/WAVE file: it starts with ${describeFirstBytes(bytes)}, expected 'RIFF'${guess}`,
  );
}

/**
 * Walks the chunks after the 12-byte RIFF header. Odd-sized chunks are followed by a pad byte.
 * Stops once `fmt ` and `data` are both found, so trailing metadata cannot break decoding. A data
 * chunk that runs past the end of the file is taken as far as it goes (parseWav says so).
 */
export function readWavLayout(bytes: Uint8Array): WavLayout {
  const container = checkContainer(bytes);
  const littleEndian = container !== 'RIFX';
  const view = viewOf(bytes);
  const seen: string[] = [];
  let ds64: Ds64 | null = null;
  let fmt: ChunkSpan | undefined;
  let data: (ChunkSpan & { declared: number }) | undefined;
  let position = RIFF_HEADER_BYTES;
  while (!(fmt && data)) {
    const remaining = bytes.length - position;
    if (remaining < CHUNK_HEADER_BYTES || (data && data.size < data.declared)) {
      if (remaining > 0 && !data) {
        throw new WavFormatError(
          `truncated WAV: a chunk header at byte ${position} needs 8 bytes, only ${remaining} present` +
            ` (${missingChunks(fmt, data)})`,
        );
      }
      const found = seen.length ? `chunks found: ${seen.join(', ')}` : 'no chunks after the header';
      throw new WavFormatError(`not a usable WAV: ${missingChunks(fmt, data)} (${found})`);
    }
    const id = asciiText(bytes, position, position + 4);
    const size32 = view.getUint32(position + 4, littleEndian);
    const bodyOffset = position + CHUNK_HEADER_BYTES;
    const present = bytes.length - bodyOffset;
    const label = fourCC(bytes, position);
    seen.push(label);
    if (container === 'RF64' && seen.length === 1) {
      if (id !== 'ds64')
        throw new WavFormatError(`malformed RF64: the first chunk is ${label}, expected 'ds64'`);
      ds64 = readDs64(bytes, bodyOffset, Math.min(size32, present));
    }
    const size = size32 === RF64_SIZE && ds64 ? ds64Size(ds64, id, label) : size32;
    if (id === 'data' && !data) {
      // A recording that stopped early: read what is there (parseWav warns how much is missing).
      data = { offset: bodyOffset, size: Math.min(size, present), declared: size };
    } else if (size > present) {
      throw new WavFormatError(
        `truncated WAV: the ${label} chunk at byte ${position} declares ${size} bytes, only ${present} present`,
      );
    } else if (id === 'fmt ' && !fmt) {
      fmt = { offset: bodyOffset, size };
    }
    position = bodyOffset + size + (size % 2);
  }
  return {
    container,
    littleEndian,
    fmt,
    data: { offset: data.offset, size: data.size },
    declaredDataSize: data.declared,
  };
}

/** The ds64 chunk: 64-bit sizes for the RIFF, the data chunk, and a table for other chunks. */
interface Ds64 {
  dataSize: number;
  table: Map<string, number>;
}

function readDs64(bytes: Uint8Array, offset: number, size: number): Ds64 {
  if (size < 28)
    throw new WavFormatError(`malformed RF64: the 'ds64' chunk has ${size} bytes, it needs at least 28`);
  const view = viewOf(bytes);
  const dataSize = Number(view.getBigUint64(offset + 8, true));
  const entries = view.getUint32(offset + 24, true);
  const table = new Map<string, number>();
  for (let i = 0, at = offset + 28; i < entries && at + 12 <= offset + size; i++, at += 12) {
    table.set(asciiText(bytes, at, at + 4), Number(view.getBigUint64(at + 4, true)));
  }
  return { dataSize, table };
}

function ds64Size(ds64: Ds64, id: string, label: string): number {
  if (id === 'data') return ds64.dataSize;
  const size = ds64.table.get(id);
  if (size === undefined) {
    throw new WavFormatError(
      `malformed RF64: the ${label} chunk's size is in ds64, but ds64 does not list it`,
    );
  }
  return size;
}

function missingChunks(fmt: ChunkSpan | undefined, data: ChunkSpan | undefined): string {
  if (!fmt && !data) return "no 'fmt ' and no 'data' chunk";
  return fmt ? "no 'data' chunk" : "no 'fmt ' chunk";
}
