/**
 * How the window names the mel spectrograms it reads and writes, with the band count of the
 * settings in force (80 for Tacotron 2, 64 after Mel settings… says so), not a fixed 80.
 */
import type { ExportFormat } from '../../../shared/api/contract';
import type { MelConfig } from '../../../shared/mel/config';

/** `[80, T]`: a mel spectrogram's shape, bands × frames. */
export function melShape(nMels: number): string {
  return `[${nMels}, T]`;
}

/** The Export… menu: each format and its label, the .npy shapes with their band count. */
export function exportChoices(nMels: number): readonly { format: ExportFormat; label: string }[] {
  return [
    { format: 'npy', label: `.npy ${melShape(nMels)}` },
    { format: 'npy-batched', label: `.npy [1, ${nMels}, T]` },
    { format: 'npz', label: '.npz' },
    { format: 'csv', label: '.csv' },
    { format: 'png', label: '.png (view)' },
  ];
}

/** `80-band log-mel spectrogram (tacotron2 settings: 22.05 kHz, n_fft 1024, hop 256, mel 0–8000 Hz)`. */
export function melDescription(config: MelConfig): string {
  const settings = [
    `${config.sampleRateHz / 1000} kHz`,
    `n_fft ${config.nFft}`,
    `hop ${config.hopLength}`,
    `mel ${config.fMinHz}–${config.fMaxHz} Hz`,
  ].join(', ');
  return `${config.nMels}-band log-mel spectrogram (${config.preset} settings: ${settings})`;
}
