import { describe, expect, it } from 'vitest';
import { classifyFile } from '../../../shared/api/classify';
import { parseWav } from '../../../shared/audio/wav';
import { WavFormatError } from '../../../shared/errors';
import { detectWeightFile, sniffAudio, unreadableAudioMessage } from '../../../shared/formats/detect';
import { torchGlobal } from '../../../shared/formats/torch-globals';
import { readFixture } from '../../helpers/fixtures';
import { makeWav, packInts, rf64Wav } from '../../helpers/make-wav';

const ascii = (text: string, pad = 16) => {
  const bytes = new Uint8Array(Math.max(pad, text.length));
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
};

const AUDIO: [string, Uint8Array, string, string][] = [
  ['MP3 with an ID3 tag', ascii('ID3\x04\x00\x00\x00\x00\x00\x21'), 'mp3', 'sox in.mp3 out.wav'],
  [
    'MP3 frame sync (MPEG-1 layer III, 128 kb/s)',
    Uint8Array.of(0xff, 0xfb, 0x90, 0x64, 0, 0),
    'mp3',
    'sox in.mp3 out.wav',
  ],
  ['AAC (ADTS)', Uint8Array.of(0xff, 0xf1, 0x50, 0x80, 0, 0), 'aac', 'ffmpeg -i in.m4a out.wav'],
  ['FLAC', ascii('fLaC\x00\x00\x00\x22'), 'flac', 'sox in.flac out.wav'],
  ['Ogg', ascii('OggS\x00\x02'), 'ogg', 'sox in.ogg out.wav'],
  ['M4A (ftyp M4A)', ascii('\x00\x00\x00\x20ftypM4A '), 'mp4', 'ffmpeg -i in.m4a out.wav'],
  ['AIFF', ascii('FORM\x00\x00\x10\x00AIFF'), 'aiff', 'sox in.aiff out.wav'],
  ['AIFF-C', ascii('FORM\x00\x00\x10\x00AIFC'), 'aiff', 'sox in.aiff out.wav'],
  ['Sun .au', ascii('.snd\x00\x00\x00\x18'), 'au', 'sox in.au out.wav'],
  ['Core Audio', ascii('caff\x00\x01'), 'caf', 'sox in.caf out.wav'],
];

describe('audio is told by its content', () => {
  it.each(AUDIO)(
    '%s: recognised, refused by the WAV reader with how to convert it, sorted as audio',
    (_, bytes, container, example) => {
      const kind = sniffAudio(bytes)!;
      expect(kind).toMatchObject({ container, readable: false });
      expect(detectWeightFile(bytes)).toBe('audio');
      expect(classifyFile('take', bytes, 'auto')).toBe('audio');
      expect(() => parseWav(bytes)).toThrow(WavFormatError);
      expect(() => parseWav(bytes)).toThrow(unreadableAudioMessage(kind));
      expect(unreadableAudioMessage(kind)).toBe(
        `${kind.name}: audio in a format we do not read yet: convert it to WAV (e.g. ${example})`,
      );
    },
  );

  it.each([
    ['RIFF', makeWav({ data: packInts([1, 2], 16) }), 'wav'],
    ['RIFX', makeWav({ data: packInts([1, 2], 16, true), bigEndian: true }), 'rifx'],
    ['RF64', rf64Wav({ data: packInts([1, 2], 16) }), 'rf64'],
    ['BW64', rf64Wav({ data: packInts([1, 2], 16) }, 'BW64'), 'rf64'],
  ])('%s WAVE is audio we read', (_, bytes, container) => {
    expect(sniffAudio(bytes)).toMatchObject({ container, readable: true });
    expect(classifyFile('x', bytes, 'auto')).toBe('audio');
    expect(parseWav(bytes).nSamples).toBe(2);
  });

  it('fails clearly to call weights audio: npy, zip, safetensors, pickles, JSON are not audio', () => {
    for (const file of [
      'postnet_zip.pt',
      'postnet_legacy.pt',
      'postnet_legacy_protocol4.pt',
      'postnet.safetensors',
      'conv_stack.arch.json',
    ]) {
      const bytes = readFixture('checkpoints', file);
      expect(sniffAudio(bytes), file).toBeNull();
      expect(classifyFile(file, bytes, 'auto'), file).toBe('weights');
    }
    expect(detectWeightFile(readFixture('checkpoints', 'postnet_legacy_protocol4.pt'))).toBe('torch-legacy');
    expect(detectWeightFile(readFixture('checkpoints', 'evil_protocol4.pkl'))).toBe('pickle');
  });

  it('a tar archive is torch.save before 0.4', () => {
    const tar = new Uint8Array(512);
    tar.set(ascii('ustar', 5), 257);
    expect(detectWeightFile(tar)).toBe('torch-tar');
  });
});

describe('torch globals allowed by name', () => {
  it('dtype objects and storage types, with their dtypes', () => {
    expect(torchGlobal('torch', 'bfloat16', 'x')).toEqual({
      kind: 'dtype',
      name: 'torch.bfloat16',
      dtype: 'bfloat16',
    });
    expect(torchGlobal('torch', 'float', 'x')).toMatchObject({ kind: 'dtype', dtype: 'float32' });
    expect(torchGlobal('torch.cuda', 'HalfStorage', 'x')).toMatchObject({
      kind: 'storage-type',
      dtype: 'float16',
    });
    expect(torchGlobal('torch.storage', 'UntypedStorage', 'x')).toMatchObject({
      kind: 'storage-type',
      dtype: 'uint8',
    });
    expect(torchGlobal('torch', 'QInt8Storage', 'x')).toMatchObject({ kind: 'storage-type', dtype: null });
  });

  it('fails clearly on what PyTorch allows but we do not read', () => {
    expect(() => torchGlobal('torch._utils', '_rebuild_sparse_tensor', 'x')).toThrow(
      'x: torch._utils._rebuild_sparse_tensor: sparse tensors are not read',
    );
  });
});
