import { describe, expect, it } from 'vitest';
import { HIFIGAN_MEL, MEL_PRESETS, TACOTRON2_MEL } from '../../../shared/mel/config';
import {
  EDITOR_PRESETS,
  isMelPresetName,
  MEL_SETTING_FIELDS,
  melSettingsDraft,
  presetDraft,
  resolveMelSettings,
} from '../../../renderer/src/app/mel-settings';

describe('Mel settings: the editor’s fields', () => {
  it('start from the settings in use, as text, under the app’s labels', () => {
    expect(MEL_SETTING_FIELDS.map((field) => field.label)).toEqual([
      'sample rate',
      'n_fft',
      'win',
      'hop',
      'n_mels',
      'fmin',
      'fmax',
    ]);
    expect(melSettingsDraft(TACOTRON2_MEL)).toEqual({
      preset: 'tacotron2',
      values: {
        sampleRateHz: '22050',
        nFft: '1024',
        winLength: '1024',
        hopLength: '256',
        nMels: '80',
        fMinHz: '0',
        fMaxHz: '8000',
      },
    });
  });

  it('custom settings start from the preset they were made from (HiFi-GAN padding → hifigan)', () => {
    expect(melSettingsDraft({ ...HIFIGAN_MEL, preset: 'custom', nMels: 64 }).preset).toBe('hifigan');
    expect(melSettingsDraft({ ...TACOTRON2_MEL, preset: 'custom', nMels: 64 }).values.nMels).toBe('64');
  });

  it('offers the presets it has the settings of, each of which starts a draft', () => {
    expect(EDITOR_PRESETS).toEqual(Object.keys(MEL_PRESETS));
    for (const name of EDITOR_PRESETS) expect(presetDraft(name).preset).toBe(name);
  });

  it('fails clearly on a preset name this build lacks (a newer host’s, or a prototype key): not a preset', () => {
    expect(isMelPresetName('hifigan')).toBe(true);
    expect(isMelPresetName('fastspeech2')).toBe(false);
    expect(isMelPresetName('toString')).toBe(false);
    expect(isMelPresetName('custom')).toBe(false);
  });
});

describe('Mel settings: applying', () => {
  const draft = (values: Partial<ReturnType<typeof melSettingsDraft>['values']>, preset = TACOTRON2_MEL) => {
    const start = melSettingsDraft(preset);
    return { ...start, values: { ...start.values, ...values } };
  };

  it('64 bands on the tacotron2 preset: a custom config with the preset’s padding and log floor', () => {
    const result = resolveMelSettings(draft({ nMels: '64' }));
    expect(result).toEqual({ ok: true, config: { ...TACOTRON2_MEL, preset: 'custom', nMels: 64 } });
  });

  it('the preset’s own values give the preset back (not custom)', () => {
    expect(resolveMelSettings(draft({}, HIFIGAN_MEL))).toEqual({ ok: true, config: { ...HIFIGAN_MEL } });
  });

  it('fails clearly on what resolveMelConfig refuses, in the editor’s words, naming the field', () => {
    expect(resolveMelSettings(draft({ fMaxHz: '12000' }))).toEqual({
      ok: false,
      field: 'fMaxHz',
      message: 'fmax 12000 Hz is above the Nyquist frequency 11025 Hz of 22050 Hz audio',
    });
    expect(resolveMelSettings(draft({ nFft: '1000' }))).toEqual({
      ok: false,
      field: 'nFft',
      message: 'n_fft must be a power of two (the FFT needs it), got 1000',
    });
    expect(resolveMelSettings(draft({ winLength: '2048' }))).toMatchObject({
      field: 'winLength',
      message: 'win 2048 is longer than n_fft 1024',
    });
    expect(resolveMelSettings(draft({ nMels: '0' }))).toMatchObject({
      field: 'nMels',
      message: 'n_mels must be an integer ≥ 1, got 0',
    });
  });

  it('fails clearly on text that is not a number, or nothing, before any config is made', () => {
    expect(resolveMelSettings(draft({ nMels: 'sixty-four' }))).toEqual({
      ok: false,
      field: 'nMels',
      message: "n_mels must be a number, got 'sixty-four'",
    });
    expect(resolveMelSettings(draft({ hopLength: ' ' }))).toEqual({
      ok: false,
      field: 'hopLength',
      message: 'hop is empty',
    });
  });
});
