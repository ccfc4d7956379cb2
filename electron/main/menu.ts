/**
 * The application menu as a template (pure: tests read it without Electron). Commands that
 * concern what is open go to the renderer as HostCommands; the renderer owns the documents.
 */
import type { MenuItemConstructorOptions } from 'electron';
import { EXPORT_FORMATS, type HostCommand, type RecentFile } from '../../shared/api/contract';
import { EXPORT_LABELS } from '../../shared/export/names';

export interface MenuContext {
  platform: NodeJS.Platform;
  /** Reload and DevTools only in development builds (build-mode.ts). */
  isDev: boolean;
  recent: readonly RecentFile[];
  send: (command: HostCommand) => void;
  clearRecent: () => void;
}

/**
 * Keys the page handles itself (zoom, fit, `?`, also while it has focus in the browser host): the
 * menu shows them but does not register them, so one key press does not act twice.
 */
const PAGE_HANDLES_KEY = { registerAccelerator: false } as const;

function fileMenu(context: MenuContext): MenuItemConstructorOptions {
  const { send, recent } = context;
  const recentItems: MenuItemConstructorOptions[] = recent.map((file) => ({
    label: file.name,
    sublabel: file.location,
    click: () => send({ type: 'open', intent: 'auto', source: { kind: 'granted', ids: [file.id] } }),
  }));
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
      {
        label: 'Open Recent',
        submenu: [
          ...(recentItems.length > 0 ? recentItems : [{ label: 'No Recent Files', enabled: false }]),
          { type: 'separator' },
          { label: 'Clear Recent', enabled: recent.length > 0, click: () => context.clearRecent() },
        ],
      },
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
      { role: 'togglefullscreen' },
      ...devItems,
    ],
  };
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
