import { describe, expect, it } from 'vitest';
import { classifyFile } from '../../../shared/api/classify';
import { isWavContainer } from '../../../shared/audio/riff';
import { isNpy } from '../../../shared/formats/npy';

const ascii = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));
const WAV = ascii('RIFF\x24\x00\x00\x00WAVEfmt ');
const NPY = Uint8Array.from([0x93, ...ascii('NUMPY\x01\x00')]);
const ZIP = ascii('PK\x03\x04');

describe('classifyFile', () => {
  it('auto: RIFF/WAVE is audio, a plain .npy a spectrogram, a state_dict .npy and everything else weights', () => {
    expect(classifyFile('speech.wav', WAV, 'auto')).toBe('audio');
    expect(classifyFile('speech.npy', NPY, 'auto')).toBe('spectrogram');
    expect(classifyFile('postnet.convolutions.0.0.conv.weight.npy', NPY, 'auto')).toBe('weights');
    expect(classifyFile('postnet.convolutions.4.1.running_var.npy', NPY, 'auto')).toBe('weights');
    expect(classifyFile('postnet.npz', ZIP, 'auto')).toBe('weights');
    expect(classifyFile('weights', new Uint8Array(0), 'auto', true)).toBe('weights');
  });

  it('audio intent (Open…): weights by content load as weights, as a drop does; a plain .npy is a spectrogram', () => {
    expect(classifyFile('postnet.npz', ZIP, 'audio')).toBe('weights');
    expect(classifyFile('weights.json', ascii('{"postnet.convolutions.0.0.conv.weight": []}'), 'audio')).toBe(
      'weights',
    );
    expect(classifyFile('model.pt', Uint8Array.from([0x80, 0x02, 0x7d]), 'audio')).toBe('weights');
    expect(classifyFile('a.npy', NPY, 'audio')).toBe('spectrogram');
    expect(classifyFile('postnet.convolutions.0.0.conv.weight.npy', NPY, 'audio')).toBe('weights');
    expect(classifyFile('speech.wav', WAV, 'audio')).toBe('audio');
  });

  it('audio intent fails clearly on unrecognised content: it goes to the WAV reader (an MP3 keeps its message)', () => {
    expect(classifyFile('take1.wav', ascii('ID3\x04\x00\x00'), 'audio')).toBe('audio');
    expect(classifyFile('notes.txt', ascii('hello'), 'audio')).toBe('audio');
    expect(classifyFile('notes.txt', ascii('hello'), 'auto')).toBe('weights');
  });

  it('a big-endian RIFX WAV is audio too (parseWav reads it), dropped or opened', () => {
    const rifx = ascii('RIFX\x00\x00\x00\x24WAVEfmt ');
    expect(classifyFile('speech.wav', rifx, 'auto')).toBe('audio');
    expect(classifyFile('speech.wav', rifx, 'audio')).toBe('audio');
  });

  it('weights intent: a WAV is still audio (a WAV dropped on the weights panel opens as the input)', () => {
    expect(classifyFile('speech.wav', WAV, 'weights')).toBe('audio');
  });

  it('weights intent: an MP3 is audio too (the WAV reader says how to convert it), anything else weights', () => {
    expect(classifyFile('song.mp3', ascii('ID3\x04\x00\x00\x00\x00\x00\x00'), 'weights')).toBe('audio');
    expect(classifyFile('mel.npy', ascii('\x93NUMPY\x01\x00'), 'weights')).toBe('weights');
    expect(classifyFile('notes.txt', ascii('hello'), 'weights')).toBe('weights');
  });

  it('does not mistake a RIFF file of another kind (AVI) or a truncated header for WAV', () => {
    expect(isWavContainer(ascii('RIFF\x00\x00\x00\x00AVI LIST'))).toBe(false);
    expect(isWavContainer(ascii('RIFF'))).toBe(false);
    expect(isNpy(ascii('NUMPY'))).toBe(false);
  });
});
