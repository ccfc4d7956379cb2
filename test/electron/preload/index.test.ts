import { describe, expect, it, vi } from 'vitest';
import { isPostnetBridge } from '../../../shared/api/bridge';

const electron = await vi.hoisted(async () => (await import('../main/electron-stub')).createElectronStub());
vi.mock('electron', () => electron);

type Listener = (event: unknown) => void;
const pageListeners = new Map<string, Listener>();
Object.assign(globalThis, {
  addEventListener: (type: string, listener: Listener, capture: boolean) => {
    expect(capture).toBe(true); // capture phase: before the page's own handlers
    pageListeners.set(type, listener);
  },
});

await import('../../../electron/preload/index');

describe('the preload entry', () => {
  it('exposes one bridge as window.postnet through contextBridge, never ipcRenderer', () => {
    expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    const [key, api] = electron.contextBridge.exposeInMainWorld.mock.calls[0]! as [
      string,
      Record<string, unknown>,
    ];
    expect(key).toBe('postnet');
    expect(isPostnetBridge(api)).toBe(true);
    expect(Object.values(api)).not.toContain(electron.ipcRenderer);
    expect(Object.values(api)).not.toContain(electron.ipcRenderer.invoke);
  });

  it('asks main for the events port on load and listens for it', () => {
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith('postnet:connect-events');
    expect(electron.ipcRenderer.listeners.has('postnet:events-port')).toBe(true);
  });

  it('resolves dropped files through webUtils.getPathForFile, from trusted drop events only', async () => {
    const [, api] = electron.contextBridge.exposeInMainWorld.mock.calls[0]! as [
      string,
      { open: (...a: unknown[]) => Promise<unknown> },
    ];
    const dropped = { name: 'a.wav', size: 4, path: '/home/u/a.wav' };
    pageListeners.get('drop')!({ isTrusted: true, type: 'drop', dataTransfer: { files: [dropped] } });
    await api.open({ kind: 'dropped', files: [dropped] }, 'audio');
    expect(electron.webUtils.getPathForFile).toHaveBeenCalledWith(dropped);
    expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith(
      'postnet:open',
      { kind: 'resolved-drop', paths: ['/home/u/a.wav'] },
      'audio',
    );
  });
});
