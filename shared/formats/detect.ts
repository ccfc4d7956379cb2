/**
 * Tells files apart by their first bytes, not their names: the weight formats we read, the ones we
 * recognise to refuse with advice, and audio (which the weights reader must not call "unknown").
 */
import { asciiText, startsWith } from './bytes';
import { isNpy } from './npy';
import { looksLikeSafetensors } from './safetensors';
import { isTorchLegacy } from './torch';
import { isZip } from './zip';

export type WeightFileKind =
  | 'npy'
  /** `.npz` or a torch.save archive (`…/data.pkl`): the ZIP's directory decides. */
  | 'zip'
  /** torch.save's legacy (non-zip) format: a pickle of the magic number first. */
  | 'torch-legacy'
  /** Any other pickle (`pickle.dump`, or torch.save with an unusual protocol). */
  | 'pickle'
  /** torch.save before 0.4: a tar archive (`storages`, `tensors`, `pickle`). */
  | 'torch-tar'
  | 'safetensors'
  | 'json'
  /** Recognised but not read; the message says what to do instead. */
  | 'hdf5'
  /** Audio of some kind (see `sniffAudio`): not weights. */
  | 'audio'
  | 'unknown';

export function detectWeightFile(bytes: Uint8Array): WeightFileKind {
  if (isNpy(bytes)) return 'npy';
  if (isZip(bytes)) return 'zip';
  if (isTorchLegacy(bytes)) return 'torch-legacy';
  if (bytes.length >= 2 && bytes[0] === 0x80 && bytes[1]! >= 2 && bytes[1]! <= 5) return 'pickle';
  if (startsWith(bytes, [0x89, 0x48, 0x44, 0x46])) return 'hdf5';
  if (looksLikeSafetensors(bytes)) return 'safetensors';
  if (sniffAudio(bytes)) return 'audio';
  if (isTar(bytes)) return 'torch-tar';
  if (firstNonSpace(bytes) === 0x7b /* { */) return 'json';
  return 'unknown';
}

/** POSIX tar: `ustar` at byte 257. */
function isTar(bytes: Uint8Array): boolean {
  return bytes.length >= 262 && asciiText(bytes, 257, 262) === 'ustar';
}

/** The first byte that is not JSON whitespace (after a UTF-8 BOM), or -1. */
function firstNonSpace(bytes: Uint8Array): number {
  let i = startsWith(bytes, [0xef, 0xbb, 0xbf]) ? 3 : 0;
  while (
    i < bytes.length &&
    (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)
  )
    i++;
  return i < bytes.length ? bytes[i]! : -1;
}

export type AudioContainer =
  'wav' | 'rifx' | 'rf64' | 'mp3' | 'aac' | 'flac' | 'ogg' | 'mp4' | 'aiff' | 'au' | 'caf';

export interface AudioKind {
  container: AudioContainer;
  /** `a WAV file`, `an MP3 file`, `an M4A/MP4 file`. */
  name: string;
  /** Whether the WAV reader decodes it (RIFF, RIFX and RF64 WAVE). */
  readable: boolean;
}

const AUDIO: Readonly<Record<AudioContainer, Omit<AudioKind, 'container'>>> = {
  wav: { name: 'a WAV file', readable: true },
  rifx: { name: 'a big-endian WAV (RIFX) file', readable: true },
  rf64: { name: 'an RF64 (64-bit WAV) file', readable: true },
  mp3: { name: 'an MP3 file', readable: false },
  aac: { name: 'an AAC (ADTS) file', readable: false },
  flac: { name: 'a FLAC file', readable: false },
  ogg: { name: 'an Ogg (Vorbis/Opus) file', readable: false },
  mp4: { name: 'an M4A/MP4 file', readable: false },
  aiff: { name: 'an AIFF file', readable: false },
  au: { name: 'a Sun/NeXT .au file', readable: false },
  caf: { name: 'a Core Audio (CAF) file', readable: false },
};

/** Audio by content: WAV (RIFF/RIFX/RF64/BW64 … WAVE), MP3 (ID3 tag or frame sync), AAC, FLAC, Ogg, M4A/MP4, AIFF/AIFC, AU, CAF. */
export function sniffAudio(bytes: Uint8Array): AudioKind | null {
  const container = audioContainer(bytes);
  return container ? { container, ...AUDIO[container] } : null;
}

function audioContainer(bytes: Uint8Array): AudioContainer | null {
  const id = asciiText(bytes, 0, Math.min(4, bytes.length));
  const form = bytes.length >= 12 ? asciiText(bytes, 8, 12) : '';
  if (form === 'WAVE') {
    if (id === 'RIFF') return 'wav';
    if (id === 'RIFX') return 'rifx';
    if (id === 'RF64' || id === 'BW64') return 'rf64';
  }
  if (id === 'FORM' && (form === 'AIFF' || form === 'AIFC')) return 'aiff';
  if (id === 'fLaC') return 'flac';
  if (id === 'OggS') return 'ogg';
  if (id === '.snd') return 'au';
  if (id === 'caff') return 'caf';
  if (bytes.length >= 8 && asciiText(bytes, 4, 8) === 'ftyp') return 'mp4';
  if (startsWith(bytes, [0x49, 0x44, 0x33]) && bytes.length >= 10 && bytes[3]! < 0xff) return 'mp3'; // "ID3" + version
  if (bytes.length >= 3 && bytes[0] === 0xff && (bytes[1]! & 0xe0) === 0xe0) {
    const layer = (bytes[1]! >> 1) & 0x03;
    const bitrate = bytes[2]! >> 4;
    if (layer === 0 && (bytes[1]! & 0x16) === 0x10) return 'aac'; // ADTS: layer 00, MPEG-2/4
    if (layer !== 0 && bitrate !== 0x0f && ((bytes[1]! >> 3) & 0x03) !== 0x01) return 'mp3';
  }
  return null;
}

/**
 * What to say about audio nothing here decodes:
 * `an MP3 file: audio in a format we do not read yet: convert it to WAV (e.g. sox in.mp3 out.wav)`.
 */
export function unreadableAudioMessage(kind: AudioKind): string {
  const example =
    kind.container === 'mp4' || kind.container === 'aac'
      ? 'ffmpeg -i in.m4a out.wav'
      : `sox in.${kind.container === 'aiff' ? 'aiff' : kind.container} out.wav`;
  return `${kind.name}: audio in a format we do not read yet: convert it to WAV (e.g. ${example})`;
}
