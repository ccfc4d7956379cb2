/**
 * The mel settings an export sidecar (`speech.npy.json`, shared/export/sidecar.ts) records, read
 * back so that a mel exported with custom settings is turned into sound with those same settings.
 */
import { strFromU8 } from 'fflate';
import { MelConfigError } from '../errors';
import { MEL_CONFIG_FIELDS, type MelConfig, type MelPresetName } from '../mel/config';
import { validateMelConfig } from '../mel/validate';
import { SIDECAR_SCHEMA } from '../export/sidecar';

/** A sidecar that is not one this app wrote, or whose melConfig cannot be used. */
export class SidecarFormatError extends MelConfigError {}

const PRESETS: readonly (MelPresetName | 'custom')[] = ['tacotron2', 'hifigan', 'custom'];
const STRING_FIELDS = new Set<string>(['padding']);

/** The validated `melConfig` of a sidecar's bytes; `name` is the sidecar's file name for messages. */
export function melConfigFromSidecar(bytes: Uint8Array, name: string): MelConfig {
  let parsed: unknown;
  try {
    parsed = JSON.parse(strFromU8(bytes));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new SidecarFormatError(`${name}: not valid JSON: ${reason}`);
  }
  if (!isRecord(parsed) || parsed.schema !== SIDECAR_SCHEMA) {
    const found = isRecord(parsed) ? JSON.stringify(parsed.schema ?? null) : typeof parsed;
    throw new SidecarFormatError(
      `${name}: not a Postnet Studio export sidecar (schema ${found}, expected "${SIDECAR_SCHEMA}")`,
    );
  }
  const raw = parsed.melConfig;
  if (!isRecord(raw)) throw new SidecarFormatError(`${name}: has no melConfig object`);
  if (!PRESETS.includes(raw.preset as MelPresetName)) {
    throw new SidecarFormatError(
      `${name}: melConfig.preset is ${JSON.stringify(raw.preset ?? null)}, expected one of ${PRESETS.join(', ')}`,
    );
  }
  const config: Record<string, unknown> = { preset: raw.preset };
  for (const field of MEL_CONFIG_FIELDS) {
    const value = raw[field];
    const type = STRING_FIELDS.has(field) ? 'string' : 'number';
    if (typeof value !== type) {
      throw new SidecarFormatError(
        `${name}: melConfig.${field} is ${JSON.stringify(value ?? null)}, expected a ${type}`,
      );
    }
    config[field] = value;
  }
  try {
    validateMelConfig(config as unknown as MelConfig);
  } catch (error) {
    if (error instanceof MelConfigError) throw new SidecarFormatError(`${name}: melConfig: ${error.message}`);
    throw error;
  }
  return config as unknown as MelConfig;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
