import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { aLawToLinear, muLawToLinear } from '../../../shared/audio/pcm-decode';
import { parseWav, readWavHeader } from '../../../shared/audio/wav';
import { fixturePath, readFixture } from '../../helpers/fixtures';
import { makeWav, packFloats, packInts } from '../../helpers/make-wav';
import { wavefileMono } from '../../helpers/wavefile-oracle';

/** Bit-for-bit equality of two float32 arrays, naming the first index that differs. */
function expectSameBits(actual: Float32Array, expected: Float32Array, what: string): void {
  expect(actual.length, `${what}: length`).toBe(expected.length);
  const a = new Uint32Array(actual.buffer, actual.byteOffset, actual.length);
  const e = new Uint32Array(expected.buffer, expected.byteOffset, expected.length);
  const first = a.findIndex((bits, i) => bits !== e[i]);
  expect(first, `${what}: first differing sample`).toBe(-1);
}

/** Pseudo-random bytes (xorshift), the same every run. */
function randomBytes(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

describe('the direct PCM decoder gives what wavefile decodes', () => {
  it('every committed audio fixture decodes to the same float32 bits', () => {
    const files = readdirSync(fixturePath('audio')).filter((f) => f.endsWith('.wav'));
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const bytes = readFixture('audio', file);
      expectSameBits(parseWav(bytes).samples, wavefileMono(bytes), file);
    }
  });

  it('all 256 A-law and µ-law codes expand as wavefile expands them', () => {
    const codes = Uint8Array.from({ length: 256 }, (_, i) => i);
    for (const formatTag of [6, 7]) {
      const bytes = makeWav({ formatTag, bitsPerSample: 8, data: codes });
      expectSameBits(parseWav(bytes).samples, wavefileMono(bytes), `format ${formatTag}`);
    }
    expect(aLawToLinear(0xd5)).toBe(8);
    expect(muLawToLinear(0xff)).toBe(0);
    expect(muLawToLinear(0x00)).toBe(-32124);
  });

  it('random data of every integer size, 1–6 channels, RIFF and RIFX, decodes the same', () => {
    for (const bits of [8, 16, 24, 32]) {
      for (const nChannels of [1, 2, 3, 6]) {
        for (const bigEndian of [false, true]) {
          const frames = 257;
          const data = randomBytes(
            (frames * nChannels * bits) / 8,
            bits * 131 + nChannels * 7 + Number(bigEndian),
          );
          const bytes = makeWav({ bitsPerSample: bits, nChannels, bigEndian, data });
          expectSameBits(
            parseWav(bytes).samples,
            wavefileMono(bytes),
            `${bits}-bit ×${nChannels} BE=${bigEndian}`,
          );
        }
      }
    }
  });

  it('float 32 and 64-bit data (both byte orders, several channels) decodes the same', () => {
    const values = Array.from({ length: 600 }, (_, i) => Math.sin(i * 0.37) * (1 + (i % 7)) * 0.3);
    for (const bits of [32, 64] as const) {
      for (const bigEndian of [false, true]) {
        for (const nChannels of [1, 2, 3]) {
          const data = packFloats(values, bits, bigEndian);
          const bytes = makeWav({ formatTag: 3, bitsPerSample: bits, nChannels, bigEndian, data });
          expectSameBits(parseWav(bytes).samples, wavefileMono(bytes), `float ${bits} ×${nChannels}`);
        }
      }
    }
  });

  it('any range of frames decodes to the same samples as the whole file', () => {
    const values = Array.from({ length: 3000 }, (_, i) => ((i * 7919) % 65536) - 32768);
    const bytes = makeWav({ nChannels: 3, data: packInts(values, 16) });
    const header = readWavHeader(bytes);
    const whole = parseWav(bytes).samples;
    for (const [first, count] of [
      [0, 1],
      [0, 1000],
      [998, 2],
      [500, 500],
      [999, 1],
    ] as const) {
      const part = new Float32Array(count);
      header.decoder.decode(first, part);
      expectSameBits(part, whole.subarray(first, first + count), `frames ${first}+${count}`);
    }
  });
});
