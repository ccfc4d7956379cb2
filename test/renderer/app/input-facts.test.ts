import { describe, expect, it } from 'vitest';
import { inputFacts } from '../../../renderer/src/app/input-facts';
import { syntheticInput } from '../fakes';

describe('input facts', () => {
  it('a WAV input lists its audio, the mel settings and the channels-first orientation', () => {
    const facts = Object.fromEntries(
      inputFacts(syntheticInput('speech', 100)).map((f) => [f.label, f.value]),
    );
    expect(facts['audio']).toBe('PCM 16-bit, mono');
    expect(facts['mel']).toBe('n_fft 1024, win 1024, hop 256');
    expect(facts['bands']).toBe('80 Slaney, 0–8000 Hz');
    expect(facts['values']).toBe('ln(max(x, 0.00001))');
    expect(facts['frames']).toBe('centred, reflect (T = N // hop + 1)');
    expect(facts['array']).toBe('[80, 100] float32, channels first');
  });

  it('each fact is short enough for one line of the side panel (so the Conv1d card stays in view)', () => {
    const input = syntheticInput('speech', 51_680);
    const resampled = { ...input, audio: { ...input.audio!, sampleRateHz: 44100, nSamples: 26_460_000 } };
    for (const fact of inputFacts(resampled)) expect(fact.value.length, fact.label).toBeLessThanOrEqual(36);
  });

  it('says when the audio was resampled', () => {
    const input = syntheticInput('speech', 100);
    const facts = inputFacts({ ...input, audio: { ...input.audio!, sampleRateHz: 44100 } });
    expect(facts.find((f) => f.label === 'rate')!.value).toBe('44100 Hz → resampled to 22050 Hz');
  });

  it('fails clearly when there is no audio: an .npy input says where it came from', () => {
    const input = syntheticInput('mel', 10);
    const facts = inputFacts({
      ...input,
      audio: null,
      mel: { ...input.mel, source: { name: 'mel.npy', kind: 'npy' } },
    });
    expect(facts[0]).toEqual({ label: 'source', value: 'mel.npy (.npy spectrogram)' });
  });

  it('a WAV at a normal level carries no check', () => {
    expect(inputFacts(syntheticInput('speech', 100)).filter((f) => f.warning)).toEqual([]);
  });

  it('fails clearly on very quiet audio (÷ 32768 twice): a warning fact says so', () => {
    const input = syntheticInput('tiny', 100);
    const quiet = { ...input, mel: { ...input.mel, data: input.mel.data.map((v) => Math.min(v, -9.7)) } };
    const warnings = inputFacts(quiet).filter((f) => f.warning);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ label: 'check' });
    expect(warnings[0]!.value).toMatch(
      /^tiny\.wav is very quiet: its loudest mel value is −9\.70 .*divided by 32768 twice/,
    );
  });
});
