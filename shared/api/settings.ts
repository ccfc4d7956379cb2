/**
 * The window's settings a host remembers between sessions: the engine choice (the status bar's
 * select) and View ▸ Decimation. Electron keeps them in its state file (electron/main/app-state.ts),
 * the browser host in the page's localStorage (renderer/src/host/browser/settings.ts). Reading a
 * stored value is forgiving (`parseAppSettings`: each unknown or damaged field falls back to its
 * default); what the page sends is checked strictly (`validateAppSettings`).
 */
import { ENGINE_CHOICES, type EngineChoice } from '../backend/engine-choice';
import { expectOneOf, expectRecord } from './validate';

/** How columns of many frames become one (render/raster.ts): signed panes use the magnitude's. */
export type DecimationChoice = 'mean' | 'max' | 'min';

export const DECIMATION_CHOICES: readonly DecimationChoice[] = ['mean', 'max', 'min'];

export interface AppSettings {
  /** Which engine runs the post-net (`auto`: native where it loads, else WASM). */
  engine: EngineChoice;
  /** What a column shows when many frames share a pixel. */
  decimation: DecimationChoice;
}

export const DEFAULT_APP_SETTINGS: Readonly<AppSettings> = { engine: 'auto', decimation: 'mean' };

const SETTINGS_KEYS = ['engine', 'decimation'] as const;

function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value)
    ? (value as T)
    : fallback;
}

/** The settings in a stored value (parsed JSON); anything unknown or damaged is its default. */
export function parseAppSettings(value: unknown): AppSettings {
  const record =
    typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  return {
    engine: oneOf(record.engine, ENGINE_CHOICES, DEFAULT_APP_SETTINGS.engine),
    decimation: oneOf(record.decimation, DECIMATION_CHOICES, DEFAULT_APP_SETTINGS.decimation),
  };
}

/** The settings the page sends (`saveSettings`), checked field by field; throws InvalidArgumentError. */
export function validateAppSettings(value: unknown, what = 'settings'): AppSettings {
  const record = expectRecord(value, what, SETTINGS_KEYS);
  return {
    engine: expectOneOf(record.engine, `${what}.engine`, ENGINE_CHOICES),
    decimation: expectOneOf(record.decimation, `${what}.decimation`, DECIMATION_CHOICES),
  };
}

export function sameSettings(a: AppSettings, b: AppSettings): boolean {
  return a.engine === b.engine && a.decimation === b.decimation;
}
