/** Checks that a MelConfig can work, with a MelConfigError that names the field and the limit. */
import { MelConfigError } from '../errors';
import type { MelConfig } from './config';
import { bandEdgesHz } from './filterbank';
import { MAX_N_FFT, MAX_N_MELS, MAX_SAMPLE_RATE_HZ } from './limits';

function integerAtLeast(config: MelConfig, field: keyof MelConfig, min: number): void {
  const value = config[field];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new MelConfigError(`${field} must be an integer ≥ ${min}, got ${String(value)}`);
  }
}

function integerAtMost(config: MelConfig, field: keyof MelConfig, max: number): void {
  const value = config[field] as number;
  if (value > max) throw new MelConfigError(`${field} must be at most ${max}, got ${value}`);
}

function finiteAtLeast(config: MelConfig, field: keyof MelConfig, min: number, strict: boolean): void {
  const value = config[field];
  const ok = typeof value === 'number' && Number.isFinite(value) && (strict ? value > min : value >= min);
  if (!ok)
    throw new MelConfigError(`${field} must be a number ${strict ? '>' : '≥'} ${min}, got ${String(value)}`);
}

/** Throws MelConfigError when the config cannot produce a sensible spectrogram. */
export function validateMelConfig(config: MelConfig): void {
  integerAtLeast(config, 'sampleRateHz', 1);
  integerAtMost(config, 'sampleRateHz', MAX_SAMPLE_RATE_HZ);
  integerAtLeast(config, 'nFft', 2);
  integerAtMost(config, 'nFft', MAX_N_FFT);
  if ((config.nFft & (config.nFft - 1)) !== 0) {
    throw new MelConfigError(`nFft must be a power of two (the FFT needs it), got ${config.nFft}`);
  }
  integerAtLeast(config, 'winLength', 1);
  if (config.winLength > config.nFft) {
    throw new MelConfigError(`winLength ${config.winLength} is longer than nFft ${config.nFft}`);
  }
  integerAtLeast(config, 'hopLength', 1);
  if (config.padding === 'hifigan' && config.hopLength > config.nFft) {
    throw new MelConfigError(
      `hifigan padding needs hopLength ≤ nFft, got hop ${config.hopLength} > ${config.nFft}`,
    );
  }
  if (config.padding !== 'center' && config.padding !== 'hifigan') {
    throw new MelConfigError(`padding must be 'center' or 'hifigan', got '${String(config.padding)}'`);
  }
  integerAtLeast(config, 'nMels', 1);
  integerAtMost(config, 'nMels', MAX_N_MELS);
  finiteAtLeast(config, 'fMinHz', 0, false);
  finiteAtLeast(config, 'fMaxHz', 0, true);
  const nyquistHz = config.sampleRateHz / 2;
  if (config.fMaxHz > nyquistHz) {
    throw new MelConfigError(
      `fMaxHz ${config.fMaxHz} Hz is above the Nyquist frequency ${nyquistHz} Hz of ${config.sampleRateHz} Hz audio`,
    );
  }
  if (config.fMinHz >= config.fMaxHz) {
    throw new MelConfigError(`fMinHz ${config.fMinHz} Hz must be below fMaxHz ${config.fMaxHz} Hz`);
  }
  finiteAtLeast(config, 'magnitudeEpsilon', 0, false);
  finiteAtLeast(config, 'logFloor', 0, true);
  checkNoEmptyBands(config);
}

/**
 * Band m of the filterbank is non-zero exactly on the FFT bins whose frequency k·sr/nFft lies
 * strictly inside (edge m, edge m+2) (a bin on an edge has weight 0). Edges and bin frequencies
 * both rise, so one sweep finds, for each band, the first bin above its lower edge: O(nMels + nBins),
 * without building the `[nMels, nBins]` filterbank.
 */
export function firstEmptyBand(
  config: Pick<MelConfig, 'sampleRateHz' | 'nFft' | 'nMels' | 'fMinHz' | 'fMaxHz'>,
): number {
  const { sampleRateHz, nFft, nMels } = config;
  const nBins = nFft / 2 + 1;
  const edgesHz = bandEdgesHz(nMels, config.fMinHz, config.fMaxHz);
  let k = 0;
  for (let m = 0; m < nMels; m++) {
    const lower = edgesHz[m]!;
    while (k < nBins && (k * sampleRateHz) / nFft <= lower) k++;
    if (k === nBins || (k * sampleRateHz) / nFft >= edgesHz[m + 2]!) return m;
  }
  return -1;
}

function checkNoEmptyBands(config: MelConfig): void {
  const m = firstEmptyBand(config);
  if (m < 0) return;
  const edgesHz = bandEdgesHz(config.nMels, config.fMinHz, config.fMaxHz);
  const binHz = config.sampleRateHz / config.nFft;
  throw new MelConfigError(
    `mel band ${m} of ${config.nMels} covers no FFT bin (${edgesHz[m]!.toFixed(1)}–` +
      `${edgesHz[m + 2]!.toFixed(1)} Hz, bins are ${binHz.toFixed(1)} Hz apart):` +
      ` use fewer mel bands or a larger nFft`,
  );
}
