/**
 * The application menu as a template (pure: tests read it without Electron). Commands that
 * concern what is open go to the renderer as HostCommands; the renderer owns the documents.
 */
import type { MenuItemConstructorOptions } from 'electron';
import { EXPORT_FORMATS, type HostCommand, type PlaybackCommand } from '../../shared/api/contract';
import type { AppSettings } from '../../shared/api/settings';
import type { EngineChoice } from '../../shared/backend/engine-choice';
import { EXPORT_LABELS } from '../../shared/export/names';
import type { RecentEntry } from './app-state';
import { recentFiles } from './recent';

export interface RecentMenuContext {
  recent: readonly RecentEntry[];
  /** The user picked this entry: grant its path and ask the window to open it (app.ts). */
  openRecent: (path: string) => void;
  clearRecent: () => void;
}

export interface MenuContext extends RecentMenuContext {
  platform: NodeJS.Platform;
  /** Reload and DevTools only in development builds (build-mode.ts). */
  isDev: boolean;
  send: (command: HostCommand) => void;
  /** The window's settings now: the Engine and Decimation radio items check them. */
  settings: AppSettings;
}

/**
 * Keys the page handles itself (zoom, fit, `?`, also while it has focus in the browser host): the
 * menu shows them but does not register them, so one key press does not act twice.
 */
const PAGE_HANDLES_KEY = { registerAccelerator: false } as const;

/**
 * The Open Recent items: one per entry (picking one is what grants its path again), then Clear
 * Recent. The File menu shows them as a submenu, the toolbar's Recent… as a popup.
 */
export function recentMenuItems(context: RecentMenuContext): MenuItemConstructorOptions[] {
  const { recent } = context;
  const items: MenuItemConstructorOptions[] = recentFiles(recent).map((file) => ({
    label: file.name,
    sublabel: file.location,
    click: () => context.openRecent(file.location),
  }));
  return [
    ...(items.length > 0 ? items : [{ label: 'No Recent Files', enabled: false }]),
    { type: 'separator' },
    { label: 'Clear Recent', enabled: recent.length > 0, click: () => context.clearRecent() },
  ];
}

function fileMenu(context: MenuContext): MenuItemConstructorOptions {
  const { send } = context;
  return {
    label: '&File',
    submenu: [
      {
        label: 'Open WAV…',
        accelerator: 'CmdOrCtrl+O',
        click: () => send({ type: 'open', intent: 'audio', source: { kind: 'dialog' } }),
      },
      {
        label: 'Load Weights…',
        accelerator: 'CmdOrCtrl+Shift+O',
        click: () => send({ type: 'open', intent: 'weights', source: { kind: 'dialog' } }),
      },
      {
        label: 'Load Weights Folder…',
        click: () => send({ type: 'open', intent: 'weights', source: { kind: 'dialog', folder: true } }),
      },
      ...weightsItems(send),
      { label: 'Engine', submenu: engineItems(context) },
      { label: 'Open Recent', submenu: recentMenuItems(context) },
      { type: 'separator' },
      {
        label: 'Export',
        accelerator: 'CmdOrCtrl+E',
        click: () => send({ type: 'export', format: 'npy' }),
      },
      {
        label: 'Export As',
        submenu: EXPORT_FORMATS.map((format) => ({
          label: EXPORT_LABELS[format],
          click: () => send({ type: 'export', format }),
        })),
      },
      ...(context.platform === 'darwin'
        ? []
        : [{ type: 'separator' } as const, { role: 'quit', accelerator: 'CmdOrCtrl+Q' } as const]),
    ],
  };
}

function viewMenu(context: MenuContext): MenuItemConstructorOptions {
  const { send } = context;
  const devItems: MenuItemConstructorOptions[] = context.isDev
    ? [{ type: 'separator' }, { role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }]
    : [];
  return {
    label: '&View',
    submenu: [
      {
        label: 'Zoom In',
        accelerator: 'CmdOrCtrl+=',
        ...PAGE_HANDLES_KEY,
        click: () => send({ type: 'zoom', direction: 'in' }),
      },
      {
        label: 'Zoom Out',
        accelerator: 'CmdOrCtrl+-',
        ...PAGE_HANDLES_KEY,
        click: () => send({ type: 'zoom', direction: 'out' }),
      },
      {
        label: 'Fit to Window',
        accelerator: 'CmdOrCtrl+0',
        ...PAGE_HANDLES_KEY,
        click: () => send({ type: 'fit' }),
      },
      { type: 'separator' },
      {
        label: 'Zoom Bands In',
        accelerator: 'Alt+Up',
        ...PAGE_HANDLES_KEY,
        click: () => send({ type: 'band-zoom', direction: 'in' }),
      },
      {
        label: 'Zoom Bands Out',
        accelerator: 'Alt+Down',
        ...PAGE_HANDLES_KEY,
        click: () => send({ type: 'band-zoom', direction: 'out' }),
      },
      {
        label: 'Show All Bands',
        accelerator: 'Alt+0',
        ...PAGE_HANDLES_KEY,
        click: () => send({ type: 'band-zoom', direction: 'reset' }),
      },
      { label: 'Decimation', submenu: decimationItems(context) },
      { type: 'separator' },
      { role: 'togglefullscreen' },
      ...devItems,
    ],
  };
}

/**
 * What a column shows when many frames share a pixel, as radio items checking the current choice.
 * The toolbar's select changes it too: the page then saves the settings and app.ts rebuilds the
 * menu from them, so the check follows.
 */
function decimationItems(context: MenuContext): MenuItemConstructorOptions[] {
  const items = [
    ['Mean of the Frames (Default)', 'mean'],
    ['Maximum of the Frames', 'max'],
    ['Minimum of the Frames', 'min'],
  ] as const;
  return items.map(([label, decimation]) => ({
    label,
    type: 'radio',
    checked: context.settings.decimation === decimation,
    click: () => context.send({ type: 'decimation', decimation }),
  }));
}

const ENGINE_ITEMS: readonly (readonly [string, EngineChoice])[] = [
  ['Auto (Native, Else WASM)', 'auto'],
  ['Native (onnxruntime)', 'native'],
  ['WASM SIMD', 'wasm'],
  ['JavaScript', 'js'],
];

/** The engine that runs the post-net (the status bar's select), as radio items like Decimation. */
function engineItems(context: MenuContext): MenuItemConstructorOptions[] {
  return ENGINE_ITEMS.map(([label, engine]) => ({
    label,
    type: 'radio',
    checked: context.settings.engine === engine,
    click: () => context.send({ type: 'engine', engine }),
  }));
}

/** Sonic Visualiser's Playback menu; the page handles the keys (they also work in the browser). */
function playbackMenu(send: (command: HostCommand) => void): MenuItemConstructorOptions {
  const item = (
    label: string,
    command: PlaybackCommand,
    accelerator: string,
  ): MenuItemConstructorOptions => ({
    label,
    accelerator,
    ...PAGE_HANDLES_KEY,
    click: () => send({ type: 'playback', command }),
  });
  return {
    label: '&Playback',
    submenu: [
      item('Play / Pause', 'play-pause', 'Space'),
      { type: 'separator' },
      item('Rewind to Start', 'rewind-start', 'Home'),
      item('Rewind', 'rewind', 'PageUp'),
      item('Fast Forward', 'ffwd', 'PageDown'),
      item('Fast Forward to End', 'ffwd-end', 'End'),
      { type: 'separator' },
      item('Play the Visible Range', 'play-visible', 'S'),
      item('Loop Playback', 'loop', 'Shift+L'),
    ],
  };
}

/** The built-in weights: the demo post-net (the default) and the untrained one. */
function weightsItems(send: (command: HostCommand) => void): MenuItemConstructorOptions[] {
  return [
    {
      label: 'Demo Post-net (Default Weights)',
      click: () => send({ type: 'built-in-weights', which: 'demo' }),
    },
    { label: 'Untrained Post-net', click: () => send({ type: 'built-in-weights', which: 'untrained' }) },
  ];
}

const EDIT_MENU: MenuItemConstructorOptions = {
  label: '&Edit',
  submenu: [
    { role: 'undo' },
    { role: 'redo' },
    { type: 'separator' },
    { role: 'cut' },
    { role: 'copy' },
    { role: 'paste' },
    { role: 'selectAll' },
  ],
};

export function buildMenuTemplate(context: MenuContext): MenuItemConstructorOptions[] {
  const isMac = context.platform === 'darwin';
  return [
    ...(isMac ? [{ role: 'appMenu' } as const] : []),
    fileMenu(context),
    EDIT_MENU,
    viewMenu(context),
    playbackMenu(context.send),
    ...(isMac ? [{ role: 'windowMenu' } as const] : []),
    {
      role: 'help',
      submenu: [
        {
          label: 'Keyboard Shortcuts',
          accelerator: '?',
          ...PAGE_HANDLES_KEY,
          click: () => context.send({ type: 'show-shortcuts' }),
        },
      ],
    },
  ];
}
