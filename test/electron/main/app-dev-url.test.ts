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
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));
const saved = process.env['ELECTRON_RENDERER_URL'];
process.env['ELECTRON_RENDERER_URL'] = DEV_URL;
afterAll(() => {
  if (saved === undefined) delete process.env['ELECTRON_RENDERER_URL'];
  else process.env['ELECTRON_RENDERER_URL'] = saved;
});

/** Starts the app and asks for startup from its window's main frame at `frameUrl`. */
async function startAndCall(frameUrl: string) {
  startApp('/app/out/main');
  await settle();
  const window = FakeBrowserWindow.created.at(-1)!;
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
