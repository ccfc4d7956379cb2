import { describe, expect, it } from 'vitest';
import { AudioTooShortError, CancelledError } from '../../../shared/errors';
import { HIFIGAN_MEL, TACOTRON2_MEL, type MelConfig } from '../../../shared/mel/config';
import { logMel } from '../../../shared/mel/log-mel';
import {
  griffinLim,
  griffinLimFromMagnitude,
  MelTooLongError,
  minGriffinLimFrames,
} from '../../../shared/audio-synthesis/griffin-lim';
import { melToMagnitude } from '../../../shared/audio-synthesis/mel-inverse';
import { stftGeometry } from '../../../shared/audio-synthesis/stft';
import { floatsOf, readNpzFixture, tensorOf } from '../backend/fixtures';

const reference = readNpzFixture('griffin-lim', 'reference.npz');
/** speech_pcm16's tacotron2 log-mel [80, 123] and torchaudio's round-trip error at 32 iterations. */
const speech = floatsOf(reference, 'gl_mel');
const nFrames = speech.length / 80;
const torchaudioError = tensorOf(reference, 'gl_torchaudio_error').data[0]!;
const magnitude = melToMagnitude(speech, nFrames, TACOTRON2_MEL);
const geometry = stftGeometry(TACOTRON2_MEL);
const fromMagnitude = (options: Parameters<typeof griffinLimFromMagnitude>[3]): Float32Array =>
  griffinLimFromMagnitude(magnitude, nFrames, geometry, options);

/** Mean |Δ| of the log-mel of `samples` to `mel` where mel > −9 (the first min(T, T') frames). */
function roundTripError(mel: Float32Array, samples: Float32Array, config: MelConfig): number {
  const again = logMel(samples, config);
  const frames = Math.min(nFrames, again.nFrames);
  let sum = 0;
  let count = 0;
  for (let m = 0; m < 80; m++) {
    for (let t = 0; t < frames; t++) {
      const ref = mel[m * nFrames + t]!;
      if (ref <= -9) continue;
      sum += Math.abs(again.data[m * again.nFrames + t]! - ref);
      count++;
    }
  }
  return sum / count;
}

describe('griffinLim', () => {
  it("speech_pcm16 round trip (32 iterations) is no worse than torchaudio's pinv + GriffinLim", () => {
    const samples = griffinLim(speech, nFrames, TACOTRON2_MEL, { iterations: 32 });
    expect(samples.length).toBe(256 * (nFrames - 1));
    const error = roundTripError(speech, samples, TACOTRON2_MEL);
    // Measured 0.132 vs torchaudio's 0.137 (test/fixtures/griffin-lim/make_fixtures.py).
    expect(error).toBeLessThan(torchaudioError);
    expect(error).toBeGreaterThan(0.05);
  });

  it('more iterations fit better than none (the loop does its job)', () => {
    const none = roundTripError(speech, fromMagnitude({ iterations: 0 }), TACOTRON2_MEL);
    const some = roundTripError(speech, fromMagnitude({ iterations: 16 }), TACOTRON2_MEL);
    expect(some).toBeLessThan(0.8 * none);
  });

  it('is deterministic: zero phase by default, the seeded random start repeats and differs from it', () => {
    const a = fromMagnitude({ iterations: 4 });
    const b = fromMagnitude({ iterations: 4 });
    expect(Buffer.from(a.buffer).equals(Buffer.from(b.buffer))).toBe(true);
    const r1 = fromMagnitude({ iterations: 4, init: 'random', seed: 5 });
    const r2 = fromMagnitude({ iterations: 4, init: 'random', seed: 5 });
    expect(Buffer.from(r1.buffer).equals(Buffer.from(r2.buffer))).toBe(true);
    expect(Buffer.from(r1.buffer).equals(Buffer.from(a.buffer))).toBe(false);
  });

  it('hifigan: hop·T samples whose HiFi-GAN mel matches the input', () => {
    const samples = griffinLim(speech, nFrames, HIFIGAN_MEL, { iterations: 16 });
    expect(samples.length).toBe(256 * nFrames);
    expect(roundTripError(speech, samples, HIFIGAN_MEL)).toBeLessThan(0.25);
  });

  it('reports progress from the inversion to 1 and stops when cancelled', () => {
    const seen: number[] = [];
    griffinLim(speech.subarray(0, 80 * 8), 8, TACOTRON2_MEL, {
      iterations: 3,
      onProgress: (f) => seen.push(f),
    });
    expect(seen.at(-1)).toBe(1);
    expect(seen.length).toBeGreaterThan(3);
    expect([...seen].sort((x, y) => x - y)).toEqual(seen);
    let calls = 0;
    const signal = {
      get aborted() {
        return ++calls > 3;
      },
    };
    expect(() => fromMagnitude({ iterations: 10, signal })).toThrow(CancelledError);
  });
});

describe('griffinLim fails clearly', () => {
  it('when the mel is too short for the STFT to reflect-pad its result', () => {
    const min = minGriffinLimFrames(TACOTRON2_MEL);
    expect(min).toBe(4); // 256·(T − 1) samples must exceed the 512-sample pad
    expect(() => griffinLim(new Float32Array(80 * 3), 3, TACOTRON2_MEL)).toThrow(AudioTooShortError);
    expect(() => griffinLim(new Float32Array(80 * 3), 3, TACOTRON2_MEL)).toThrow(
      /a mel of 3 frames is too short for the tacotron2 STFT \(nFft 1024, hop 256\): it needs at least 4 frames/,
    );
  });

  it('when the mel is too long to invert at once, before allocating anything', () => {
    const frames = 200_000; // the data is never read: the size check comes first
    expect(() => griffinLim(new Float32Array(80), frames, TACOTRON2_MEL)).toThrow(MelTooLongError);
    expect(() => griffinLim(new Float32Array(80), frames, TACOTRON2_MEL)).toThrow(
      /a mel of 200000 frames is too long to invert at once: at most 130816 frames \(25\.3 min at hop 256, 22050 Hz\)/,
    );
  });

  it('when iterations or momentum are out of range', () => {
    expect(() => griffinLim(speech, nFrames, TACOTRON2_MEL, { iterations: 1001 })).toThrow(
      /iterations must be an integer from 0 to 1000, got 1001/,
    );
    expect(() => griffinLim(speech, nFrames, TACOTRON2_MEL, { momentum: 1 })).toThrow(
      /momentum must be in \[0, 1\), got 1/,
    );
  });
});
