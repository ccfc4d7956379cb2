/**
 * The window's settings (engine, decimation) as main keeps them: in the state file (AppState.settings,
 * written by the store), read back at the next start, and shown as the menu's radio items. The page
 * sends them whenever the user changes one (`saveSettings`), from the window or from the menu.
 */
import { sameSettings, type AppSettings } from '../../shared/api/settings';
import type { StateStore } from './state-store';

export interface PreferencesOptions {
  store: StateStore;
  /** Called when the settings changed (app.ts rebuilds the menu so its radio items follow). */
  onChanged: (settings: AppSettings) => void;
}

export class Preferences {
  constructor(private readonly options: PreferencesOptions) {}

  current(): AppSettings {
    return this.options.store.current.settings;
  }

  /** Stores `settings` (one store update) unless they are what is stored already. */
  save(settings: AppSettings): void {
    if (sameSettings(settings, this.current())) return;
    this.options.store.update((state) => ({ ...state, settings: { ...settings } }));
    this.options.onChanged(this.current());
  }
}
