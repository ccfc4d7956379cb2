/**
 * The mel settings of a spectrogram `.npy`, honestly: the array carries none, so they come from
 * the sidecar our exports write beside it (`X.npy.json`, schema postnet-studio.export-sidecar/1),
 * or from what the user gave, or they are assumed (a preset), and the caller says which.
 */
import { strFromU8 } from 'fflate';
import { MelConfigError, WeightsFormatError } from '../errors';
import { SIDECAR_SCHEMA } from '../export/sidecar';
import {
  MEL_CONFIG_FIELDS,
  MEL_PRESETS,
  resolveMelConfig,
  type MelConfig,
  type MelConfigOptions,
} from '../mel/config';
import type { NpySettingsOrigin } from '../spectrogram';

export type NpySettingsSource = NpySettingsOrigin['from'];

export interface NpySettings {
  config: MelConfig;
  from: NpySettingsSource;
  /** What the spectrogram records of it (`Spectrogram.source.settings`). */
  origin: NpySettingsOrigin;
  /** One sentence for a `note:` line or the input panel. */
  note: string;
}

/** The sidecar's name for an export `X.npy`: `X.npy.json`. */
export function sidecarNameFor(npyName: string): string {
  return `${npyName}.json`;
}

/**
 * The mel config recorded in a sidecar. Throws WeightsFormatError when the JSON is not one of our
 * sidecars, MelConfigError when its settings cannot work.
 */
export function melConfigFromSidecar(bytes: Uint8Array, name: string): MelConfig {
  let root: unknown;
  try {
    root = JSON.parse(strFromU8(bytes));
  } catch (error) {
    throw new WeightsFormatError(
      `${name}: not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const sidecar = root as { schema?: unknown; melConfig?: unknown } | null;
  if (typeof sidecar !== 'object' || sidecar === null || sidecar.schema !== SIDECAR_SCHEMA) {
    throw new WeightsFormatError(
      `${name}: not a Postnet Studio export sidecar (no "schema": "${SIDECAR_SCHEMA}")`,
    );
  }
  const recorded = sidecar.melConfig;
  if (typeof recorded !== 'object' || recorded === null) {
    throw new WeightsFormatError(`${name}: the sidecar has no "melConfig" object`);
  }
  const fields = recorded as Record<string, unknown>;
  const preset =
    typeof fields.preset === 'string' && fields.preset in MEL_PRESETS ? fields.preset : 'tacotron2';
  const options: Record<string, unknown> = { preset };
  for (const field of MEL_CONFIG_FIELDS) {
    if (fields[field] === undefined) throw new WeightsFormatError(`${name}: "melConfig" has no "${field}"`);
    options[field] = fields[field];
  }
  try {
    return resolveMelConfig(options as MelConfigOptions);
  } catch (error) {
    if (error instanceof MelConfigError) throw new MelConfigError(`${name}: ${error.message}`);
    throw error;
  }
}

/** `22050 Hz, hop 256, 80 bands, 0–8000 Hz`: the settings that decide what the numbers mean. */
export function describeMelSettings(config: MelConfig): string {
  const name = config.preset === 'custom' ? 'custom settings' : `the ${config.preset} preset`;
  return (
    `${name} (${config.sampleRateHz} Hz, n_fft ${config.nFft}, hop ${config.hopLength}, ${config.nMels} bands, ` +
    `${config.fMinHz}–${config.fMaxHz} Hz)`
  );
}

/**
 * Which settings an `.npy` is read with: the sidecar's when there is one, else the given ones
 * (`given` null when the user gave none), else `fallback`, marked as assumed.
 */
export function npySettings(
  npyName: string,
  sidecar: { name: string; bytes: Uint8Array } | null,
  given: MelConfig | null,
  fallback: MelConfig,
): NpySettings {
  if (sidecar && !given) {
    const config = melConfigFromSidecar(sidecar.bytes, sidecar.name);
    return {
      config,
      from: 'sidecar',
      origin: { from: 'sidecar', file: sidecar.name },
      note: `${npyName}: mel settings from ${sidecar.name}: ${describeMelSettings(config)}`,
    };
  }
  if (given) {
    const ignored = sidecar ? `; its sidecar ${sidecar.name} is not used` : '';
    return {
      config: given,
      from: 'given',
      origin: { from: 'given' },
      note: `${npyName}: mel settings as given: ${describeMelSettings(given)}${ignored}`,
    };
  }
  return {
    config: fallback,
    from: 'assumed',
    origin: { from: 'assumed' },
    note:
      `${npyName} carries no mel settings: assumed ${describeMelSettings(fallback)}; give them with the mel ` +
      `options, or keep the ${sidecarNameFor(npyName)} sidecar Postnet Studio writes beside its exports`,
  };
}
