/**
 * The host as main runs it — the shared host over main's I/O port (electron/main/host-io.ts) —
 * with real files, a state store in a temporary folder, scripted dialogs and the shared runner in
 * this thread (no worker: the worker is tested on its own, test/electron/worker/).
 */
import { mkdir } from 'node:fs/promises';
import { vi } from 'vitest';
import type { Dialogs } from '../../../electron/main/dialogs';
import { FileGrants } from '../../../electron/main/grants';
import { electronIo } from '../../../electron/main/host-io';
import { Preferences } from '../../../electron/main/preferences';
import { OpenRecent } from '../../../electron/main/recent';
import { StateStore } from '../../../electron/main/state-store';
import type { WireFileSource } from '../../../shared/api/table';
import { createHost, type Host } from '../../../shared/host/host';
import { DEMO_WEIGHTS_PATH } from '../../helpers/demo-weights';
import { fixturePath } from '../../helpers/fixtures';
import { inProcessRunner, type InProcessRunner } from '../../shared/jobs/in-process-runner';

export interface MainHost {
  host: Host<WireFileSource>;
  runner: InProcessRunner;
  grants: FileGrants;
  recent: OpenRecent;
  preferences: Preferences;
  store: StateStore;
  dialogs: { pickToOpen: ReturnType<typeof vi.fn>; pickExportPath: ReturnType<typeof vi.fn> };
  /** The paths each Open Recent change noted (null: cleared), in order. */
  recentChanges: (readonly string[] | null)[];
  titles: string[];
}

/** `stateFolder` holds the app state file (made if missing); `startupPaths` are the command line's files. */
export async function mainHost(stateFolder: string, startupPaths: readonly string[] = []): Promise<MainHost> {
  await mkdir(stateFolder, { recursive: true });
  const store = new StateStore(stateFolder, 10_000);
  await store.load();
  const grants = new FileGrants();
  const dialogs = {
    pickToOpen: vi.fn(async () => [] as string[]),
    pickExportPath: vi.fn(async () => null as string | null),
  };
  const recentChanges: (readonly string[] | null)[] = [];
  const recent = new OpenRecent({
    store,
    onChanged: (_entries, opened) => recentChanges.push(opened),
    now: () => new Date('2025-06-01T12:00:00Z'),
  });
  const preferences = new Preferences({ store, onChanged: () => undefined });
  const titles: string[] = [];
  const runner = inProcessRunner();
  const host = createHost({
    runner,
    io: electronIo({
      grants,
      dialogs: dialogs as unknown as Dialogs,
      recent,
      preferences,
      sampleWav: fixturePath('audio', 'speech_pcm16.wav'),
      demoWeights: DEMO_WEIGHTS_PATH,
      startupPaths,
      showRecent: async () => undefined,
      setTitle: (title) => titles.push(title),
    }),
    appVersion: '0.1.0',
    now: () => new Date('2025-06-01T12:00:00Z'),
  });
  return { host, runner, grants, recent, preferences, store, dialogs, recentChanges, titles };
}
