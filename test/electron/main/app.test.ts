import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { MessagePort } from 'node:worker_threads';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { HostEvent } from '../../../shared/api/ipc';
import { CALL_NAMES } from '../../../shared/api/table';
import { FakeBrowserWindow, type FakeFrame } from './electron-stub';

const electron = await vi.hoisted(async () => (await import('./electron-stub')).createElectronStub());
vi.mock('electron', () => electron);

const userData = await mkdtemp(join(tmpdir(), 'postnet-app-'));
/** Open Recent as a previous run left it. */
const RECENT = '/home/u/earlier.wav';
await writeFile(
  join(userData, 'postnet-studio-state.json'),
  JSON.stringify({
    version: 1,
    recent: [{ path: RECENT, openedAt: '2025-01-01T00:00:00.000Z' }],
    folders: {},
  }),
);
electron.app.getPath.mockImplementation((name: string) => (name === 'userData' ? userData : tmpdir()));
afterAll(() => rm(userData, { recursive: true, force: true }));

const { startApp } = await import('../../../electron/main/app');

/** Waits until the app has made its window (its `whenReady` chain reads the state file first). */
async function settle(): Promise<void> {
  for (let waited = 0; FakeBrowserWindow.created.length === 0; waited += 5) {
    if (waited > 5_000) throw new Error('the app made no window within 5 s');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function call(
  channel: string,
  event: unknown,
  ...args: unknown[]
): Promise<{ ok: boolean; result?: unknown; error?: unknown }> {
  return electron.ipcMain.handlers.get(channel)!(event, ...args) as Promise<{ ok: boolean }>;
}

describe('startApp', () => {
  it('quits at once when another instance holds the single-instance lock', () => {
    electron.app.requestSingleInstanceLock.mockReturnValueOnce(false);
    expect(startApp('/app/out/main')).toBe(false);
    expect(electron.app.quit).toHaveBeenCalled();
    expect(electron.ipcMain.handle).not.toHaveBeenCalled();
  });

  it('wires security, the app protocol, every IPC channel, the menu and a secure window', async () => {
    expect(startApp('/app/out/main')).toBe(true);
    await settle();
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalled();
    expect(electron.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    expect(electron.session.defaultSession.setPermissionRequestHandler).toHaveBeenCalled();
    expect(electron.ipcMain.handlers.size).toBe(CALL_NAMES.length + 1); // one per table row, and the events port
    expect(electron.Menu.setApplicationMenu).toHaveBeenCalled();
    const window = FakeBrowserWindow.created[0]!;
    expect(window.options).toMatchObject({
      minWidth: 960,
      minHeight: 600,
      webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true },
    });
    expect(window.loadedUrl).toBe('app://postnet/index.html');
  });

  it('answers startup from our window and refuses the same call from a subframe', async () => {
    const window = FakeBrowserWindow.created[0]!;
    const main = { sender: window.webContents, senderFrame: window.webContents.mainFrame };
    const reply = await call('postnet:startup', main);
    expect(reply).toMatchObject({
      ok: true,
      result: { host: 'electron', appVersion: '0.1.0', openFirst: { kind: 'sample' } },
    });
    const sub = {
      sender: window.webContents,
      senderFrame: { url: 'app://postnet/x', parent: window.webContents.mainFrame },
    };
    expect(await call('postnet:startup', sub)).toMatchObject({
      ok: false,
      error: { name: 'UntrustedSenderError' },
    });
  });

  it('saving the settings from the window checks them in the menu; a bad value is refused and changes nothing', async () => {
    const window = FakeBrowserWindow.created[0]!;
    const main = { sender: window.webContents, senderFrame: window.webContents.mainFrame };
    type Item = { label?: string; checked?: boolean; submenu?: Item[] };
    const checkedIn = (label: string): string | undefined => {
      const template = electron.Menu.setApplicationMenu.mock.calls.at(-1)![0].template as Item[];
      const all = (items: Item[]): Item[] => items.flatMap((item) => [item, ...all(item.submenu ?? [])]);
      return all(template)
        .find((item) => item.label === label)!
        .submenu!.find((item) => item.checked)?.label;
    };
    expect(checkedIn('Decimation')).toBe('Mean of the Frames (Default)');
    expect(checkedIn('Engine')).toBe('Auto (Native, Else WASM)');
    expect(await call('postnet:save-settings', main, { engine: 'js', decimation: 'max' })).toEqual({
      ok: true,
    });
    expect(checkedIn('Decimation')).toBe('Maximum of the Frames');
    expect(checkedIn('Engine')).toBe('JavaScript');
    expect(await call('postnet:save-settings', main, { engine: 'gpu', decimation: 'max' })).toMatchObject({
      ok: false,
      error: { name: 'InvalidArgumentError' },
    });
    expect(checkedIn('Engine')).toBe('JavaScript');
    const started = (await call('postnet:startup', main)) as { result: { settings: unknown } };
    expect(started.result.settings).toEqual({ engine: 'js', decimation: 'max' });
  });

  it('puts the open file in the title', async () => {
    const window = FakeBrowserWindow.created[0]!;
    const main = { sender: window.webContents, senderFrame: window.webContents.mainFrame };
    await call('postnet:set-title', main, 'speech.wav');
    expect(window.title).toBe('speech.wav — Postnet Studio');
  });

  it('a second instance focuses the window and its WAV paths reach the page as an open command', async () => {
    const window = FakeBrowserWindow.created[0]!;
    electron.app.emit('second-instance', {}, ['/opt/postnet-studio', '--flag', 'take.wav'], '/home/u');
    expect(window.focused).toBe(true);
    const frame = window.webContents.mainFrame as FakeFrame;
    await call('postnet:connect-events', { sender: window.webContents, senderFrame: frame });
    const port = frame.posted.at(-1)!.transfer[0] as MessagePort;
    const event = await new Promise<HostEvent>((resolve) => port.once('message', resolve));
    port.close();
    expect(event).toMatchObject({
      type: 'command',
      command: { type: 'open', intent: 'auto', source: { kind: 'granted' } },
    });
  });

  it('Recent… pops up Open Recent on the window; picking an entry grants it only then and asks the page to open it', async () => {
    const window = FakeBrowserWindow.created[0]!;
    const main = { sender: window.webContents, senderFrame: window.webContents.mainFrame };
    const started = (await call('postnet:startup', main)) as { result: { recent: unknown[] } };
    expect(started.result.recent).toEqual([{ name: 'earlier.wav', location: RECENT }]); // nothing to open it by
    expect(await call('postnet:show-recent', main)).toEqual({ ok: true });
    const popup = electron.Menu.buildFromTemplate.mock.results.at(-1)!.value as {
      template: { label?: string; click?: () => void }[];
      popup: ReturnType<typeof vi.fn>;
    };
    expect(popup.popup).toHaveBeenCalledWith({ window });
    const frame = window.webContents.mainFrame as FakeFrame;
    await call('postnet:connect-events', { sender: window.webContents, senderFrame: frame });
    const port = frame.posted.at(-1)!.transfer[0] as MessagePort;
    const received = new Promise<HostEvent>((resolve) => port.once('message', resolve));
    popup.template.find((item) => item.label === 'earlier.wav')!.click!();
    const event = await received;
    port.close();
    expect(event).toMatchObject({
      type: 'command',
      command: { type: 'open', intent: 'auto', source: { kind: 'granted', ids: [expect.any(String)] } },
    });
  });
});
