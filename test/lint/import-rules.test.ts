/**
 * The lint rules that keep the architecture (eslint.config.js) fail on a deliberate violation and
 * pass the allowed form: Electron only where it must be imported, ipcMain / ipcRenderer each in
 * one module, and render/ never importing the window's app/ layer.
 */
import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..', '..');
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT });
});

/** The rule ids ESLint reports for `code` linted as if it were the file at `path`. */
async function violations(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(ROOT, path) });
  return (result?.messages ?? []).map((message) => `${message.ruleId}: ${message.message.split(':')[0]}`);
}

const RESTRICTED = '@typescript-eslint/no-restricted-imports';

describe('only the files that must import electron, ipcMain or ipcRenderer do', () => {
  it('fails clearly for electron in a module that runs without it (the host I/O, the worker owner, the CLI)', async () => {
    for (const path of [
      'electron/main/host-io.ts',
      'electron/main/worker-owner.ts',
      'electron/cli/main.ts',
    ]) {
      const found = await violations(
        path,
        "import { app } from 'electron';\nexport const name = app.name;\n",
      );
      expect(found.join('\n'), path).toContain(RESTRICTED);
    }
  });

  it('a type-only import of electron is allowed anywhere (it is erased)', async () => {
    const code = "import type { BrowserWindow } from 'electron';\nexport type W = BrowserWindow;\n";
    expect(await violations('electron/main/menu.ts', code)).toEqual([]);
  });

  it('fails clearly for ipcMain outside electron/main/ipc.ts and for ipcRenderer outside the preload entry', async () => {
    const ipcMain = "import { ipcMain } from 'electron';\nexport const m = ipcMain;\n";
    const ipcRenderer = "import { ipcRenderer } from 'electron';\nexport const r = ipcRenderer;\n";
    expect((await violations('electron/main/app.ts', ipcMain)).join()).toContain(RESTRICTED);
    expect((await violations('electron/main/ipc.ts', ipcRenderer)).join()).toContain(RESTRICTED);
    expect((await violations('electron/preload/index.ts', ipcMain)).join()).toContain(RESTRICTED);
    expect(await violations('electron/main/ipc.ts', ipcMain)).toEqual([]);
    expect(await violations('electron/preload/index.ts', ipcRenderer)).toEqual([]);
  });

  it('fails clearly for a dynamic import or require of electron anywhere', async () => {
    const found = await violations('electron/main/app.ts', "export const e = import('electron');\n");
    expect(found.join()).toContain('no-restricted-syntax');
  });
});

describe('render/ never imports the window’s app/ layer', () => {
  it('fails clearly for render/ importing app/ (or state/, components/, hooks/)', async () => {
    for (const from of [
      '../app/panes',
      '../app/frame-map',
      '../state/workspace',
      '../hooks/usePlotDrawing',
    ]) {
      const code = `import type { X } from '${from}';\nexport type Y = X;\n`;
      expect((await violations('renderer/src/render/raster.ts', code)).join(), from).toContain(RESTRICTED);
    }
  });

  it('passes render/ importing render/ and shared/, and app/ importing render/', async () => {
    const inRender =
      "import type { PlotPane } from './plot';\nimport type { MelConfig } from '../../../shared/mel/config';\nexport type Y = [PlotPane, MelConfig];\n";
    expect(await violations('renderer/src/render/raster.ts', inRender)).toEqual([]);
    const inApp = "import type { PlotPane } from '../render/plot';\nexport type Y = PlotPane;\n";
    expect(await violations('renderer/src/app/panes.ts', inApp)).toEqual([]);
  });
});
