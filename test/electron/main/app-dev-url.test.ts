/**
 * `ELECTRON_RENDERER_URL` (electron-vite's dev server) is honoured only in a development build
 * (`electron-vite dev`, build-mode.ts): in any other build — `npm start`'s unpackaged one too —
 * a set variable must not load an http origin that main would trust (the dev CSP, the API).
 */
import { afterAll, describe, expect, it, vi } from 'vitest';
import { FakeBrowserWindow } from './electron-stub';

const electron = await vi.hoisted(async () => (await import('./electron-stub')).createElectronStub());
vi.mock('electron', () => electron);
const buildMode = vi.hoisted(() => ({ dev: false }));
vi.mock('../../../electron/main/build-mode', () => ({ isDevBuild: () => buildMode.dev }));

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
  it('is ignored in a production build, even unpackaged: the window loads app://, and a page at that URL gets no API', async () => {
    buildMode.dev = false;
    electron.app.isPackaged = false;
    const { window, reply } = await startAndCall(DEV_URL);
    expect(window.loadedUrl).toBe('app://postnet/index.html');
    expect(reply).toMatchObject({ ok: false, error: { name: 'UntrustedSenderError' } });
  });

  it('is loaded and trusted in a development build (electron-vite dev)', async () => {
    buildMode.dev = true;
    electron.app.isPackaged = false;
    const { window, reply } = await startAndCall(DEV_URL);
    expect(window.loadedUrl).toBe(DEV_URL);
    expect(reply).toMatchObject({ ok: true });
  });
});

describe('DevTools and the reload menu', () => {
  const menuRoles = (): string[] => {
    const template = vi.mocked(electron.Menu.buildFromTemplate).mock.calls.at(-1)![0] as {
      submenu?: { role?: string }[];
    }[];
    return template.flatMap((menu) => (menu.submenu ?? []).map((item) => item.role ?? ''));
  };
  const devTools = (window: FakeBrowserWindow): unknown =>
    (window.options['webPreferences'] as { devTools?: unknown }).devTools;

  it('are off in a production build (npm start’s unpackaged one too)', async () => {
    buildMode.dev = false;
    electron.app.isPackaged = false;
    const { window } = await startAndCall('app://postnet/index.html');
    expect(devTools(window)).toBe(false);
    expect(menuRoles()).not.toContain('toggleDevTools');
    expect(menuRoles()).not.toContain('reload');
  });

  it('are on in a development build', async () => {
    buildMode.dev = true;
    const { window } = await startAndCall(DEV_URL);
    expect(devTools(window)).toBe(true);
    expect(menuRoles()).toEqual(expect.arrayContaining(['toggleDevTools', 'reload', 'forceReload']));
  });
});
