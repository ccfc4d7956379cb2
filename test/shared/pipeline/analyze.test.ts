import { describe, expect, it } from 'vitest';
import { AudioTooShortError, CancelledError, WavFormatError } from '../../../shared/errors';
import { TACOTRON2_MEL, resolveMelConfig } from '../../../shared/mel/config';
import { logMel } from '../../../shared/mel/log-mel';
import { analyzeWav } from '../../../shared/pipeline/analyze';
import { expectClose } from '../../helpers/close';
import { pcm16Wav } from '../../helpers/make-wav';

function sineInts(nSamples: number, hz: number, rateHz: number): number[] {
  return Array.from({ length: nSamples }, (_, n) =>
    Math.round(16000 * Math.sin((2 * Math.PI * hz * n) / rateHz)),
  );
}

describe('analyzeWav', () => {
  it('a 22.05 kHz WAV → its audio facts and the mel of its samples, named after the file', () => {
    const ints = sineInts(11025, 440, 22050);
    const { audio, mel } = analyzeWav(pcm16Wav(ints), 'a.wav', TACOTRON2_MEL);
    expect(audio).toEqual({
      encoding: 'PCM 16-bit',
      sampleRateHz: 22050,
      nChannels: 1,
      nSamples: 11025,
      durationS: 0.5,
    });
    expect(mel).toMatchObject({
      nMels: 80,
      nFrames: 44,
      config: TACOTRON2_MEL,
      source: { name: 'a.wav', kind: 'wav' },
    });
    const direct = logMel(
      Float32Array.from(ints, (v) => v / 32768),
      TACOTRON2_MEL,
    );
    expectClose(mel.data, direct.data, { atol: 0 });
  });

  it('resamples when the file rate differs: 16 kHz, 1 s → 22050 samples → 87 frames', () => {
    const { audio, mel } = analyzeWav(pcm16Wav(sineInts(16000, 440, 16000), 16000), 'b.wav', TACOTRON2_MEL);
    expect(audio.sampleRateHz).toBe(16000);
    expect(mel.nFrames).toBe(87);
    // The sine's band is where it is at 22.05 kHz.
    const frame = Array.from({ length: 80 }, (_, m) => mel.data[m * mel.nFrames + 43]!);
    expect(frame.indexOf(Math.max(...frame))).toBe(11);
  });

  it('analyses at the config rate: a 16 kHz config leaves a 16 kHz file alone', () => {
    const config = resolveMelConfig({ sampleRateHz: 16000, fMaxHz: 8000 });
    const { mel } = analyzeWav(pcm16Wav(sineInts(16000, 440, 16000), 16000), 'c.wav', config);
    expect(mel.nFrames).toBe(Math.floor(16000 / 256) + 1);
  });

  it('reports progress from 0 to 1', () => {
    const seen: number[] = [];
    analyzeWav(pcm16Wav(sineInts(16000, 440, 16000), 16000), 'd.wav', TACOTRON2_MEL, {
      onProgress: (f) => seen.push(f),
    });
    expect(seen[0]).toBeGreaterThan(0);
    expect(seen.at(-1)).toBe(1);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
  });

  it('fails clearly on a bad WAV: the same error class, the file named first', () => {
    expect(() => analyzeWav(new Uint8Array(10), 'broken.wav', TACOTRON2_MEL)).toThrow(WavFormatError);
    expect(() => analyzeWav(new Uint8Array(10), 'broken.wav', TACOTRON2_MEL)).toThrow(
      /^broken\.wav: not a RIFF\/WAVE file/,
    );
  });

  it('fails clearly when audio is too short, giving both rates when it was resampled', () => {
    const run = () => analyzeWav(pcm16Wav(sineInts(300, 440, 16000), 16000), 'short.wav', TACOTRON2_MEL);
    expect(run).toThrow(AudioTooShortError);
    expect(run).toThrow(
      /^short\.wav: audio too short for the STFT: 414 samples at 22050 Hz \(300 at 16000 Hz in the file\), the tacotron2 mel config needs at least 513/,
    );
  });

  it('passes cancellation through unchanged', () => {
    const run = () =>
      analyzeWav(pcm16Wav(sineInts(16000, 440, 16000), 16000), 'e.wav', TACOTRON2_MEL, {
        signal: { aborted: true },
      });
    expect(run).toThrow(CancelledError);
    // Resampling runs inside the mel, block by block, so the mel is what was stopped.
    expect(run).toThrow(/^the mel spectrogram was cancelled$/);
  });
});
