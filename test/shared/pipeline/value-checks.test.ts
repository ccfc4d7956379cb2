import { describe, expect, it } from 'vitest';
import { parseWav } from '../../../shared/audio/wav';
import { TACOTRON2_MEL } from '../../../shared/mel/config';
import { logMel } from '../../../shared/mel/log-mel';
import { analyzeWav } from '../../../shared/pipeline/analyze';
import { spectrogramValueWarnings } from '../../../shared/pipeline/value-checks';
import type { Spectrogram } from '../../../shared/spectrogram';
import { readFixture } from '../../helpers/fixtures';

const speech = analyzeWav(readFixture('audio', 'speech_pcm16.wav'), 'speech.wav', TACOTRON2_MEL).mel;

/** The speech fixture as a mel spectrogram of `samples · gain`, marked as coming from `kind`. */
function scaled(gain: number): Spectrogram {
  const samples = parseWav(readFixture('audio', 'speech_pcm16.wav')).samples.map((x) => x * gain);
  const mel = logMel(samples, TACOTRON2_MEL);
  return { ...mel, config: TACOTRON2_MEL, source: { name: 'tiny.wav', kind: 'wav' } };
}

function fromNpy(values: (i: number) => number): Spectrogram {
  const data = Float32Array.from({ length: 80 * 50 }, (_, i) => values(i));
  return { data, nMels: 80, nFrames: 50, config: TACOTRON2_MEL, source: { name: 'mel.npy', kind: 'npy' } };
}

describe('spectrogram value checks', () => {
  it('speech at a normal level, and a quiet take 40 dB down, raise nothing', () => {
    expect(spectrogramValueWarnings(speech)).toEqual([]);
    expect(spectrogramValueWarnings(scaled(0.01))).toEqual([]);
  });

  it('a natural-log mel .npy (this app’s own export) raises nothing', () => {
    expect(spectrogramValueWarnings({ ...speech, source: { name: 'speech.npy', kind: 'npy' } })).toEqual([]);
  });

  it('fails clearly on audio divided by 32768 twice: says so, with the loudest value', () => {
    const [warning, ...rest] = spectrogramValueWarnings(scaled(1 / 32768));
    expect(rest).toEqual([]);
    expect(warning).toMatch(
      /^tiny\.wav is very quiet: its loudest mel value is −\d+\.\d\d \(speech at a normal level reaches about 0\); was the audio divided by 32768 twice\? Tacotron 2 expects float samples in \[−1, 1\]$/,
    );
  });

  it('fails clearly on a log10 mel .npy (floor −5): says it looks like log10, not natural log', () => {
    const warnings = spectrogramValueWarnings(fromNpy((i) => (i % 7 === 0 ? -5 : -1.5 + (i % 3) * 0.5)));
    expect(warnings).toEqual([
      'mel.npy looks like a log10 mel (its lowest value is −5.00, log10 of 1e-5): Tacotron 2 and this app use the natural log (floor −11.51); multiply by ln 10 = 2.3026',
    ]);
  });

  it('fails clearly on a decibel .npy and on a linear (not log) one', () => {
    expect(spectrogramValueWarnings(fromNpy((i) => -100 + (i % 100)))).toEqual([
      'mel.npy ranges from −100.00 to −1.00: that looks like decibels, not a natural-log mel (Tacotron 2’s values lie between −11.51 and about 2)',
    ]);
    expect(spectrogramValueWarnings(fromNpy((i) => (i % 10) * 0.1))).toEqual([
      'mel.npy has no negative values (0.00 to 0.90): that looks like a linear mel, not its natural log (Tacotron 2’s silence is −11.51)',
    ]);
  });
});
