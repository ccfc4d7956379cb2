import { describe, expect, it } from 'vitest';
import { readWavHeader } from '../../../shared/audio/wav';
import { AudioTooShortError, WavFormatError } from '../../../shared/errors';
import { HIFIGAN_MEL, TACOTRON2_MEL } from '../../../shared/mel/config';
import { analyzeWav } from '../../../shared/pipeline/analyze';
import { melFramesOf, melOfRange, melRangeInput } from '../../../shared/pipeline/analyze-range';
import { readFixture } from '../../helpers/fixtures';
import { makeWav, packFloats, packInts } from '../../helpers/make-wav';

function expectSameBits(actual: Float32Array, expected: Float32Array, what: string): void {
  expect(actual.length, `${what}: length`).toBe(expected.length);
  const a = new Uint32Array(actual.buffer, actual.byteOffset, actual.length);
  const e = new Uint32Array(expected.buffer, expected.byteOffset, expected.length);
  const first = a.findIndex((bits, i) => bits !== e[i]);
  expect(first, `${what}: first differing value`).toBe(-1);
}

describe('a WAV’s mel in ranges of frames, put side by side, is analyzeWav’s, bit for bit', () => {
  it('fixtures at 22.05, 16, 44.1, 48 and 8 kHz, stereo and 4 channels, both presets, uneven ranges', () => {
    for (const file of [
      'speech_pcm16.wav',
      'speech_16k.wav',
      'speech_44k.wav',
      'noise_f32_48k.wav',
      'speech_mulaw_8k.wav',
      'speech_pcm16_stereo.wav',
      'speech_ext16_4ch_16k.wav',
    ]) {
      const bytes = readFixture('audio', file);
      const header = readWavHeader(bytes);
      for (const config of [TACOTRON2_MEL, HIFIGAN_MEL]) {
        const { mel } = analyzeWav(bytes, file, config);
        const { nFrames } = melFramesOf(header, config);
        expect(nFrames).toBe(mel.nFrames);
        const cuts = [0, 1, 17, Math.floor(nFrames / 2), nFrames - 2, nFrames];
        const joined = new Float32Array(mel.data.length);
        for (let i = 0; i + 1 < cuts.length; i++) {
          const frames = { start: cuts[i]!, end: cuts[i + 1]! };
          const part = melOfRange(melRangeInput(header, config, frames));
          const count = frames.end - frames.start;
          for (let m = 0; m < config.nMels; m++) {
            joined.set(part.subarray(m * count, (m + 1) * count), m * nFrames + frames.start);
          }
        }
        expectSameBits(joined, mel.data, `${file} ${config.preset}`);
      }
    }
  });

  it('a range decodes only the samples it reads: a few frames of a long file hold a few thousand', () => {
    const bytes = makeWav({
      data: packInts(
        Array.from({ length: 200_000 }, (_, i) => i % 1000),
        16,
      ),
    });
    const input = melRangeInput(readWavHeader(bytes), TACOTRON2_MEL, { start: 400, end: 404 });
    expect(input.samplesStart).toBe(400 * 256 - 512);
    expect(input.samples.length).toBe(3 * 256 + 1024);
  });

  it('the checks analyzeWav makes: too short (both rates named), NaN named by sample', () => {
    const short = readWavHeader(makeWav({ sampleRateHz: 16000, data: packInts(new Array(300).fill(0), 16) }));
    expect(() => melFramesOf(short, TACOTRON2_MEL)).toThrow(AudioTooShortError);
    expect(() => melFramesOf(short, TACOTRON2_MEL)).toThrow(
      /414 samples at 22050 Hz \(300 at 16000 Hz in the file\)/,
    );
    const values = Array.from({ length: 30_000 }, () => 0.1);
    values[20_000] = NaN;
    const nan = readWavHeader(makeWav({ formatTag: 3, bitsPerSample: 32, data: packFloats(values, 32) }));
    expect(() => melRangeInput(nan, TACOTRON2_MEL, { start: 70, end: 90 })).toThrow(WavFormatError);
    expect(() => melRangeInput(nan, TACOTRON2_MEL, { start: 70, end: 90 })).toThrow(/NaN at sample 20000/);
  });
});
