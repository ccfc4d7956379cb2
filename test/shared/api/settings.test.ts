import { describe, expect, it } from 'vitest';
import {
  DEFAULT_APP_SETTINGS,
  parseAppSettings,
  sameSettings,
  validateAppSettings,
} from '../../../shared/api/settings';
import { ENGINE_CHOICES } from '../../../shared/backend/engine-choice';

describe('parseAppSettings', () => {
  it('reads every engine and decimation choice back', () => {
    for (const engine of ENGINE_CHOICES) {
      for (const decimation of ['mean', 'max', 'min'] as const) {
        expect(parseAppSettings({ engine, decimation })).toEqual({ engine, decimation });
      }
    }
  });

  it('gives the defaults for nothing stored or a value that is not an object', () => {
    for (const stored of [undefined, null, 'wasm', 42, [], ['wasm', 'max']]) {
      expect(parseAppSettings(stored)).toEqual(DEFAULT_APP_SETTINGS);
    }
  });

  it('replaces an unknown or mistyped field by its default and keeps the other', () => {
    expect(parseAppSettings({ engine: 'cuda', decimation: 'max' })).toEqual({
      engine: 'auto',
      decimation: 'max',
    });
    expect(parseAppSettings({ engine: 'js', decimation: 3 })).toEqual({ engine: 'js', decimation: 'mean' });
    expect(parseAppSettings({ engine: 'WASM', decimation: 'Mean' })).toEqual(DEFAULT_APP_SETTINGS);
  });

  it('drops fields it does not know (nothing unexpected rides along)', () => {
    expect(parseAppSettings({ engine: 'native', decimation: 'min', extra: 'x' })).toEqual({
      engine: 'native',
      decimation: 'min',
    });
  });
});

describe('validateAppSettings', () => {
  it('returns a fresh copy of valid settings', () => {
    const sent = { engine: 'wasm', decimation: 'max' };
    const checked = validateAppSettings(sent);
    expect(checked).toEqual(sent);
    expect(checked).not.toBe(sent);
  });

  it('fails clearly on an unknown engine, a missing decimation or an extra field', () => {
    expect(() => validateAppSettings({ engine: 'cuda', decimation: 'max' })).toThrow(
      "settings.engine must be one of 'auto', 'native', 'wasm', 'js', got string 'cuda'",
    );
    expect(() => validateAppSettings({ engine: 'js' })).toThrow(
      "settings.decimation must be one of 'mean', 'max', 'min', got nothing",
    );
    expect(() => validateAppSettings({ engine: 'js', decimation: 'max', path: '/etc' })).toThrow(
      "settings has an unexpected field 'path'",
    );
    expect(() => validateAppSettings(null)).toThrow('settings must be an object, got null');
  });
});

describe('sameSettings', () => {
  it('compares both fields', () => {
    expect(sameSettings(DEFAULT_APP_SETTINGS, { engine: 'auto', decimation: 'mean' })).toBe(true);
    expect(sameSettings(DEFAULT_APP_SETTINGS, { engine: 'auto', decimation: 'max' })).toBe(false);
    expect(sameSettings(DEFAULT_APP_SETTINGS, { engine: 'js', decimation: 'mean' })).toBe(false);
  });
});
