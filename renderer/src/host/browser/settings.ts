/**
 * The browser host's memory of the window's settings (shared/api/settings.ts): one JSON value in
 * the page's localStorage. Reading never fails: storage that is missing or refused (a private
 * window, a sandboxed frame), unparsable text or unknown values all give the defaults. Writing
 * that the browser refuses (quota, storage off) is dropped: the settings then last the session.
 */
import { parseAppSettings, type AppSettings } from '../../../../shared/api/settings';

/** The part of the Web Storage API used here (`localStorage` is one). */
export interface TextStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export const SETTINGS_KEY = 'postnet-studio.settings';

/** The page's localStorage, or null where the browser refuses it (reading it can throw). */
export function pageStorage(): TextStorage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

/** The stored JSON value, or null when there is none or it cannot be read or parsed. */
function storedValue(storage: TextStorage | null): unknown {
  try {
    const text = storage?.getItem(SETTINGS_KEY) ?? null;
    return text === null ? null : JSON.parse(text);
  } catch {
    return null; // refused or damaged: the defaults
  }
}

export function readSettings(storage: TextStorage | null): AppSettings {
  return parseAppSettings(storedValue(storage));
}

export function writeSettings(storage: TextStorage | null, settings: AppSettings): void {
  try {
    storage?.setItem(SETTINGS_KEY, JSON.stringify(settings));
  } catch {
    // Quota or storage off: nothing to keep them in, and nothing the user can do here.
  }
}
