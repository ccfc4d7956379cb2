import { describe, expect, it } from 'vitest';
import { inputFacts, npySettingsFact, npySettingsHint } from '../../../renderer/src/app/input-facts';
import type { NpySettingsOrigin } from '../../../shared/spectrogram';
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
    expect(facts[1]).toEqual({ label: 'settings', value: 'assumed: tacotron2 preset', warning: true });
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

describe('input facts: where an .npy’s mel settings came from', () => {
  const npy = (settings?: NpySettingsOrigin, preset: 'tacotron2' | 'custom' = 'tacotron2') => {
    const input = syntheticInput('mel', 10);
    const source = { name: 'mel.npy', kind: 'npy' as const, ...(settings ? { settings } : {}) };
    return { ...input, audio: null, mel: { ...input.mel, config: { ...input.mel.config, preset }, source } };
  };

  it('assumed (no sidecar): a warning naming the preset, and a hint saying how to set them', () => {
    expect(npySettingsFact(npy({ from: 'assumed' }))).toEqual({
      label: 'settings',
      value: 'assumed: tacotron2 preset',
      warning: true,
    });
    expect(npySettingsFact(npy({ from: 'assumed' }, 'custom')).value).toBe('assumed: custom settings');
    expect(npySettingsHint(npy({ from: 'assumed' }))).toMatch(/set its sample rate and hop in Mel settings…/);
  });

  it('an .npy from before the origin was recorded counts as assumed', () => {
    expect(npySettingsFact(npy()).value).toBe('assumed: tacotron2 preset');
    expect(npySettingsHint(npy())).not.toBeNull();
  });

  it('from the sidecar: names the file, no warning, no hint', () => {
    const input = npy({ from: 'sidecar', file: 'mel.npy.json' });
    expect(npySettingsFact(input)).toEqual({ label: 'settings', value: 'from mel.npy.json' });
    expect(npySettingsHint(input)).toBeNull();
  });

  it('set by the user: no warning, no hint', () => {
    expect(npySettingsFact(npy({ from: 'given' }))).toEqual({
      label: 'settings',
      value: 'set here (Mel settings…)',
    });
    expect(npySettingsHint(npy({ from: 'given' }))).toBeNull();
  });

  it('a WAV has no settings hint (its settings made it)', () => {
    expect(npySettingsHint(syntheticInput('speech', 10))).toBeNull();
  });
});

describe('input facts: what opening noticed', () => {
  it('a truncated WAV shows its warning among the facts, marked as a warning', () => {
    const warning =
      'cut.wav: truncated WAV: the data chunk declares 44100 samples, the file holds 25000 (19100 samples, 0.866 s, missing)';
    const facts = inputFacts({ ...syntheticInput('cut', 100), warnings: [warning] });
    expect(facts.filter((fact) => fact.label === 'warning')).toEqual([
      { label: 'warning', value: warning, warning: true },
    ]);
  });
});
