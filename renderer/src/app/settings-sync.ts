/**
 * Keeps the host's copy of the window's settings (engine, decimation) up to date: once the host has
 * said what the last session left (`started`), every change the user makes — the status bar, the
 * toolbar or a menu item — is sent with `saveSettings`, once per change. The host stores it for the
 * next session and, in Electron, checks it in the menu.
 */
import type { PostnetApi } from '../../../shared/api/contract';
import { sameSettings, type AppSettings } from '../../../shared/api/settings';
import type { TinyStore } from '../state/tiny-store';
import { settingsOf, type WorkspaceState } from '../state/workspace';

/** Watches `store` until the returned function is called. */
export function syncSettings(
  store: TinyStore<WorkspaceState>,
  api: Pick<PostnetApi, 'saveSettings'>,
): () => void {
  /** What the host holds; null until it has said (before that, the state's are only defaults). */
  let held: AppSettings | null = store.get().startup?.settings ?? null;
  return store.subscribe(() => {
    const state = store.get();
    if (!state.startup) return;
    held ??= state.startup.settings;
    const now = settingsOf(state);
    if (sameSettings(now, held)) return;
    held = now;
    // A failed save loses only the memory for next time; the window keeps the setting.
    api.saveSettings(now).catch(() => undefined);
  });
}
