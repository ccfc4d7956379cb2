/** Checks that a MelConfig can work, with a MelConfigError that names the field and the limit. */
import { MelConfigError } from '../errors';
import type { MelConfig } from './config';
import { melFilterbank } from './filterbank';

const MAX_N_FFT = 1 << 16;

function integerAtLeast(config: MelConfig, field: keyof MelConfig, min: number): void {
  const value = config[field];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new MelConfigError(`${field} must be an integer ≥ ${min}, got ${String(value)}`);
  }
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
  integerAtLeast(config, 'nFft', 2);
  if ((config.nFft & (config.nFft - 1)) !== 0) {
    throw new MelConfigError(`nFft must be a power of two (the FFT needs it), got ${config.nFft}`);
  }
  if (config.nFft > MAX_N_FFT)
    throw new MelConfigError(`nFft must be at most ${MAX_N_FFT}, got ${config.nFft}`);
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

function checkNoEmptyBands(config: MelConfig): void {
  const bank = melFilterbank(config);
  for (let m = 0; m < bank.nMels; m++) {
    if (bank.endBin[m]! <= bank.firstBin[m]!) {
      const binHz = config.sampleRateHz / config.nFft;
      throw new MelConfigError(
        `mel band ${m} of ${config.nMels} covers no FFT bin (${bank.edgesHz[m]!.toFixed(1)}–` +
          `${bank.edgesHz[m + 2]!.toFixed(1)} Hz, bins are ${binHz.toFixed(1)} Hz apart):` +
          ` use fewer mel bands or a larger nFft`,
      );
    }
  }
}
