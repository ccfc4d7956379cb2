import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  emptyAppState,
  MAX_RECENT,
  parseAppState,
  STATE_FILE_NAME,
  withRecent,
} from '../../../electron/main/app-state';
import { StateStore } from '../../../electron/main/state-store';

describe('parseAppState', () => {
  it('reads a saved state back', () => {
    const saved = {
      version: 1,
      recent: [{ path: '/a/speech.wav', openedAt: '2025-01-01T00:00:00Z' }],
      folders: { audio: '/a', export: '/out' },
      window: { x: 10, y: 20, width: 1200, height: 700, maximized: true },
      settings: { engine: 'wasm', decimation: 'max' },
    };
    expect(parseAppState(saved)).toEqual(saved);
  });

  it('reads a state file from before the settings were kept with the default settings', () => {
    const older = { version: 1, recent: [], folders: {}, window: null };
    expect(parseAppState(older).settings).toEqual({ engine: 'auto', decimation: 'mean' });
  });

  it('an unknown engine or decimation in the file falls back to its default, keeping the other', () => {
    const state = parseAppState({ version: 1, settings: { engine: 'cuda', decimation: 'min' } });
    expect(state.settings).toEqual({ engine: 'auto', decimation: 'min' });
    expect(parseAppState({ version: 1, settings: 'wasm' }).settings).toEqual(emptyAppState().settings);
  });

  it('falls back to defaults for a damaged file or damaged parts, keeping the good parts', () => {
    expect(parseAppState(undefined)).toEqual(emptyAppState());
    expect(parseAppState({ version: 2 })).toEqual(emptyAppState());
    const state = parseAppState({
      version: 1,
      recent: [{ path: 'relative.wav' }, { path: '/ok.wav' }, 7],
      folders: { audio: 3, weights: '/w' },
      window: { x: 'left' },
    });
    expect(state.recent).toEqual([{ path: '/ok.wav', openedAt: '' }]);
    expect(state.folders).toEqual({ weights: '/w' });
    expect(state.window).toBeNull();
  });
});

describe('withRecent', () => {
  it('puts the newest first, without duplicates, at most MAX_RECENT', () => {
    let recent = withRecent([], '/a.wav', 't1');
    recent = withRecent(recent, '/b.wav', 't2');
    recent = withRecent(recent, '/a.wav', 't3');
    expect(recent.map((r) => r.path)).toEqual(['/a.wav', '/b.wav']);
    for (let i = 0; i < 20; i++) recent = withRecent(recent, `/${i}.wav`, 't');
    expect(recent).toHaveLength(MAX_RECENT);
    expect(recent[0]!.path).toBe('/19.wav');
  });
});

describe('StateStore', () => {
  let folder = '';
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'postnet-state-'));
  });
  afterEach(() => rm(folder, { recursive: true, force: true }));

  it('persists updates as JSON in the user data folder and loads them in the next run', async () => {
    const store = new StateStore(folder, 10_000);
    await store.load();
    store.update((state) => ({ ...state, recent: withRecent(state.recent, '/x.wav', 't') }));
    await store.flush();
    expect(JSON.parse(await readFile(join(folder, STATE_FILE_NAME), 'utf8')).recent).toEqual([
      { path: '/x.wav', openedAt: 't' },
    ]);
    const next = new StateStore(folder);
    expect((await next.load()).recent[0]!.path).toBe('/x.wav');
  });

  it('keeps the settings for the next run', async () => {
    const store = new StateStore(folder, 10_000);
    await store.load();
    store.update((state) => ({ ...state, settings: { engine: 'js', decimation: 'min' } }));
    await store.flush();
    expect((await new StateStore(folder).load()).settings).toEqual({ engine: 'js', decimation: 'min' });
  });

  it('starts from defaults when the file is damaged instead of failing', async () => {
    await writeFile(join(folder, STATE_FILE_NAME), 'not json');
    expect(await new StateStore(folder).load()).toEqual(emptyAppState());
  });

  it('reports a failed write without throwing (the app keeps working)', async () => {
    const errors: unknown[] = [];
    const store = new StateStore(join(folder, 'missing', 'deeper'), 10, (error) => errors.push(error));
    store.update((state) => state);
    await store.flush();
    expect(errors).toHaveLength(1);
    expect((errors[0] as Error).name).toBe('FileAccessError');
  });
});
