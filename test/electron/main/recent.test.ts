/**
 * Open Recent as main keeps it (electron/main/recent.ts through the host's `opened`): one entry
 * per document an open call opened (each input, the weights as the one path that reopens them),
 * written in one store update with one change per call, so loading a folder's worth of loose
 * tensors neither floods the list nor pushes the user's WAVs out of it. An entry is granted again
 * only when the user picks it from the menu.
 */
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_RECENT } from '../../../electron/main/app-state';
import { recentMenuItems } from '../../../electron/main/menu';
import { encodeNpy } from '../../../shared/formats/npy';
import { loadWeights } from '../../../shared/weights/load';
import { smallPostnetNpz } from '../../e2e/helpers/weights-npz';
import { fixturePath } from '../../helpers/fixtures';
import { rejectionOf } from '../../helpers/rejection';
import { mainHost, type MainHost } from './main-host';

let folder = '';
let main: MainHost;

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'postnet-recent-'));
  main = await mainHost(join(folder, 'state'));
});

afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

async function wavs(count: number): Promise<string[]> {
  const paths = Array.from({ length: count }, (_, i) => join(folder, `take${i}.wav`));
  for (const path of paths) await copyFile(fixturePath('audio', 'speech_pcm16.wav'), path);
  return paths;
}

const smallBytes = smallPostnetNpz();

/** The small post-net saved as one `.npy` per tensor in `name`; returns the folder and files. */
async function npyFolder(name: string): Promise<{ dir: string; files: string[] }> {
  const dir = join(folder, name);
  await mkdir(dir);
  const files: string[] = [];
  for (const [key, tensor] of loadWeights([{ name: 'postnet.npz', bytes: smallBytes }]).tensors) {
    const path = join(dir, `${key}.npy`);
    await writeFile(path, encodeNpy(tensor));
    files.push(path);
  }
  return { dir, files };
}

const recentPaths = () => main.recent.files().map((file) => file.location);
const drop = (...paths: string[]) => ({ kind: 'resolved-drop', paths }) as const;

/**
 * The user picks entry `index` from Open Recent: its menu item grants the path (as app.ts does)
 * and the window opens the granted id as a drop.
 */
function pickRecent(index: number) {
  let picked: string | null = null;
  const items = recentMenuItems({
    recent: main.recent.entries(),
    openRecent: (path) => (picked = path),
    clearRecent: () => main.recent.clear(),
  });
  const item = items[index] as MenuItemConstructorOptions;
  (item.click as () => void)();
  if (picked === null) throw new Error(`entry ${index} opens nothing`);
  return main.host.open({ kind: 'granted', ids: [main.grants.grant(picked).id] }, 'auto');
}

describe('Open Recent', () => {
  it('loose tensor files picked with Load Weights… make no entry: no one path reopens them; the WAVs stay', async () => {
    const takes = await wavs(3);
    for (const take of takes) await main.host.open(drop(take), 'auto');
    const { files } = await npyFolder('tacotron2_npy');
    main.dialogs.pickToOpen.mockResolvedValueOnce(files);
    main.recentChanges.length = 0;
    const update = vi.spyOn(main.store, 'update');
    const { weights } = await main.host.open({ kind: 'dialog' }, 'weights');
    expect(weights).toMatchObject({ name: `${files.length} files` });
    expect(update).not.toHaveBeenCalled();
    expect(main.recentChanges).toEqual([]);
    expect(recentPaths()).toEqual([...takes].reverse());
  });

  it('a drop of WAVs and a weights folder is one store update and one change, one entry per document', async () => {
    const takes = await wavs(2);
    const { dir } = await npyFolder('tacotron2_npy');
    const update = vi.spyOn(main.store, 'update');
    const { inputs, weights } = await main.host.open(drop(...takes, dir), 'auto');
    expect([inputs.length, weights?.name]).toEqual([2, 'tacotron2_npy']);
    expect(update).toHaveBeenCalledTimes(1);
    expect(main.recentChanges).toEqual([[...takes, dir]]);
    expect(recentPaths()).toEqual([dir, takes[1], takes[0]]);
  });

  it('a weights folder is noted as the folder, and picking that entry loads the same weights', async () => {
    const { dir } = await npyFolder('tacotron2_npy');
    main.dialogs.pickToOpen.mockResolvedValueOnce([dir]);
    const first = await main.host.open({ kind: 'dialog', folder: true }, 'weights');
    expect(recentPaths()).toEqual([dir]);
    const again = await pickRecent(0);
    expect(again.weights).toMatchObject({ name: 'tacotron2_npy', sha256: first.weights!.sha256 });
  });

  it('one weights file is noted as that file, and picking it loads the same weights', async () => {
    const npz = join(folder, 'postnet.npz');
    await writeFile(npz, smallBytes);
    main.dialogs.pickToOpen.mockResolvedValueOnce([npz]);
    const first = await main.host.open({ kind: 'dialog' }, 'weights');
    expect(recentPaths()).toEqual([npz]);
    const again = await pickRecent(0);
    expect(again.weights).toMatchObject({ name: 'postnet.npz', sha256: first.weights!.sha256 });
  });

  it('fails clearly to note weights that did not load: nothing joins Open Recent', async () => {
    const broken = join(folder, 'broken.npz');
    await writeFile(broken, 'PK\x03\x04 not a zip');
    main.dialogs.pickToOpen.mockResolvedValueOnce([broken]);
    await expect(main.host.open({ kind: 'dialog' }, 'weights')).rejects.toThrow(/broken\.npz/);
    expect(recentPaths()).toEqual([]);
    expect(main.recentChanges).toEqual([]);
  });

  it(`keeps at most ${MAX_RECENT} entries, the newest first`, async () => {
    const takes = await wavs(MAX_RECENT + 2);
    await main.host.open(drop(...takes), 'auto');
    expect(main.recentChanges).toHaveLength(1);
    expect(recentPaths()).toEqual(takes.slice(2).reverse());
  });

  it('fails clearly to open an entry the user did not pick: a later run shows it, but grants nothing until it is picked', async () => {
    const [take] = await wavs(1);
    await main.host.open(drop(take!), 'auto');
    await main.store.flush();
    const later = await mainHost(join(folder, 'state')); // the next launch, same state file
    await later.store.load();
    const { recent } = await later.host.startup();
    expect(recent).toEqual([{ name: 'take0.wav', location: take }]); // names only: nothing to open it by
    const guessed = await rejectionOf(later.host.open({ kind: 'granted', ids: [take!] }, 'auto'));
    expect(guessed.name).toBe('AccessDeniedError');
    main = later;
    const picked = await pickRecent(0);
    expect(picked.inputs.map((input) => input.name)).toEqual(['take0.wav']);
  });
});
