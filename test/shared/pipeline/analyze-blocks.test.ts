import { describe, expect, it } from 'vitest';
import { resample, resampledSource } from '../../../shared/audio/resample';
import { arraySource } from '../../../shared/audio/source';
import { parseWav } from '../../../shared/audio/wav';
import { WavFormatError } from '../../../shared/errors';
import { HIFIGAN_MEL, TACOTRON2_MEL, type MelConfig } from '../../../shared/mel/config';
import { frameCount } from '../../../shared/mel/frames';
import { logMel } from '../../../shared/mel/log-mel';
import { analyzeWav } from '../../../shared/pipeline/analyze';
import { readFixture } from '../../helpers/fixtures';
import { makeWav, packFloats, packInts } from '../../helpers/make-wav';

/** Bit-for-bit equality of two float32 arrays, naming the first index that differs. */
function expectSameBits(actual: Float32Array, expected: Float32Array, what: string): void {
  expect(actual.length, `${what}: length`).toBe(expected.length);
  const a = new Uint32Array(actual.buffer, actual.byteOffset, actual.length);
  const e = new Uint32Array(expected.buffer, expected.byteOffset, expected.length);
  const first = a.findIndex((bits, i) => bits !== e[i]);
  expect(first, `${what}: first differing value`).toBe(-1);
}

/** The whole-array way: decode everything, resample everything, one mel over it. */
function wholeArrays(bytes: Uint8Array, config: MelConfig): Float32Array {
  const decoded = parseWav(bytes);
  const samples = resample(decoded.samples, decoded.sampleRateHz, config.sampleRateHz);
  return logMel(samples, config, { framesPerBlock: frameCount(config, samples.length) }).data;
}

/** `n` frames of a deterministic chirp with noise, as 16-bit integers, `nChannels` interleaved. */
function ints(n: number, nChannels = 1): number[] {
  let x = 7;
  return Array.from({ length: n * nChannels }, (_, i) => {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    const t = Math.floor(i / nChannels);
    return Math.round(12000 * Math.sin(t * 0.0001 * t * 0.01) + 2000 * (x / 0x7fffffff - 0.5));
  });
}

describe('analyzeWav streamed in blocks equals the whole arrays, bit for bit', () => {
  it('every committed fixture (all encodings, 8–48 kHz), both presets, several block sizes', () => {
    for (const file of [
      'speech_pcm16.wav',
      'speech_pcm8.wav',
      'speech_pcm24.wav',
      'speech_f64.wav',
      'speech_alaw.wav',
      'speech_mulaw_8k.wav',
      'speech_16k.wav',
      'speech_44k.wav',
      'noise_f32_48k.wav',
      'speech_ext16_4ch_16k.wav',
    ]) {
      const bytes = readFixture('audio', file);
      for (const config of [TACOTRON2_MEL, HIFIGAN_MEL]) {
        const expected = wholeArrays(bytes, config);
        for (const framesPerBlock of [1, 5, 64, 1024]) {
          const { mel } = analyzeWav(bytes, file, config, { framesPerBlock });
          expectSameBits(mel.data, expected, `${file} ${config.preset} block=${framesPerBlock}`);
        }
      }
    }
  });

  it('resampling ratios whose state crosses block edges: up, down, odd, lazy and on-the-fly kernels', () => {
    for (const [rateHz, n] of [
      [16000, 9001],
      [44100, 30_001],
      [48000, 24_007],
      [8000, 4001],
      [22039, 3001], // 22050 phases: built lazily for a short file
      [32000, 7777],
      [999_983, 26_000], // a prime rate: kernels evaluated on the fly
    ] as const) {
      const bytes = makeWav({ sampleRateHz: rateHz, data: packInts(ints(n), 16) });
      const expected = wholeArrays(bytes, TACOTRON2_MEL);
      for (const framesPerBlock of [1, 3, 17]) {
        const { mel } = analyzeWav(bytes, 'r.wav', TACOTRON2_MEL, { framesPerBlock });
        expectSameBits(mel.data, expected, `${rateHz} Hz, ${n} samples, block=${framesPerBlock}`);
      }
    }
  });

  it('resampledSource read in odd pieces equals one read of everything', () => {
    const x = Float32Array.from(ints(10_007), (v) => v / 32768);
    for (const [from, to] of [
      [16000, 22050],
      [44100, 22050],
      [22050, 16000],
    ] as const) {
      const source = resampledSource(arraySource(x), from, to);
      const whole = new Float32Array(source.length);
      source.read(0, whole);
      const pieces = new Float32Array(source.length);
      for (let start = 0, size = 1; start < source.length; start += size, size = (size * 3 + 1) % 997) {
        const end = Math.min(source.length, start + Math.max(1, size));
        source.read(start, pieces.subarray(start, end));
        size = end - start;
      }
      expectSameBits(pieces, whole, `${from} → ${to}`);
    }
  });

  it('stereo and odd lengths around the block size decode, mix and analyse the same', () => {
    for (const n of [513, 1024 * 256 + 1, 1023 * 256 - 513]) {
      const bytes = makeWav({ nChannels: 2, data: packInts(ints(n, 2), 16) });
      const expected = wholeArrays(bytes, TACOTRON2_MEL);
      expectSameBits(analyzeWav(bytes, 's.wav', TACOTRON2_MEL).mel.data, expected, `stereo n=${n}`);
    }
  });

  it('NaN in float data deep in a long file fails as the whole decode does, naming the sample', () => {
    const values = Array.from({ length: 400_000 }, (_, i) => Math.sin(i * 0.01) * 0.5);
    values[350_001] = NaN;
    const bytes = makeWav({ formatTag: 3, bitsPerSample: 32, data: packFloats(values, 32) });
    const run = () => analyzeWav(bytes, 'nan.wav', TACOTRON2_MEL);
    expect(run).toThrow(WavFormatError);
    expect(run).toThrow(/^nan\.wav: the WAV's float data holds NaN at sample 350001 \(15\.873 s\)/);
  });
});
