import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STATE_FILE_NAME } from '../../../electron/main/app-state';
import { Preferences } from '../../../electron/main/preferences';
import { StateStore } from '../../../electron/main/state-store';
import type { AppSettings } from '../../../shared/api/settings';
import { mainHost } from './main-host';

describe('Preferences', () => {
  let folder = '';
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'postnet-prefs-'));
  });
  afterEach(() => rm(folder, { recursive: true, force: true }));

  async function preferences(): Promise<{ prefs: Preferences; store: StateStore; changes: AppSettings[] }> {
    const store = new StateStore(folder, 10_000);
    await store.load();
    const changes: AppSettings[] = [];
    return { prefs: new Preferences({ store, onChanged: (s) => changes.push(s) }), store, changes };
  }

  it('starts from the defaults and stores a change once, telling the menu', async () => {
    const { prefs, store, changes } = await preferences();
    expect(prefs.current()).toEqual({ engine: 'auto', decimation: 'mean' });
    prefs.save({ engine: 'js', decimation: 'max' });
    prefs.save({ engine: 'js', decimation: 'max' }); // the same again: no write, no menu rebuild
    expect(changes).toEqual([{ engine: 'js', decimation: 'max' }]);
    await store.flush();
    const saved = JSON.parse(await readFile(join(folder, STATE_FILE_NAME), 'utf8'));
    expect(saved.settings).toEqual({ engine: 'js', decimation: 'max' });
  });

  it('the host answers startup with what the last run saved', async () => {
    const first = await mainHost(folder);
    expect((await first.host.startup()).settings).toEqual({ engine: 'auto', decimation: 'mean' });
    await first.host.saveSettings({ engine: 'native', decimation: 'min' });
    await first.store.flush();
    const next = await mainHost(folder);
    expect((await next.host.startup()).settings).toEqual({ engine: 'native', decimation: 'min' });
  });
});
