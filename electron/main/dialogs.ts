/**
 * Native open and save dialogs, starting where the user last was (per kind: audio, weights,
 * export) and remembering where they went. Returns paths only; granting and reading is the
 * caller's business.
 */
import { app, dialog, type BrowserWindow, type FileFilter, type OpenDialogOptions } from 'electron';
import { dirname, join } from 'node:path';
import type { OpenIntent } from '../../shared/api/contract';
import {
  EXPORT_EXTENSIONS,
  EXPORT_LABELS,
  withExportExtension,
  type ExportFileKind,
} from '../../shared/export/names';
import type { DialogFolderKey } from './app-state';
import type { StateStore } from './state-store';

export interface Dialogs {
  /** Files (or one folder) to open; empty when the user cancels. */
  pickToOpen(intent: OpenIntent, folder: boolean): Promise<string[]>;
  /** Where to save an export; null when the user cancels. */
  pickExportPath(format: ExportFileKind, defaultName: string): Promise<string | null>;
}

const AUDIO_FILTER: FileFilter = {
  name: 'WAV audio or spectrogram (.wav, .npy)',
  extensions: ['wav', 'wave', 'npy'],
};
const WEIGHTS_FILTER: FileFilter = {
  name: 'Weights (.npz, .npy, .json, .pt, .pth, .safetensors)',
  extensions: ['npz', 'npy', 'json', 'pt', 'pth', 'safetensors'],
};
const ALL_FILTER: FileFilter = { name: 'All files', extensions: ['*'] };

export function openFilters(intent: OpenIntent): FileFilter[] {
  switch (intent) {
    case 'audio':
      return [AUDIO_FILTER, ALL_FILTER];
    case 'weights':
      return [WEIGHTS_FILTER, ALL_FILTER];
    case 'auto':
      return [
        {
          name: 'Audio, spectrograms and weights',
          extensions: ['wav', 'wave', 'npy', 'npz', 'json', 'pt', 'pth', 'safetensors'],
        },
        ALL_FILTER,
      ];
  }
}

export function electronDialogs(getWindow: () => BrowserWindow | null, store: StateStore): Dialogs {
  const startFolder = (key: DialogFolderKey): string =>
    store.current.folders[key] ?? app.getPath('documents');
  const remember = (key: DialogFolderKey, folder: string): void => {
    store.update((state) => ({ ...state, folders: { ...state.folders, [key]: folder } }));
  };

  return {
    async pickToOpen(intent, folder) {
      const key: DialogFolderKey = intent === 'weights' ? 'weights' : 'audio';
      const options: OpenDialogOptions = {
        title: folder ? 'Load Weights Folder' : intent === 'weights' ? 'Load Weights' : 'Open',
        defaultPath: startFolder(key),
        properties: folder ? ['openDirectory'] : ['openFile', 'multiSelections'],
        ...(folder ? {} : { filters: openFilters(intent) }),
      };
      const window = getWindow();
      const result = window
        ? await dialog.showOpenDialog(window, options)
        : await dialog.showOpenDialog(options);
      if (result.canceled || result.filePaths.length === 0) return [];
      remember(key, dirname(result.filePaths[0]!));
      return result.filePaths;
    },

    async pickExportPath(format, defaultName) {
      const options = {
        title: 'Export',
        defaultPath: join(startFolder('export'), defaultName),
        filters: [{ name: EXPORT_LABELS[format], extensions: [EXPORT_EXTENSIONS[format]] }],
        properties: ['showOverwriteConfirmation', 'createDirectory'] as (
          'showOverwriteConfirmation' | 'createDirectory'
        )[],
      };
      const window = getWindow();
      const result = window
        ? await dialog.showSaveDialog(window, options)
        : await dialog.showSaveDialog(options);
      if (result.canceled || !result.filePath) return null;
      const path = withExportExtension(result.filePath, format);
      remember('export', dirname(path));
      return path;
    },
  };
}
