import { describe, expect, it } from 'vitest';
import type { StartupState } from '../../../shared/api/contract';
import type { AppSettings } from '../../../shared/api/settings';
import { TACOTRON2_MEL } from '../../../shared/mel/config';
import { syncSettings } from '../../../renderer/src/app/settings-sync';
import { createTinyStore } from '../../../renderer/src/state/tiny-store';
import { INITIAL_STATE, settingsOf, workspaceReducer } from '../../../renderer/src/state/workspace';
import type { WorkspaceAction } from '../../../renderer/src/state/workspace';

function startup(settings: AppSettings): StartupState {
  return {
    host: 'browser',
    appVersion: 'test',
    openFirst: { kind: 'sample' },
    recent: [],
    melPresets: { tacotron2: TACOTRON2_MEL },
    settings,
  };
}

function window() {
  const store = createTinyStore(INITIAL_STATE);
  const saved: AppSettings[] = [];
  const dispatch = (action: WorkspaceAction) => store.set(workspaceReducer(store.get(), action));
  const stop = syncSettings(store, { saveSettings: async (settings) => void saved.push(settings) });
  return { store, saved, dispatch, stop };
}

describe('settings between sessions (renderer side)', () => {
  it('started applies the engine and decimation the last session left', () => {
    const state = workspaceReducer(INITIAL_STATE, {
      type: 'started',
      startup: startup({ engine: 'js', decimation: 'min' }),
    });
    expect(state.engine).toBe('js');
    expect(state.display.decimation).toBe('min');
    expect(state.display.colormap).toBe(INITIAL_STATE.display.colormap); // the rest of the display stays
    expect(settingsOf(state)).toEqual({ engine: 'js', decimation: 'min' });
  });

  it('saves nothing before the host has said what is stored, nor for the stored settings themselves', () => {
    const w = window();
    w.dispatch({ type: 'notice', text: 'hello' });
    w.dispatch({ type: 'started', startup: startup({ engine: 'wasm', decimation: 'max' }) });
    w.dispatch({ type: 'job-started', kind: 'open', label: 'Opening' });
    expect(w.saved).toEqual([]);
  });

  it('saves each change of engine or decimation once, from the status bar, the toolbar or a menu', () => {
    const w = window();
    w.dispatch({ type: 'started', startup: startup({ engine: 'auto', decimation: 'mean' }) });
    w.dispatch({ type: 'engine', engine: 'native' });
    w.dispatch({ type: 'display', change: { colormap: 'viridis' } }); // not a kept setting
    w.dispatch({ type: 'display', change: { decimation: 'max' } });
    w.dispatch({ type: 'display', change: { decimation: 'max' } });
    expect(w.saved).toEqual([
      { engine: 'native', decimation: 'mean' },
      { engine: 'native', decimation: 'max' },
    ]);
  });

  it('a failed save keeps the setting in the window and stops nothing', async () => {
    const store = createTinyStore(INITIAL_STATE);
    const dispatch = (action: WorkspaceAction) => store.set(workspaceReducer(store.get(), action));
    let calls = 0;
    syncSettings(store, {
      saveSettings: () => {
        calls++;
        return Promise.reject(new Error('disk full'));
      },
    });
    dispatch({ type: 'started', startup: startup({ engine: 'auto', decimation: 'mean' }) });
    dispatch({ type: 'engine', engine: 'js' });
    dispatch({ type: 'engine', engine: 'wasm' });
    await Promise.resolve();
    expect(calls).toBe(2);
    expect(store.get().engine).toBe('wasm');
  });

  it('stops watching when asked', () => {
    const w = window();
    w.dispatch({ type: 'started', startup: startup({ engine: 'auto', decimation: 'mean' }) });
    w.stop();
    w.dispatch({ type: 'engine', engine: 'js' });
    expect(w.saved).toEqual([]);
  });
});
