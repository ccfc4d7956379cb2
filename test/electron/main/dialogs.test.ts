/**
 * The native dialogs (electron/main/dialogs.ts) over the electron stub: each kind (audio, weights,
 * export) starts in the folder last used for it, or Documents; cancelling remembers nothing; a
 * typed export name without the format's extension gets it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BrowserWindow } from 'electron';
import { StateStore } from '../../../electron/main/state-store';
import { FakeBrowserWindow } from './electron-stub';

const electron = await vi.hoisted(async () => (await import('./electron-stub')).createElectronStub());
vi.mock('electron', () => electron);

const { electronDialogs, openFilters } = await import('../../../electron/main/dialogs');

const DOCUMENTS = '/tmp/postnet-stub/documents'; // the stub's app.getPath('documents')
let folder = '';
let store: StateStore;

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'postnet-dialogs-'));
  store = new StateStore(folder, 10_000);
  await store.load();
  electron.dialog.showOpenDialog.mockReset();
  electron.dialog.showSaveDialog.mockReset();
});

afterEach(async () => {
  await store.flush();
  await rm(folder, { recursive: true, force: true });
});

const picked = (...filePaths: string[]) => ({ canceled: false, filePaths });
const savedAs = (filePath: string) => ({ canceled: false, filePath });
const optionsOf = (mock: { mock: { calls: unknown[][] } }, call = 0) =>
  mock.mock.calls[call]!.at(-1) as Record<string, unknown>;

describe('electronDialogs', () => {
  it('remembers the folder per kind: audio and weights each start where they were last', async () => {
    const dialogs = electronDialogs(() => null, store);
    electron.dialog.showOpenDialog
      .mockResolvedValueOnce(picked('/music/takes/a.wav', '/music/takes/b.wav'))
      .mockResolvedValueOnce(picked('/models/postnet.npz'))
      .mockResolvedValueOnce(picked('/music/takes/c.wav'))
      .mockResolvedValueOnce(picked('/models/tacotron2_npy'));
    expect(await dialogs.pickToOpen('audio', false)).toEqual(['/music/takes/a.wav', '/music/takes/b.wav']);
    expect(await dialogs.pickToOpen('weights', false)).toEqual(['/models/postnet.npz']);
    await dialogs.pickToOpen('auto', false); // a drop-like Open… shares the audio folder
    await dialogs.pickToOpen('weights', true);
    const calls = electron.dialog.showOpenDialog.mock.calls.map(
      (call) => call.at(-1) as Record<string, unknown>,
    );
    expect(calls.map((options) => options['defaultPath'])).toEqual([
      DOCUMENTS,
      DOCUMENTS,
      '/music/takes',
      '/models',
    ]);
    expect(store.current.folders).toEqual({ audio: '/music/takes', weights: '/models' });
    expect(calls[0]).toMatchObject({
      title: 'Open',
      properties: ['openFile', 'multiSelections'],
      filters: openFilters('audio'),
    });
    expect(calls[1]).toMatchObject({ title: 'Load Weights', filters: openFilters('weights') });
    expect(calls[3]).toMatchObject({ title: 'Load Weights Folder', properties: ['openDirectory'] });
    expect(calls[3]).not.toHaveProperty('filters');
  });

  it('a cancelled open dialog returns no paths and remembers nothing', async () => {
    const dialogs = electronDialogs(() => null, store);
    electron.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: true, filePaths: [] });
    expect(await dialogs.pickToOpen('audio', false)).toEqual([]);
    expect(store.current.folders).toEqual({});
  });

  it('is a sheet on the window when there is one', async () => {
    const window = new FakeBrowserWindow({});
    const dialogs = electronDialogs(() => window as unknown as BrowserWindow, store);
    electron.dialog.showOpenDialog.mockResolvedValueOnce(picked('/music/a.wav'));
    electron.dialog.showSaveDialog.mockResolvedValueOnce(savedAs('/out/a.npy'));
    await dialogs.pickToOpen('audio', false);
    await dialogs.pickExportPath('npy', 'a.npy');
    expect(electron.dialog.showOpenDialog.mock.calls[0]![0]).toBe(window);
    expect(electron.dialog.showSaveDialog.mock.calls[0]![0]).toBe(window);
  });

  it('export: starts in the last export folder with the default name, adds a missing extension, remembers the folder', async () => {
    const dialogs = electronDialogs(() => null, store);
    electron.dialog.showSaveDialog
      .mockResolvedValueOnce(savedAs('/out/mels/speech'))
      .mockResolvedValueOnce(savedAs('/out/mels/speech_batched.NPY'))
      .mockResolvedValueOnce(savedAs('/out/csv/speech.csv'));
    expect(await dialogs.pickExportPath('npy', 'speech.npy')).toBe('/out/mels/speech.npy');
    expect(await dialogs.pickExportPath('npy-batched', 'speech_batched.npy')).toBe(
      '/out/mels/speech_batched.NPY',
    );
    expect(await dialogs.pickExportPath('csv', 'speech.csv')).toBe('/out/csv/speech.csv');
    const calls = electron.dialog.showSaveDialog.mock.calls.map(
      (call) => call.at(-1) as Record<string, unknown>,
    );
    expect(calls.map((options) => options['defaultPath'])).toEqual([
      join(DOCUMENTS, 'speech.npy'),
      '/out/mels/speech_batched.npy',
      '/out/mels/speech.csv',
    ]);
    expect(optionsOf(electron.dialog.showSaveDialog, 2)).toMatchObject({
      filters: [{ name: expect.any(String), extensions: ['csv'] }],
    });
    expect(store.current.folders).toEqual({ export: '/out/csv' });
  });

  it('a cancelled save dialog returns null and remembers nothing', async () => {
    const dialogs = electronDialogs(() => null, store);
    electron.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: true, filePath: '' });
    expect(await dialogs.pickExportPath('npz', 'speech.npz')).toBeNull();
    expect(store.current.folders).toEqual({});
  });
});
