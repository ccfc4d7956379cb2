/**
 * Wires the main process together: single instance, security, the app protocol, state, the
 * worker owner, IPC handlers, the menu and the window. Each part lives in its own module; this
 * one only connects them and follows the app's lifecycle.
 */
import { app, Menu, session as electronSession, type BrowserWindow } from 'electron';
import { Worker } from 'node:worker_threads';
import type { HostCommand, RecentFile } from '../../shared/api/contract';
import { Session } from '../../shared/host/session';
import { filesFromCommandLine } from './command-line';
import { electronDialogs } from './dialogs';
import { FileGrants } from './grants';
import { apiHandlers } from './handlers';
import { HostEvents, registerHandlers } from './ipc';
import { buildMenuTemplate } from './menu';
import { isDevBuild } from './build-mode';
import { appPaths } from './paths';
import {
  hardenAllWebContents,
  hardenSession,
  isTrustedSender,
  registerAppScheme,
  serveRenderer,
} from './security';
import { PostnetService } from './service';
import { StateStore } from './state-store';
import { createMainWindow, focusWindow, setDocumentTitle } from './window';
import { WorkerOwner } from './worker-owner';

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
  const owner = new WorkerOwner({
    createWorker: (options) => new Worker(paths.worker, options),
    onProgress: (progress) => events.send({ type: 'progress', progress }),
  });
  const sendCommand = (command: HostCommand): void => events.send({ type: 'command', command });
  const openPaths = (paths: readonly string[]): void => {
    const ids = paths.map((path) => grants.grant(path).id);
    if (ids.length > 0) sendCommand({ type: 'open', intent: 'auto', source: { kind: 'granted', ids } });
  };

  let refreshMenu = (_recent: readonly RecentFile[]): void => undefined;
  const service = new PostnetService({
    owner,
    grants,
    session: new Session(),
    store,
    dialogs: electronDialogs(() => window, store),
    paths,
    appVersion: app.getVersion(),
    startupPaths: filesFromCommandLine(process.argv.slice(1), process.cwd()),
    onRecentChanged: (recent, openedPaths) => {
      if (openedPaths) openedPaths.forEach((path) => app.addRecentDocument(path));
      else app.clearRecentDocuments();
      refreshMenu(recent);
      sendCommand({ type: 'recent-changed', recent });
    },
    setTitle: (name) => setDocumentTitle(window, name),
  });

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
    registerHandlers(apiHandlers(service, events), (event) => isTrustedSender(event, window, devOrigin));
    refreshMenu = (recent) =>
      Menu.setApplicationMenu(
        Menu.buildFromTemplate(
          buildMenuTemplate({
            platform: process.platform,
            isDev: isDevBuild(),
            recent,
            send: sendCommand,
            clearRecent: () => service.clearRecent(),
          }),
        ),
      );
    refreshMenu(service.recentFiles());
    owner.warmUp();
    window = createMainWindow(paths, store);
    window.on('closed', () => {
      events.disconnect();
      window = null;
    });
  });
  return true;
}
