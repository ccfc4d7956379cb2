import { describe, expect, it } from 'vitest';
import { parseWav } from '../../../shared/audio/wav';
import { expectClose } from '../../helpers/close';
import { readFixture } from '../../helpers/fixtures';
import { readManifest } from '../mel/torchaudio-reference';

/** What parseWav should call each fixture's encoding. */
const ENCODINGS: Record<string, string> = {
  'speech_pcm16.wav': 'PCM 16-bit',
  'speech_pcm8.wav': 'PCM 8-bit unsigned',
  'speech_pcm24.wav': 'PCM 24-bit',
  'speech_pcm32.wav': 'PCM 32-bit',
  'speech_f32.wav': 'IEEE float 32-bit',
  'speech_f64.wav': 'IEEE float 64-bit',
  'speech_alaw.wav': 'A-law',
  'speech_mulaw.wav': 'µ-law',
  'speech_ext24_stereo.wav': 'PCM 24-bit (extensible)',
  'speech_pcm16_stereo.wav': 'PCM 16-bit',
  'speech_16k.wav': 'PCM 16-bit',
  'speech_44k.wav': 'PCM 16-bit',
  'speech_ext16_4ch_16k.wav': 'PCM 16-bit (extensible)',
  'speech_mulaw_8k.wav': 'µ-law',
  'chirp_pcm16.wav': 'PCM 16-bit',
  'noise_f32_48k.wav': 'IEEE float 32-bit',
};

describe('parseWav decodes the sox-made fixtures as torchaudio.load does', () => {
  const manifest = readManifest();

  it('has an expected encoding for every fixture', () => {
    expect(manifest.map((e) => e.name).sort()).toEqual(Object.keys(ENCODINGS).sort());
  });

  it.each(manifest.map((e) => [e.name, e] as const))('%s', (name, entry) => {
    const audio = parseWav(readFixture('audio', name));
    expect(audio).toMatchObject({
      sampleRateHz: entry.sampleRateHz,
      nChannels: entry.nChannels,
      nSamples: entry.nSamples,
      encoding: ENCODINGS[name],
    });
    const { excerptStart, excerpt, sum, sumAbs } = entry.decoded;
    // torchaudio decodes 32-bit and float64 through sox's int32 → float32 path: 1 ulp apart at most.
    expectClose(audio.samples.subarray(excerptStart, excerptStart + excerpt.length), excerpt, {
      atol: 3e-8,
      label: name,
    });
    let ourSum = 0;
    let ourSumAbs = 0;
    for (const v of audio.samples) {
      ourSum += v;
      ourSumAbs += Math.abs(v);
    }
    expectClose([ourSum, ourSumAbs], [sum, sumAbs], { atol: 1e-3, rtol: 1e-6, label: name });
  });

  it('reads a fixture cut short as far as it goes, saying how many samples are missing', () => {
    const bytes = readFixture('audio', 'speech_pcm16.wav');
    const whole = parseWav(bytes);
    const cut = parseWav(bytes.subarray(0, bytes.length - 1001));
    // 1001 bytes of 16-bit mono: 500 whole samples and half of one more
    expect(cut.nSamples).toBe(whole.nSamples - 501);
    expect(cut.samples).toEqual(whole.samples.subarray(0, cut.nSamples));
    expect(cut.warnings).toEqual([
      `truncated WAV: the data chunk declares ${whole.nSamples * 2} bytes (${whole.nSamples} samples) but the file ` +
        `ends after ${cut.nSamples} samples: 501 samples (${(501 / whole.sampleRateHz).toFixed(3)} s) missing; ` +
        `reading the ${cut.nSamples} there are`,
    ]);
  });
});
