/**
 * The Mel settings editor's model: the fields a user may set (with the labels the window and
 * docs/mel.md use), a draft of them as typed text, and applying it through `resolveMelConfig`,
 * whose `MelConfigError` messages are re-worded with those labels and tied to the field they name.
 * Pure; `MelSettingsEditor` only lays it out.
 */
import { MelConfigError } from '../../../shared/errors';
import {
  MEL_PRESETS,
  resolveMelConfig,
  type MelConfig,
  type MelPresetName,
} from '../../../shared/mel/config';

export type MelSettingField =
  'sampleRateHz' | 'nFft' | 'winLength' | 'hopLength' | 'nMels' | 'fMinHz' | 'fMaxHz';

export interface MelSettingSpec {
  field: MelSettingField;
  /** As the window shows it: librosa / PyTorch argument names. */
  label: string;
  unit: string;
}

export const MEL_SETTING_FIELDS: readonly MelSettingSpec[] = [
  { field: 'sampleRateHz', label: 'sample rate', unit: 'Hz' },
  { field: 'nFft', label: 'n_fft', unit: '' },
  { field: 'winLength', label: 'win', unit: '' },
  { field: 'hopLength', label: 'hop', unit: '' },
  { field: 'nMels', label: 'n_mels', unit: '' },
  { field: 'fMinHz', label: 'fmin', unit: 'Hz' },
  { field: 'fMaxHz', label: 'fmax', unit: 'Hz' },
];

/**
 * The editor's state: the preset the settings start from, each field as typed, and whether fmax
 * is `None` (the Nyquist frequency, sample rate / 2, whatever the rate: TacotronSTFT's
 * `mel_fmax=None`, the CLI's `--fmax none`), in which case the fmax field is not read.
 */
export interface MelSettingsDraft {
  preset: MelPresetName;
  values: Record<MelSettingField, string>;
  fMaxNyquist: boolean;
}

export type MelSettingsResult =
  { ok: true; config: MelConfig } | { ok: false; field: MelSettingField | null; message: string };

/** The preset a config was made from: its own name, or for `custom` the one with its padding. */
export function basePreset(config: MelConfig): MelPresetName {
  if (config.preset !== 'custom') return config.preset;
  return config.padding === 'hifigan' ? 'hifigan' : 'tacotron2';
}

export function melSettingsDraft(config: MelConfig): MelSettingsDraft {
  const values = {} as Record<MelSettingField, string>;
  for (const { field } of MEL_SETTING_FIELDS) values[field] = String(config[field]);
  return { preset: basePreset(config), values, fMaxNyquist: config.fMaxHz === config.sampleRateHz / 2 };
}

/** What the fmax field shows: the typed value, or sample rate / 2 while fmax is None. */
export function shownFMax(draft: MelSettingsDraft): string {
  if (!draft.fMaxNyquist) return draft.values.fMaxHz;
  const rate = Number(draft.values.sampleRateHz.trim());
  return Number.isFinite(rate) && rate > 0 ? String(rate / 2) : '';
}

const LABEL_OF = new Map(MEL_SETTING_FIELDS.map((spec) => [spec.field, spec.label]));
const FIELD_NAMES = new RegExp(`\\b(${MEL_SETTING_FIELDS.map((spec) => spec.field).join('|')})\\b`, 'g');

/** A MelConfigError's message with config field names replaced by the editor's labels. */
function inEditorWords(message: string): { field: MelSettingField | null; message: string } {
  const named = message.match(FIELD_NAMES)?.[0] as MelSettingField | undefined;
  return {
    field: named ?? null,
    message: message.replace(FIELD_NAMES, (field) => LABEL_OF.get(field as MelSettingField)!),
  };
}

/**
 * The config the draft asks for: the preset with every field as typed (each given explicitly, so
 * the window does not follow n_fft the way the CLI's lone `--n-fft` does; fmax sample rate / 2
 * when it is None), validated by `resolveMelConfig`; or what is wrong, in the editor's words, and
 * which field. `fixedBands`: the band count the settings must keep (an `.npy` has its own).
 */
export function resolveMelSettings(draft: MelSettingsDraft, fixedBands?: number): MelSettingsResult {
  const numbers: Partial<Record<MelSettingField, number>> = {};
  for (const { field, label } of MEL_SETTING_FIELDS) {
    if (field === 'fMaxHz' && draft.fMaxNyquist) continue;
    const text = draft.values[field].trim();
    if (text === '') return { ok: false, field, message: `${label} is empty` };
    const value = Number(text);
    if (!Number.isFinite(value))
      return { ok: false, field, message: `${label} must be a number, got '${text}'` };
    numbers[field] = value;
  }
  if (draft.fMaxNyquist) numbers.fMaxHz = numbers.sampleRateHz! / 2;
  if (fixedBands !== undefined && numbers.nMels !== fixedBands) {
    const message = `n_mels must stay ${fixedBands}: the .npy holds ${fixedBands} mel bands, got ${numbers.nMels}`;
    return { ok: false, field: 'nMels', message };
  }
  try {
    return { ok: true, config: resolveMelConfig({ preset: draft.preset, ...numbers }) };
  } catch (error) {
    if (!(error instanceof MelConfigError)) throw error;
    return { ok: false, ...inEditorWords(error.message) };
  }
}

/** True for a name the editor can start from (one of MEL_PRESETS; not e.g. `toString`). */
export function isMelPresetName(name: string): name is MelPresetName {
  return Object.hasOwn(MEL_PRESETS, name);
}

/**
 * The presets the editor offers: the window's own MEL_PRESETS, which presetDraft reads (not the
 * host's list, which may name a preset this build does not have).
 */
export const EDITOR_PRESETS: readonly MelPresetName[] = Object.keys(MEL_PRESETS).filter(isMelPresetName);

/**
 * The settings a preset starts from, as a draft (the editor's "start from" choice), keeping
 * `fixedBands` mel bands when the open input has its own (an `.npy`).
 */
export function presetDraft(preset: MelPresetName, fixedBands?: number): MelSettingsDraft {
  const draft = melSettingsDraft(MEL_PRESETS[preset]);
  return fixedBands === undefined
    ? draft
    : { ...draft, values: { ...draft.values, nMels: String(fixedBands) } };
}

/**
 * A preset as an input with its own `fixedBands` reads it (an `.npy` of 8 bands under the
 * tacotron2 preset: its settings with n_mels 8); the preset itself when the bands agree, or when
 * no valid config has them (the caller then keeps the preset for the next file).
 */
export function presetForInput(preset: MelConfig, fixedBands: number | undefined): MelConfig {
  if (fixedBands === undefined || fixedBands === preset.nMels) return preset;
  try {
    return resolveMelConfig({ ...preset, preset: basePreset(preset), nMels: fixedBands });
  } catch (error) {
    if (error instanceof MelConfigError) return preset;
    throw error;
  }
}
