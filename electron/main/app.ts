/**
 * Wires the main process together: single instance, security, the app protocol, state, the
 * worker pool, the shared host with main's I/O port, IPC, the menu and the window. Each part
 * lives in its own module; this one only connects them and follows the app's lifecycle.
 */
import { app, Menu, session as electronSession, type BrowserWindow } from 'electron';
import { webcrypto } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { HostCommand } from '../../shared/api/contract';
import { createHost } from '../../shared/host/host';
import { filesFromCommandLine } from './command-line';
import { electronDialogs } from './dialogs';
import { FileGrants } from './grants';
import { electronIo } from './host-io';
import { HostEvents, registerApi } from './ipc';
import { buildMenuTemplate, recentMenuItems, type RecentMenuContext } from './menu';
import { isDevBuild } from './build-mode';
import { appPaths } from './paths';
import { Preferences } from './preferences';
import { OpenRecent, recentFiles } from './recent';
import {
  hardenAllWebContents,
  hardenSession,
  isTrustedSender,
  registerAppScheme,
  serveRenderer,
} from './security';
import { StateStore } from './state-store';
import { createMainWindow, focusWindow, setWindowTitle } from './window';
import { WorkerPool } from './worker-pool';

/** Starts the app; returns false when another instance already runs (this one then quits). */
export function startApp(mainDir: string): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  registerAppScheme();
  const paths = appPaths(mainDir, app.getAppPath(), process.env['ELECTRON_RENDERER_URL'], isDevBuild());
  const devOrigin = paths.devServerUrl ? new URL(paths.devServerUrl).origin : null;
  hardenAllWebContents(devOrigin);

  const store = new StateStore(app.getPath('userData'), 300, (error) =>
    console.error('could not save the app state:', error),
  );
  const grants = new FileGrants();
  const events = new HostEvents();
  let window: BrowserWindow | null = null;
  const owner = new WorkerPool({ createWorker: (options) => new Worker(paths.worker, options) });

  let refreshMenu = (): void => undefined;
  const recent = new OpenRecent({
    store,
    onChanged: (entries, openedPaths) => {
      if (openedPaths) openedPaths.forEach((path) => app.addRecentDocument(path));
      else app.clearRecentDocuments();
      refreshMenu();
      sendCommand({ type: 'recent-changed', recent: recentFiles(entries) });
    },
  });
  // The page saves the settings whenever the user changes one: the menu's radio items follow.
  const preferences = new Preferences({ store, onChanged: () => refreshMenu() });
  /** Files the user named (command line, second instance, Finder, Open Recent): granted, then opened as a drop. */
  const openPaths = (opened: readonly string[]): void => {
    const ids = opened.map((path) => grants.grant(path).id);
    if (ids.length > 0) sendCommand({ type: 'open', intent: 'auto', source: { kind: 'granted', ids } });
  };
  const recentMenu = (): RecentMenuContext => ({
    recent: recent.entries(),
    openRecent: (path) => openPaths([path]),
    clearRecent: () => recent.clear(),
  });

  const host = createHost({
    runner: owner,
    io: electronIo({
      grants,
      dialogs: electronDialogs(() => window, store),
      recent,
      preferences,
      sampleWav: paths.sampleWav,
      demoWeights: paths.demoWeights,
      startupPaths: filesFromCommandLine(process.argv.slice(1), process.cwd()),
      showRecent: async () => {
        if (window) Menu.buildFromTemplate(recentMenuItems(recentMenu())).popup({ window });
      },
      setTitle: (title) => setWindowTitle(window, title),
    }),
    appVersion: app.getVersion(),
    digest: async (bytes) => new Uint8Array(await webcrypto.subtle.digest('SHA-256', bytes)),
  });
  host.onProgress((progress) => events.send({ type: 'progress', progress }));
  host.onResultPart((part) => events.send({ type: 'part', part }));
  host.onCommand((command) => events.send({ type: 'command', command }));
  /** Menus, the command line and Open Recent talk to the window through the host's events. */
  function sendCommand(command: HostCommand): void {
    host.command(command);
  }

  app.on('second-instance', (_event, argv, workingDirectory) => {
    focusWindow(window);
    openPaths(filesFromCommandLine(argv.slice(1), workingDirectory));
  });
  app.on('open-file', (event, path) => {
    event.preventDefault();
    openPaths([path]);
  });
  app.on('window-all-closed', () => app.quit());
  let cleanedUp = false;
  app.on('before-quit', (event) => {
    if (cleanedUp) return;
    event.preventDefault(); // write the state and stop the worker first, then quit for real
    cleanedUp = true;
    void Promise.allSettled([store.flush(), owner.dispose()]).then(() => app.quit());
  });

  void app.whenReady().then(async () => {
    await store.load();
    hardenSession(electronSession.defaultSession, devOrigin);
    serveRenderer(paths.rendererDir);
    registerApi(host, events, (event) => isTrustedSender(event, window, devOrigin));
    refreshMenu = () =>
      Menu.setApplicationMenu(
        Menu.buildFromTemplate(
          buildMenuTemplate({
            platform: process.platform,
            isDev: isDevBuild(),
            send: sendCommand,
            settings: preferences.current(),
            ...recentMenu(),
          }),
        ),
      );
    refreshMenu();
    owner.warmUp();
    window = createMainWindow(paths, store);
    window.on('closed', () => {
      events.disconnect();
      window = null;
    });
  });
  return true;
}
