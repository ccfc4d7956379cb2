/**
 * What the app remembers between runs, in one JSON file in `app.getPath('userData')`: Open
 * Recent (Linux has no OS list), the last folder per dialog, the window's bounds and the window's
 * settings (engine, decimation: shared/api/settings.ts). Reading is
 * forgiving (a missing or damaged file, or a damaged part, falls back to defaults); writes go
 * through files.ts, atomically.
 */
import { isAbsolute } from 'node:path';
import { DEFAULT_APP_SETTINGS, parseAppSettings, type AppSettings } from '../../shared/api/settings';

export const STATE_FILE_NAME = 'postnet-studio-state.json';
export const MAX_RECENT = 10;

export interface RecentEntry {
  path: string;
  /** ISO time it was last opened. */
  openedAt: string;
}

export type DialogFolderKey = 'audio' | 'weights' | 'export';

export interface WindowState {
  x: number;
  y: number;
  width: number;
  height: number;
  maximized: boolean;
}

export interface AppState {
  version: 1;
  recent: RecentEntry[];
  folders: Partial<Record<DialogFolderKey, string>>;
  window: WindowState | null;
  settings: AppSettings;
}

export function emptyAppState(): AppState {
  return { version: 1, recent: [], folders: {}, window: null, settings: { ...DEFAULT_APP_SETTINGS } };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseRecent(value: unknown): RecentEntry[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter(
      (entry): entry is RecentEntry =>
        isRecord(entry) && typeof entry.path === 'string' && isAbsolute(entry.path),
    )
    .map((entry) => ({
      path: entry.path,
      openedAt: typeof entry.openedAt === 'string' ? entry.openedAt : '',
    }))
    .slice(0, MAX_RECENT);
}

function parseFolders(value: unknown): AppState['folders'] {
  if (!isRecord(value)) return {};
  const folders: AppState['folders'] = {};
  for (const key of ['audio', 'weights', 'export'] as const) {
    const folder = value[key];
    if (typeof folder === 'string' && isAbsolute(folder)) folders[key] = folder;
  }
  return folders;
}

function parseWindow(value: unknown): WindowState | null {
  if (!isRecord(value)) return null;
  const { x, y, width, height, maximized } = value;
  const numbers = [x, y, width, height];
  if (!numbers.every((n) => typeof n === 'number' && Number.isFinite(n))) return null;
  return {
    x: Math.round(x as number),
    y: Math.round(y as number),
    width: Math.round(width as number),
    height: Math.round(height as number),
    maximized: maximized === true,
  };
}

/** The state in a parsed JSON value; anything unusable is replaced by its default. */
export function parseAppState(value: unknown): AppState {
  if (!isRecord(value) || value.version !== 1) return emptyAppState();
  return {
    version: 1,
    recent: parseRecent(value.recent),
    folders: parseFolders(value.folders),
    window: parseWindow(value.window),
    settings: parseAppSettings(value.settings),
  };
}

/** Moves `path` to the top of the recent list, keeping at most MAX_RECENT distinct paths. */
export function withRecent(recent: readonly RecentEntry[], path: string, openedAt: string): RecentEntry[] {
  return [{ path, openedAt }, ...recent.filter((entry) => entry.path !== path)].slice(0, MAX_RECENT);
}
