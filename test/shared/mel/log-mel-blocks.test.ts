import { describe, expect, it } from 'vitest';
import { arraySource, type SampleSource } from '../../../shared/audio/source';
import { AudioTooLongError } from '../../../shared/errors';
import { HIFIGAN_MEL, TACOTRON2_MEL, resolveMelConfig, type MelConfig } from '../../../shared/mel/config';
import { frameCount, minSamples } from '../../../shared/mel/frames';
import { MAX_MEL_VALUES } from '../../../shared/mel/limits';
import { logMel, logMelOfSource } from '../../../shared/mel/log-mel';

/** Bit-for-bit equality of two float32 arrays, naming the first index that differs. */
function expectSameBits(actual: Float32Array, expected: Float32Array, what: string): void {
  expect(actual.length, `${what}: length`).toBe(expected.length);
  const a = new Uint32Array(actual.buffer, actual.byteOffset, actual.length);
  const e = new Uint32Array(expected.buffer, expected.byteOffset, expected.length);
  const first = a.findIndex((bits, i) => bits !== e[i]);
  expect(first, `${what}: first differing value`).toBe(-1);
}

/** Noisy speech-like test signal (deterministic). */
function signal(n: number): Float32Array {
  let x = 12345;
  return Float32Array.from({ length: n }, (_, i) => {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    return 0.4 * Math.sin(i * 0.031) * Math.sin(i * 0.0007) + 0.1 * (x / 0x7fffffff - 0.5);
  });
}

/** A source that records every range read from it, and refuses reads outside the signal. */
function recording(samples: Float32Array): SampleSource & { reads: [number, number][] } {
  const inner = arraySource(samples);
  const reads: [number, number][] = [];
  return {
    length: inner.length,
    reads,
    read(start, out) {
      reads.push([start, start + out.length]);
      inner.read(start, out);
    },
  };
}

const SMALL: MelConfig = resolveMelConfig({ nFft: 64, winLength: 48, hopLength: 16, nMels: 8, fMaxHz: 8000 });

describe('logMelOfSource computed in blocks equals one block of everything, bit for bit', () => {
  const configs: [string, MelConfig][] = [
    ['tacotron2 (centre, reflect nFft/2)', TACOTRON2_MEL],
    ['hifigan (reflect (nFft − hop)/2)', HIFIGAN_MEL],
    ['nFft 64 win 48 hop 16', SMALL],
    ['hifigan padding, odd nFft − hop', resolveMelConfig({ preset: 'hifigan', hopLength: 255 })],
  ];
  for (const [label, config] of configs) {
    it(`${label}: blocks of 1, 2, 3, 7, 64, 1000 frames at several odd lengths`, () => {
      const min = minSamples(config);
      for (const n of [min, min + 1, 5 * config.hopLength + 3, 20_011]) {
        const x = signal(n);
        const nFrames = frameCount(config, n);
        const whole = logMelOfSource(arraySource(x), config, { framesPerBlock: nFrames });
        for (const framesPerBlock of [1, 2, 3, 7, 64, 1000]) {
          const source = recording(x);
          const blocks = logMelOfSource(source, config, { framesPerBlock });
          expectSameBits(blocks.data, whole.data, `n=${n} block=${framesPerBlock}`);
          const expectedReads = Math.ceil(nFrames / framesPerBlock);
          expect(source.reads.length, `reads for n=${n} block=${framesPerBlock}`).toBe(expectedReads);
        }
      }
    });
  }

  it('each block reads no more than its own frames and their reflections', () => {
    const x = signal(22050);
    const source = recording(x);
    logMelOfSource(source, TACOTRON2_MEL, { framesPerBlock: 10 });
    const span = 9 * 256 + 1024;
    for (const [from, to] of source.reads) expect(to - from).toBeLessThanOrEqual(span);
    // The first block mirrors samples 1…512 and the last reads the end of the signal.
    expect(source.reads[0]).toEqual([0, span - 512]);
    expect(source.reads.at(-1)![1]).toBe(22050);
  });

  it('logMel on an array is the same computation, and onFrames reports every frame once, in order', () => {
    const x = signal(50_000);
    const seen: [number, number][] = [];
    const blocks = logMelOfSource(arraySource(x), TACOTRON2_MEL, {
      framesPerBlock: 37,
      onFrames: (start, end) => seen.push([start, end]),
    });
    expectSameBits(logMel(x, TACOTRON2_MEL).data, blocks.data, 'logMel vs 37-frame blocks');
    expect(seen[0]![0]).toBe(0);
    expect(seen.at(-1)![1]).toBe(blocks.nFrames);
    seen.slice(1).forEach(([start], i) => expect(start).toBe(seen[i]![1]));
  });
});

describe('logMelOfSource checks the output size before allocating it', () => {
  it('fails clearly when [nMels, nFrames] would exceed MAX_MEL_VALUES, without reading a sample', () => {
    const config = resolveMelConfig({ hopLength: 1, nMels: 80 });
    const n = Math.ceil(MAX_MEL_VALUES / 80);
    const source: SampleSource = {
      length: n,
      read() {
        throw new Error('read before the size check');
      },
    };
    expect(() => logMelOfSource(source, config)).toThrow(AudioTooLongError);
    expect(() => logMelOfSource(source, config)).toThrow(
      /would be \[80, \d+\] = \d+ values; at most 536870912/,
    );
  });
});

describe('logMelOfSource over a range of frames', () => {
  it('ranges that tile the signal give its columns, bit for bit (reflections at both ends included)', () => {
    const x = signal(30_011);
    for (const config of [TACOTRON2_MEL, HIFIGAN_MEL]) {
      const whole = logMel(x, config);
      const cuts = [0, 1, 5, 40, 41, 100, whole.nFrames - 1, whole.nFrames];
      for (let i = 0; i + 1 < cuts.length; i++) {
        const [start, end] = [cuts[i]!, cuts[i + 1]!];
        const part = logMelOfSource(arraySource(x), config, { frames: { start, end }, framesPerBlock: 7 });
        expect(part.nFrames).toBe(end - start);
        const expected = new Float32Array(config.nMels * (end - start));
        for (let m = 0; m < config.nMels; m++) {
          expected.set(
            whole.data.subarray(m * whole.nFrames + start, m * whole.nFrames + end),
            m * (end - start),
          );
        }
        expectSameBits(part.data, expected, `${config.preset} frames ${start}…${end}`);
      }
    }
  });

  it('refuses a range outside the signal', () => {
    const x = signal(5000);
    for (const frames of [
      { start: -1, end: 3 },
      { start: 3, end: 3 },
      { start: 0, end: 21 },
    ]) {
      expect(() => logMelOfSource(arraySource(x), TACOTRON2_MEL, { frames })).toThrow(RangeError);
    }
  });
});
