/** The main window: secure preferences, remembered bounds, minimum size, our title. */
import { BrowserWindow, nativeTheme, screen } from 'electron';
import type { AppPaths } from './paths';
import { APP_ENTRY_URL, secureWebPreferences } from './security';
import type { StateStore } from './state-store';
import { APP_NAME } from '../../shared/host/io';
import { initialBounds, MIN_HEIGHT, MIN_WIDTH } from './window-state';

export function createMainWindow(paths: AppPaths, store: StateStore): BrowserWindow {
  const workAreas = screen.getAllDisplays().map((display) => display.workArea);
  const { maximized, ...bounds } = initialBounds(store.current.window, workAreas);
  const window = new BrowserWindow({
    ...bounds,
    minWidth: MIN_WIDTH,
    minHeight: MIN_HEIGHT,
    title: APP_NAME,
    show: false,
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#15171c' : '#ffffff',
    webPreferences: secureWebPreferences(paths.preload),
  });
  if (maximized) window.maximize();
  window.once('ready-to-show', () => window.show());
  // The title says which file is open (setDocumentTitle); the page's <title> must not replace it.
  window.on('page-title-updated', (event) => event.preventDefault());

  const remember = (): void => {
    if (window.isDestroyed() || window.isMinimized() || window.isFullScreen()) return;
    store.update((state) => ({
      ...state,
      window: { ...window.getNormalBounds(), maximized: window.isMaximized() },
    }));
  };
  window.on('resize', remember);
  window.on('move', remember);
  window.on('maximize', remember);
  window.on('unmaximize', remember);
  window.on('close', remember);

  void window.loadURL(paths.devServerUrl ?? APP_ENTRY_URL);
  return window;
}

/** Sets the window's title (the host words it: shared/host/io.ts `windowTitle`). */
export function setWindowTitle(window: BrowserWindow | null, title: string): void {
  if (window && !window.isDestroyed()) window.setTitle(title);
}

/** Brings the window to the front (a second instance was started). */
export function focusWindow(window: BrowserWindow | null): void {
  if (!window || window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
