/**
 * Open Recent as the service keeps it: one entry per document an open call opened (each input,
 * the weights as the one path that reopens them), written in one store update with one event per
 * call, so loading a folder's worth of loose tensors neither floods the list nor pushes the
 * user's WAVs out of it.
 */
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_RECENT } from '../../../electron/main/app-state';
import type { Dialogs } from '../../../electron/main/dialogs';
import { FileGrants } from '../../../electron/main/grants';
import type { InputOrigin } from '../../../electron/main/read-opened';
import { PostnetService } from '../../../electron/main/service';
import { StateStore } from '../../../electron/main/state-store';
import type { WorkerOwner } from '../../../electron/main/worker-owner';
import { encodeNpy } from '../../../shared/formats/npy';
import { encodeNpz } from '../../../shared/formats/npz';
import { Session } from '../../../shared/host/session';
import { defaultWeights } from '../../../shared/weights/load';
import { fixturePath } from '../../helpers/fixtures';
import { createTestOwner } from '../worker/start-worker';

let folder = '';
let owner: WorkerOwner;
let store: StateStore;
let pickToOpen: ReturnType<typeof vi.fn>;
let events: (readonly string[] | null)[];
let service: PostnetService;

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'postnet-recent-'));
  owner = createTestOwner();
  store = new StateStore(folder, 10_000);
  await store.load();
  pickToOpen = vi.fn(async () => []);
  events = [];
  service = new PostnetService({
    owner,
    grants: new FileGrants(),
    session: new Session<InputOrigin>(),
    store,
    dialogs: { pickToOpen, pickExportPath: vi.fn(async () => null) } as unknown as Dialogs,
    paths: { sampleWav: fixturePath('audio', 'speech_pcm16.wav') },
    appVersion: '0.1.0',
    startupPaths: [],
    onRecentChanged: (_recent, openedPaths) => events.push(openedPaths),
    setTitle: () => undefined,
    now: () => new Date('2025-06-01T12:00:00Z'),
  });
});

afterEach(async () => {
  await owner.dispose();
  await rm(folder, { recursive: true, force: true });
});

async function wavs(count: number): Promise<string[]> {
  const paths = Array.from({ length: count }, (_, i) => join(folder, `take${i}.wav`));
  for (const path of paths) await copyFile(fixturePath('audio', 'speech_pcm16.wav'), path);
  return paths;
}

/** The default post-net saved as one `.npy` per tensor (35 files) in `name`; returns the folder and files. */
async function npyFolder(name: string): Promise<{ dir: string; files: string[] }> {
  const dir = join(folder, name);
  await mkdir(dir);
  const files: string[] = [];
  for (const [key, tensor] of defaultWeights().tensors) {
    const path = join(dir, `${key}.npy`);
    await writeFile(path, encodeNpy(tensor));
    files.push(path);
  }
  return { dir, files };
}

const recentPaths = () => service.recentFiles().map((file) => file.location);

describe('Open Recent', () => {
  it('35 loose tensor files picked with Load Weights… make no entry: no one path reopens them; the WAVs stay', async () => {
    const takes = await wavs(3);
    for (const take of takes) await service.open({ kind: 'dropped-paths', paths: [take] }, 'auto', null);
    const { files } = await npyFolder('tacotron2_npy');
    expect(files).toHaveLength(35);
    pickToOpen.mockResolvedValueOnce(files);
    events = [];
    const update = vi.spyOn(store, 'update');
    const { weights } = await service.open({ kind: 'dialog' }, 'weights', null);
    expect(weights).toMatchObject({ name: '35 files', totalParameters: 4_348_144 });
    expect(update).not.toHaveBeenCalled();
    expect(events).toEqual([]);
    expect(recentPaths()).toEqual([...takes].reverse());
  });

  it('a drop of WAVs and a weights folder is one store update and one event, one entry per document', async () => {
    const takes = await wavs(2);
    const { dir } = await npyFolder('tacotron2_npy');
    const update = vi.spyOn(store, 'update');
    const { inputs, weights } = await service.open(
      { kind: 'dropped-paths', paths: [...takes, dir] },
      'auto',
      null,
    );
    expect([inputs.length, weights?.name]).toEqual([2, 'tacotron2_npy']);
    expect(update).toHaveBeenCalledTimes(1);
    expect(events).toEqual([[...takes, dir]]);
    expect(recentPaths()).toEqual([dir, takes[1], takes[0]]);
  });

  it('a weights folder is noted as the folder, and reopening that entry loads the same weights', async () => {
    const { dir } = await npyFolder('tacotron2_npy');
    pickToOpen.mockResolvedValueOnce([dir]);
    const first = await service.open({ kind: 'dialog', folder: true }, 'weights', null);
    expect(recentPaths()).toEqual([dir]);
    const [entry] = service.recentFiles();
    const again = await service.open({ kind: 'granted', ids: [entry!.id] }, 'auto', null);
    expect(again.weights).toMatchObject({ name: 'tacotron2_npy', sha256: first.weights!.sha256 });
  });

  it('one weights file is noted as that file, and reopening it loads the same weights', async () => {
    const npz = join(folder, 'postnet.npz');
    await writeFile(npz, encodeNpz(defaultWeights().tensors));
    pickToOpen.mockResolvedValueOnce([npz]);
    const first = await service.open({ kind: 'dialog' }, 'weights', null);
    expect(recentPaths()).toEqual([npz]);
    const again = await service.open({ kind: 'granted', ids: [service.recentFiles()[0]!.id] }, 'auto', null);
    expect(again.weights).toMatchObject({ name: 'postnet.npz', sha256: first.weights!.sha256 });
  });

  it('fails clearly to note weights that did not load: nothing joins Open Recent', async () => {
    const broken = join(folder, 'broken.npz');
    await writeFile(broken, 'PK\x03\x04 not a zip');
    pickToOpen.mockResolvedValueOnce([broken]);
    await expect(service.open({ kind: 'dialog' }, 'weights', null)).rejects.toThrow(/broken\.npz/);
    expect(recentPaths()).toEqual([]);
    expect(events).toEqual([]);
  });

  it(`keeps at most ${MAX_RECENT} entries, the newest first`, async () => {
    const takes = await wavs(MAX_RECENT + 2);
    await service.open({ kind: 'dropped-paths', paths: takes }, 'auto', null);
    expect(events).toHaveLength(1);
    expect(recentPaths()).toEqual(takes.slice(2).reverse());
  });
});
