import { describe, expect, it } from 'vitest';
import { exportChoices, melDescription, melShape } from '../../../renderer/src/app/mel-labels';
import { TACOTRON2_MEL } from '../../../shared/mel/config';

describe('mel labels', () => {
  it('name the Tacotron 2 spectrogram with its 80 bands', () => {
    expect(melShape(80)).toBe('[80, T]');
    expect(exportChoices(80).map((choice) => choice.label)).toEqual([
      '.npy [80, T]',
      '.npy [1, 80, T]',
      '.npz',
      '.csv',
      '.png (view)',
    ]);
    expect(melDescription(TACOTRON2_MEL)).toBe(
      '80-band log-mel spectrogram (tacotron2 settings: 22.05 kHz, n_fft 1024, hop 256, mel 0–8000 Hz)',
    );
  });

  it('fails clearly when the settings have 64 bands: every label says 64, none says 80', () => {
    const bands64 = { ...TACOTRON2_MEL, preset: 'custom' as const, nMels: 64 };
    const labels = [
      melShape(64),
      ...exportChoices(64).map((choice) => choice.label),
      melDescription(bands64),
    ];
    expect(labels.filter((label) => label.includes('64'))).toHaveLength(4);
    expect(labels.join(' ')).not.toMatch(/\b80\b/);
  });
});
