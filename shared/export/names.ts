/** File names and dialog filters for exports: one table per format. */
import type { ExportFormat } from '../api/contract';
import type { TensorExportFormat } from '../api/microscope';

/** What a save dialog or a download is for: a result's format, or one tensor of the weights (the microscope). */
export type ExportFileKind = ExportFormat | `tensor-${TensorExportFormat}`;

export const EXPORT_EXTENSIONS: Readonly<Record<ExportFileKind, string>> = {
  npy: 'npy',
  'npy-batched': 'npy',
  npz: 'npz',
  png: 'png',
  csv: 'csv',
  'tensor-npy': 'npy',
  'tensor-csv': 'csv',
};

/** What the save dialog and the menu call each format. */
export const EXPORT_LABELS: Readonly<Record<ExportFileKind, string>> = {
  npy: 'NumPy [nMels, T] float32 — HiFi-GAN fine-tuning, Tacotron 2',
  'npy-batched': 'NumPy [1, nMels, T] float32 — HiFi-GAN inference',
  npz: 'NumPy archive — input, residual, output and mel config',
  png: 'PNG image of the view',
  csv: 'CSV — one row per frame',
  'tensor-npy': 'NumPy — one tensor in its dtype and shape',
  'tensor-csv': 'CSV — one tensor, one row per index of all but the last axis',
};

/**
 * What follows the stem, so that no two formats of one input share a default name: the batched
 * `[1, nMels, T]` `.npy` is `speech_batched.npy` beside the `[nMels, T]` `speech.npy` (a browser
 * would otherwise rename the second download, and its sidecar's `file` would no longer match).
 */
const EXPORT_NAME_SUFFIXES: Readonly<Record<ExportFormat, string>> = {
  npy: '',
  'npy-batched': '_batched',
  npz: '',
  png: '',
  csv: '',
};

/**
 * `speech.wav` → `speech.npy`: vocoders look mel files up by the WAV's stem (HiFi-GAN fine-tuning
 * and Tacotron 2 read the `[nMels, T]` one); `speech_batched.npy` for `[1, nMels, T]`.
 */
export function defaultExportName(inputName: string, format: ExportFormat): string {
  const dot = inputName.lastIndexOf('.');
  const stem = dot > 0 ? inputName.slice(0, dot) : inputName;
  return `${stem || 'output'}${EXPORT_NAME_SUFFIXES[format]}.${EXPORT_EXTENSIONS[format]}`;
}

/**
 * The sidecar sits beside the export as `OUT.<ext>.json` (`speech.npy.json`): the full name plus
 * `.json`, so `speech.npy` and `speech.csv` in one folder get separate sidecars and no sidecar is
 * mistaken for a `.json` weights file named after the stem.
 */
export function sidecarName(fileName: string): string {
  return `${fileName}.json`;
}

/** Adds the format's extension when the user typed a name without it. */
export function withExportExtension(fileName: string, format: ExportFileKind): string {
  const extension = `.${EXPORT_EXTENSIONS[format]}`;
  return fileName.toLowerCase().endsWith(extension) ? fileName : `${fileName}${extension}`;
}
