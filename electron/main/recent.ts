/**
 * Open Recent: the last files and folders opened (AppState.recent, newest first; Linux has no OS
 * list), one entry per document an open call opened, in one store update per call. An entry is
 * not a grant: the window only shows entries, and a path is granted again only when the user picks
 * it from the menu (File → Open Recent, or the same list popped up for the toolbar's Recent…).
 */
import { basename } from 'node:path';
import type { RecentFile } from '../../shared/api/contract';
import { withRecent, type RecentEntry } from './app-state';
import type { StateStore } from './state-store';

export interface OpenRecentOptions {
  store: StateStore;
  /** Called once per change: the entries now, and the paths just opened (null: the list was cleared). */
  onChanged: (entries: readonly RecentEntry[], openedPaths: readonly string[] | null) => void;
  now?: () => Date;
}

export class OpenRecent {
  constructor(private readonly options: OpenRecentOptions) {}

  entries(): readonly RecentEntry[] {
    return this.options.store.current.recent;
  }

  /** The entries as the window shows them (names and locations, nothing to open them by). */
  files(): RecentFile[] {
    return recentFiles(this.entries());
  }

  /** Puts what one open call opened at the top: one store update, one change. */
  note(paths: readonly string[]): void {
    if (paths.length === 0) return;
    const openedAt = (this.options.now?.() ?? new Date()).toISOString();
    this.options.store.update((current) => ({
      ...current,
      recent: paths.reduce((recent, path) => withRecent(recent, path, openedAt), current.recent),
    }));
    this.options.onChanged(this.entries(), paths);
  }

  clear(): void {
    this.options.store.update((state) => ({ ...state, recent: [] }));
    this.options.onChanged([], null);
  }
}

export function recentFiles(entries: readonly RecentEntry[]): RecentFile[] {
  return entries.map(({ path }) => ({ name: basename(path), location: path }));
}
