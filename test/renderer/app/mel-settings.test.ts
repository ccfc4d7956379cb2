import { describe, expect, it } from 'vitest';
import { HIFIGAN_MEL, MEL_PRESETS, TACOTRON2_MEL } from '../../../shared/mel/config';
import {
  EDITOR_PRESETS,
  isMelPresetName,
  MEL_SETTING_FIELDS,
  melSettingsDraft,
  presetDraft,
  presetForInput,
  resolveMelSettings,
  shownFMax,
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
      fMaxNyquist: false,
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

describe('Mel settings: fmax None (sample rate / 2), as TacotronSTFT(mel_fmax=None)', () => {
  const nyquist = (values: Partial<ReturnType<typeof melSettingsDraft>['values']> = {}) => {
    const start = melSettingsDraft(TACOTRON2_MEL);
    return { ...start, values: { ...start.values, ...values }, fMaxNyquist: true };
  };

  it('takes fmax = sample rate / 2 and ignores what the fmax field held', () => {
    const result = resolveMelSettings(nyquist({ fMaxHz: 'not read' }));
    expect(result).toEqual({ ok: true, config: { ...TACOTRON2_MEL, preset: 'custom', fMaxHz: 11025 } });
  });

  it('follows the sample rate: 16 kHz gives fmax 8000', () => {
    const result = resolveMelSettings(nyquist({ sampleRateHz: '16000' }));
    expect(result).toMatchObject({ ok: true, config: { sampleRateHz: 16000, fMaxHz: 8000 } });
    expect(shownFMax(nyquist({ sampleRateHz: '16000' }))).toBe('8000');
  });

  it('shows the typed fmax when not None, and nothing while the sample rate is not a number', () => {
    expect(shownFMax(melSettingsDraft(TACOTRON2_MEL))).toBe('8000');
    expect(shownFMax(nyquist({ sampleRateHz: 'x' }))).toBe('');
  });

  it('a config whose fmax is sample rate / 2 opens with None ticked', () => {
    expect(melSettingsDraft({ ...TACOTRON2_MEL, preset: 'custom', fMaxHz: 11025 }).fMaxNyquist).toBe(true);
  });

  it('fails clearly on a bad sample rate, naming it, not fmax', () => {
    expect(resolveMelSettings(nyquist({ sampleRateHz: 'fast' }))).toMatchObject({
      ok: false,
      field: 'sampleRateHz',
    });
  });
});

describe('Mel settings for an .npy input, whose bands are its own', () => {
  it('keeps n_mels at the array’s band count', () => {
    expect(presetDraft('hifigan', 8).values.nMels).toBe('8');
    const start = melSettingsDraft({ ...TACOTRON2_MEL, preset: 'custom', nMels: 8 });
    const draft = {
      ...start,
      values: { ...start.values, sampleRateHz: '16000', fMaxHz: '8000', hopLength: '200' },
    };
    expect(resolveMelSettings(draft, 8)).toMatchObject({
      ok: true,
      config: { sampleRateHz: 16000, hopLength: 200, nMels: 8 },
    });
  });

  it('fails clearly when n_mels is changed from the array’s, naming the field and both counts', () => {
    const draft = melSettingsDraft(TACOTRON2_MEL);
    expect(resolveMelSettings(draft, 8)).toEqual({
      ok: false,
      field: 'nMels',
      message: 'n_mels must stay 8: the .npy holds 8 mel bands, got 80',
    });
  });

  it('reads a preset with the array’s bands, or the preset itself when they agree', () => {
    expect(presetForInput(HIFIGAN_MEL, 8)).toEqual({ ...HIFIGAN_MEL, preset: 'custom', nMels: 8 });
    expect(presetForInput(HIFIGAN_MEL, 80)).toBe(HIFIGAN_MEL);
    expect(presetForInput(HIFIGAN_MEL, undefined)).toBe(HIFIGAN_MEL);
  });

  it('keeps the preset when no valid config has those bands (more bands than the FFT has bins)', () => {
    expect(presetForInput(TACOTRON2_MEL, 600)).toBe(TACOTRON2_MEL);
  });
});
