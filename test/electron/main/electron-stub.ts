/**
 * A small stand-in for the `electron` module (the real one would try to download its binary).
 * Tests install it with:
 *   const electron = await vi.hoisted(async () => (await import('./electron-stub')).createElectronStub());
 *   vi.mock('electron', () => electron);
 * It records what the code under test registers so tests can drive it.
 */
import { EventEmitter } from 'node:events';
import { MessageChannel } from 'node:worker_threads';
import { vi } from 'vitest';

type Listener = (...args: unknown[]) => unknown;

export class FakeWebContents extends EventEmitter {
  mainFrame: FakeFrame;
  windowOpenHandler: Listener | null = null;
  constructor(url = 'app://postnet/index.html') {
    super();
    this.mainFrame = new FakeFrame(url, null);
  }
  setWindowOpenHandler(handler: Listener): void {
    this.windowOpenHandler = handler;
  }
}

export class FakeFrame {
  posted: { channel: string; message: unknown; transfer: unknown[] }[] = [];
  constructor(
    public url: string,
    public parent: FakeFrame | null,
  ) {}
  postMessage(channel: string, message: unknown, transfer: unknown[] = []): void {
    this.posted.push({ channel, message, transfer });
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static created: FakeBrowserWindow[] = [];
  webContents = new FakeWebContents();
  title = '';
  loadedUrl = '';
  destroyed = false;
  maximized = false;
  shown = false;
  focused = false;
  constructor(public options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.created.push(this);
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    return Promise.resolve();
  }
  setTitle(title: string): void {
    this.title = title;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  isMinimized(): boolean {
    return false;
  }
  isFullScreen(): boolean {
    return false;
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  maximize(): void {
    this.maximized = true;
  }
  restore(): void {}
  show(): void {
    this.shown = true;
  }
  focus(): void {
    this.focused = true;
  }
  getNormalBounds() {
    return { x: 10, y: 20, width: 1300, height: 820 };
  }
}

export function createElectronStub() {
  const appEvents = new EventEmitter();
  const handlers = new Map<string, Listener>();
  const rendererListeners = new Map<string, Listener>();
  const defaultSession = {
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    setDevicePermissionHandler: vi.fn(),
    webRequest: { onBeforeRequest: vi.fn(), onHeadersReceived: vi.fn() },
  };
  return {
    app: {
      on: vi.fn((event: string, listener: Listener) => appEvents.on(event, listener)),
      emit: (event: string, ...args: unknown[]) => appEvents.emit(event, ...args),
      whenReady: vi.fn(() => Promise.resolve()),
      requestSingleInstanceLock: vi.fn(() => true),
      quit: vi.fn(),
      getPath: vi.fn((name: string) => `/tmp/postnet-stub/${name}`),
      getVersion: vi.fn(() => '0.1.0'),
      getAppPath: vi.fn(() => '/app'),
      isPackaged: false,
      addRecentDocument: vi.fn(),
      clearRecentDocuments: vi.fn(),
    },
    ipcMain: {
      handlers,
      handle: vi.fn((channel: string, listener: Listener) => handlers.set(channel, listener)),
      removeHandler: vi.fn((channel: string) => handlers.delete(channel)),
    },
    ipcRenderer: {
      listeners: rendererListeners,
      invoke: vi.fn(() => Promise.resolve({ ok: true, result: null })),
      on: vi.fn((channel: string, listener: Listener) => rendererListeners.set(channel, listener)),
    },
    contextBridge: { exposeInMainWorld: vi.fn() },
    webUtils: { getPathForFile: vi.fn((file: { path?: string }) => file.path ?? '') },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    session: { defaultSession },
    MessageChannelMain: MessageChannel,
    Menu: {
      buildFromTemplate: vi.fn((template: unknown) => ({ template, popup: vi.fn() })),
      setApplicationMenu: vi.fn(),
    },
    dialog: { showOpenDialog: vi.fn(), showSaveDialog: vi.fn() },
    BrowserWindow: FakeBrowserWindow,
    screen: { getAllDisplays: vi.fn(() => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }]) },
    nativeTheme: { shouldUseDarkColors: false },
  };
}

export type ElectronStub = ReturnType<typeof createElectronStub>;
