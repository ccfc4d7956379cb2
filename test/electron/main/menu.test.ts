import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { buildMenuTemplate, recentMenuItems, type MenuContext } from '../../../electron/main/menu';
import type { HostCommand } from '../../../shared/api/contract';
import { DEFAULT_APP_SETTINGS } from '../../../shared/api/settings';

function context(
  overrides: Partial<MenuContext> = {},
): MenuContext & { sent: HostCommand[]; picked: string[] } {
  const sent: HostCommand[] = [];
  const picked: string[] = [];
  return {
    platform: 'linux',
    isDev: false,
    recent: [],
    settings: DEFAULT_APP_SETTINGS,
    send: (c) => sent.push(c),
    openRecent: (path) => picked.push(path),
    clearRecent: vi.fn(),
    sent,
    picked,
    ...overrides,
  };
}

function items(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? items(item.submenu) : [])]);
}

function find(template: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions {
  const item = items(template).find((entry) => entry.label === label);
  if (!item) throw new Error(`no menu item '${label}'`);
  return item;
}

function click(item: MenuItemConstructorOptions): void {
  (item.click as () => void)();
}

describe('buildMenuTemplate', () => {
  it('has the shortcuts: Open WAV Ctrl/Cmd+O, Load Weights Ctrl/Cmd+Shift+O, Export Ctrl/Cmd+E, Keyboard Shortcuts ?', () => {
    const template = buildMenuTemplate(context());
    expect(find(template, 'Open WAV…').accelerator).toBe('CmdOrCtrl+O');
    expect(find(template, 'Load Weights…').accelerator).toBe('CmdOrCtrl+Shift+O');
    expect(find(template, 'Export').accelerator).toBe('CmdOrCtrl+E');
    expect(find(template, 'Keyboard Shortcuts').accelerator).toBe('?');
  });

  it('shows but does not register the keys the page handles itself (zoom, fit, ?), so they act once', () => {
    const template = buildMenuTemplate(context());
    for (const label of ['Zoom In', 'Zoom Out', 'Fit to Window', 'Keyboard Shortcuts']) {
      expect(find(template, label).registerAccelerator).toBe(false);
    }
    for (const label of ['Open WAV…', 'Load Weights…', 'Export']) {
      expect(find(template, label).registerAccelerator).toBeUndefined();
    }
  });

  it('sends HostCommands to the renderer for open, export, zoom, fit and shortcuts', () => {
    const ctx = context();
    const template = buildMenuTemplate(ctx);
    for (const label of [
      'Open WAV…',
      'Load Weights…',
      'Load Weights Folder…',
      'Export',
      'Zoom In',
      'Zoom Out',
      'Fit to Window',
      'Zoom Bands In',
      'Zoom Bands Out',
      'Show All Bands',
      'Maximum of the Frames',
      'Keyboard Shortcuts',
    ]) {
      click(find(template, label));
    }
    expect(ctx.sent).toEqual([
      { type: 'open', intent: 'audio', source: { kind: 'dialog' } },
      { type: 'open', intent: 'weights', source: { kind: 'dialog' } },
      { type: 'open', intent: 'weights', source: { kind: 'dialog', folder: true } },
      { type: 'export', format: 'npy' },
      { type: 'zoom', direction: 'in' },
      { type: 'zoom', direction: 'out' },
      { type: 'fit' },
      { type: 'band-zoom', direction: 'in' },
      { type: 'band-zoom', direction: 'out' },
      { type: 'band-zoom', direction: 'reset' },
      { type: 'decimation', decimation: 'max' },
      { type: 'show-shortcuts' },
    ]);
  });

  it('View ▸ Decimation is radio items with the current choice checked', () => {
    const submenu = (settings: MenuContext['settings']) =>
      (
        find(buildMenuTemplate(context({ settings })), 'Decimation').submenu as MenuItemConstructorOptions[]
      ).map((item) => [item.label, item.type, item.checked]);
    expect(submenu({ engine: 'auto', decimation: 'mean' })).toEqual([
      ['Mean of the Frames (Default)', 'radio', true],
      ['Maximum of the Frames', 'radio', false],
      ['Minimum of the Frames', 'radio', false],
    ]);
    expect(submenu({ engine: 'auto', decimation: 'min' }).map(([, , checked]) => checked)).toEqual([
      false,
      false,
      true,
    ]);
  });

  it('File ▸ Engine is radio items checking the engine setting; each sends it to the window', () => {
    const ctx = context({ settings: { engine: 'wasm', decimation: 'mean' } });
    const engine = find(buildMenuTemplate(ctx), 'Engine').submenu as MenuItemConstructorOptions[];
    expect(engine.map((item) => [item.label, item.type, item.checked])).toEqual([
      ['Auto (Native, Else WASM)', 'radio', false],
      ['Native (onnxruntime)', 'radio', false],
      ['WASM SIMD', 'radio', true],
      ['JavaScript', 'radio', false],
    ]);
    engine.forEach(click);
    expect(ctx.sent).toEqual(
      (['auto', 'native', 'wasm', 'js'] as const).map((choice) => ({ type: 'engine', engine: choice })),
    );
  });

  it('offers every export format under Export As', () => {
    const ctx = context();
    const exportAs = find(buildMenuTemplate(ctx), 'Export As').submenu as MenuItemConstructorOptions[];
    exportAs.forEach(click);
    expect(ctx.sent.map((c) => (c.type === 'export' ? c.format : c.type))).toEqual([
      'npy',
      'npy-batched',
      'npz',
      'png',
      'csv',
    ]);
  });

  it('lists recent files by name and path; picking one hands its path to be granted and opened; clears them', () => {
    const ctx = context({ recent: [{ path: '/a/speech.wav', openedAt: '2025-06-01T12:00:00.000Z' }] });
    const template = buildMenuTemplate(ctx);
    const entry = find(template, 'speech.wav');
    expect(entry.sublabel).toBe('/a/speech.wav');
    click(entry);
    expect(ctx.picked).toEqual(['/a/speech.wav']);
    expect(ctx.sent).toEqual([]); // the page is told to open only what main granted (app.ts)
    click(find(template, 'Clear Recent'));
    expect(ctx.clearRecent).toHaveBeenCalled();
  });

  it('the toolbar’s Recent… pops up the same items as File → Open Recent', () => {
    const ctx = context({ recent: [{ path: '/a/speech.wav', openedAt: '' }] });
    const submenu = find(buildMenuTemplate(ctx), 'Open Recent').submenu as MenuItemConstructorOptions[];
    const popup = recentMenuItems(ctx);
    expect(popup.map((item) => item.label ?? item.type)).toEqual(
      submenu.map((item) => item.label ?? item.type),
    );
    expect(popup.map((item) => item.label ?? item.type)).toEqual(['speech.wav', 'separator', 'Clear Recent']);
  });

  it('shows a disabled placeholder and a disabled Clear Recent when there is nothing recent', () => {
    const template = buildMenuTemplate(context());
    expect(find(template, 'No Recent Files').enabled).toBe(false);
    expect(find(template, 'Clear Recent').enabled).toBe(false);
  });

  it('has Reload and DevTools only in development', () => {
    const roles = (isDev: boolean) => items(buildMenuTemplate(context({ isDev }))).map((item) => item.role);
    expect(roles(true)).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
    expect(roles(false)).not.toContain('reload');
    expect(roles(false)).not.toContain('toggleDevTools');
  });

  it('follows the platform: app and window menus on macOS, Quit in File elsewhere; Edit roles everywhere', () => {
    const mac = items(buildMenuTemplate(context({ platform: 'darwin' }))).map((item) => item.role);
    const linux = items(buildMenuTemplate(context())).map((item) => item.role);
    expect(mac).toEqual(expect.arrayContaining(['appMenu', 'windowMenu']));
    expect(mac).not.toContain('quit');
    expect(linux).toContain('quit');
    expect(linux).toEqual(expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']));
  });
});
