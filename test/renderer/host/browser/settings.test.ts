import { describe, expect, it } from 'vitest';
import { createBrowserHost } from '../../../../renderer/src/host/browser/host';
import {
  readSettings,
  SETTINGS_KEY,
  writeSettings,
  type TextStorage,
} from '../../../../renderer/src/host/browser/settings';
import { DEFAULT_APP_SETTINGS } from '../../../../shared/api/settings';
import { inProcessWorkers } from './in-process-worker';

/** A Web Storage stand-in over a Map (Node has no localStorage). */
function memoryStorage(initial: Record<string, string> = {}): TextStorage & { items: Map<string, string> } {
  const items = new Map(Object.entries(initial));
  return {
    items,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
  };
}

const refusing: TextStorage = {
  getItem: () => {
    throw new DOMException('The operation is insecure.', 'SecurityError');
  },
  setItem: () => {
    throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
  },
};

describe('browser settings in localStorage', () => {
  it('writes the settings as JSON under one key and reads them back', () => {
    const storage = memoryStorage();
    writeSettings(storage, { engine: 'js', decimation: 'min' });
    expect(JSON.parse(storage.items.get(SETTINGS_KEY)!)).toEqual({ engine: 'js', decimation: 'min' });
    expect(readSettings(storage)).toEqual({ engine: 'js', decimation: 'min' });
  });

  it('gives the defaults for nothing stored, no storage, or text that is not JSON', () => {
    expect(readSettings(memoryStorage())).toEqual(DEFAULT_APP_SETTINGS);
    expect(readSettings(null)).toEqual(DEFAULT_APP_SETTINGS);
    expect(readSettings(memoryStorage({ [SETTINGS_KEY]: '{"engine": "js"' }))).toEqual(DEFAULT_APP_SETTINGS);
  });

  it('an unknown stored engine falls back to auto, keeping a valid decimation', () => {
    const storage = memoryStorage({ [SETTINGS_KEY]: JSON.stringify({ engine: 'cuda', decimation: 'max' }) });
    expect(readSettings(storage)).toEqual({ engine: 'auto', decimation: 'max' });
  });

  it('storage the browser refuses reads as the defaults and drops writes without throwing', () => {
    expect(readSettings(refusing)).toEqual(DEFAULT_APP_SETTINGS);
    expect(() => writeSettings(refusing, { engine: 'wasm', decimation: 'max' })).not.toThrow();
  });

  it('the browser host answers startup with the stored settings and saveSettings stores them', async () => {
    const storage = memoryStorage({ [SETTINGS_KEY]: JSON.stringify({ engine: 'wasm', decimation: 'min' }) });
    const host = createBrowserHost({ startWorker: inProcessWorkers().start, workers: 1, storage });
    expect((await host.startup()).settings).toEqual({ engine: 'wasm', decimation: 'min' });
    await host.saveSettings({ engine: 'native', decimation: 'max' });
    expect(readSettings(storage)).toEqual({ engine: 'native', decimation: 'max' });
    const next = createBrowserHost({ startWorker: inProcessWorkers().start, workers: 1, storage });
    expect((await next.startup()).settings).toEqual({ engine: 'native', decimation: 'max' });
  });
});
