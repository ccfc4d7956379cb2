/**
 * `ELECTRON_RENDERER_URL` (electron-vite's dev server) is honoured only when the app is not
 * packaged: in a packaged app a set variable must not load an http origin that main would trust
 * (the dev CSP, the API from that origin).
 */
import { afterAll, describe, expect, it, vi } from 'vitest';
import { FakeBrowserWindow } from './electron-stub';

const electron = await vi.hoisted(async () => (await import('./electron-stub')).createElectronStub());
vi.mock('electron', () => electron);

const { startApp } = await import('../../../electron/main/app');

const DEV_URL = 'http://localhost:5173/';
/** Waits until the app has made one more window (its `whenReady` chain reads the state file first). */
async function nextWindow(before: number): Promise<FakeBrowserWindow> {
  for (let waited = 0; FakeBrowserWindow.created.length === before; waited += 5) {
    if (waited > 5_000) throw new Error('the app made no window within 5 s');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return FakeBrowserWindow.created.at(-1)!;
}
const saved = process.env['ELECTRON_RENDERER_URL'];
process.env['ELECTRON_RENDERER_URL'] = DEV_URL;
afterAll(() => {
  if (saved === undefined) delete process.env['ELECTRON_RENDERER_URL'];
  else process.env['ELECTRON_RENDERER_URL'] = saved;
});

/** Starts the app and asks for startup from its window's main frame at `frameUrl`. */
async function startAndCall(frameUrl: string) {
  const before = FakeBrowserWindow.created.length;
  startApp('/app/out/main');
  const window = await nextWindow(before);
  window.webContents.mainFrame.url = frameUrl;
  const event = { sender: window.webContents, senderFrame: window.webContents.mainFrame };
  const reply = (await electron.ipcMain.handlers.get('postnet:startup')!(event)) as { ok: boolean };
  return { window, reply };
}

describe('the dev server URL', () => {
  it('is ignored in a packaged app: the window loads app://, and a page at that URL gets no API', async () => {
    electron.app.isPackaged = true;
    const { window, reply } = await startAndCall(DEV_URL);
    expect(window.loadedUrl).toBe('app://postnet/index.html');
    expect(reply).toMatchObject({ ok: false, error: { name: 'UntrustedSenderError' } });
  });

  it('is loaded and trusted when the app is not packaged (development)', async () => {
    electron.app.isPackaged = false;
    const { window, reply } = await startAndCall(DEV_URL);
    expect(window.loadedUrl).toBe(DEV_URL);
    expect(reply).toMatchObject({ ok: true });
  });
});
