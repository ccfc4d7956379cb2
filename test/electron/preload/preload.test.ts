import { describe, expect, it, vi } from 'vitest';
import { createBridge, type Invoke } from '../../../electron/preload/create-bridge';
import { EventsClient, type EventsPort } from '../../../electron/preload/events-client';
import { UserFiles, type UserFileEvent } from '../../../electron/preload/user-files';
import { apiFromBridge, isPostnetBridge } from '../../../shared/api/bridge';
import type { HostCommand, JobProgress } from '../../../shared/api/contract';

/** A dropped File as the preload sees it; `path` stands in for what webUtils.getPathForFile returns. */
const file = (name: string, path: string) => ({ name, size: 1, path });
const pathOf = (f: unknown) => (f as { path?: string }).path ?? '';

const drop = (files: unknown[], isTrusted = true): UserFileEvent => ({
  isTrusted,
  type: 'drop',
  dataTransfer: { files },
});

describe('UserFiles', () => {
  it('remembers files from trusted drops and <input type=file> changes, and returns their paths', () => {
    const userFiles = new UserFiles(pathOf);
    const a = file('a.wav', '/home/u/a.wav');
    const b = file('b.npz', '/home/u/b.npz');
    userFiles.note(drop([a]));
    userFiles.note({ isTrusted: true, type: 'change', target: { type: 'file', files: [b] } });
    expect(userFiles.pathsFor([a, b])).toEqual(['/home/u/a.wav', '/home/u/b.npz']);
  });

  it('fails clearly for a file the user did not drop (page script, synthetic events, in-memory Files)', () => {
    const userFiles = new UserFiles(pathOf);
    const forged = file('passwd', '/etc/passwd');
    userFiles.note(drop([forged], false));
    expect(() => userFiles.pathsFor([forged])).toThrow(
      expect.objectContaining({
        name: 'AccessDeniedError',
        message: 'passwd was not dropped or picked by the user',
      }),
    );
    expect(() => userFiles.pathsFor([{ name: 'made.wav', size: 3 }])).toThrow(
      expect.objectContaining({
        name: 'InvalidArgumentError',
        message: expect.stringMatching(/^made\.wav is not a file on disk/),
      }),
    );
  });
});

describe('EventsClient', () => {
  it('delivers progress and commands from the port to the matching listeners until unsubscribed', () => {
    const events = new EventsClient();
    const progress: JobProgress[] = [];
    const commands: HostCommand[] = [];
    const stop = events.onProgress((p) => progress.push(p));
    events.onCommand((c) => commands.push(c));
    const port: EventsPort = { onmessage: null, close: vi.fn() };
    events.attach(port);
    const p = { jobId: 1, kind: 'process' as const, label: 'conv 2 of 5', fraction: 0.4 };
    port.onmessage!({ data: { type: 'progress', progress: p } });
    port.onmessage!({ data: { type: 'command', command: { type: 'fit' } } });
    stop();
    port.onmessage!({ data: { type: 'progress', progress: p } });
    expect(progress).toEqual([p]);
    expect(commands).toEqual([{ type: 'fit' }]);
  });

  it('closes the previous page load’s port when a new one arrives', () => {
    const events = new EventsClient();
    const first: EventsPort = { onmessage: null, close: vi.fn() };
    events.attach(first);
    events.attach({ onmessage: null, close: vi.fn() });
    expect(first.close).toHaveBeenCalled();
  });
});

describe('createBridge', () => {
  function bridgeWith(invoke: Invoke, userFiles = new UserFiles(pathOf)) {
    return createBridge({ invoke, userFiles, events: new EventsClient() });
  }

  it('sends dropped files as the paths the user dropped (resolved-drop); the other arguments as given', async () => {
    const invoke = vi.fn(async () => ({ ok: true as const, result: { inputs: [], weights: null } }));
    const userFiles = new UserFiles(pathOf);
    const a = file('a.wav', '/home/u/a.wav');
    userFiles.note(drop([a]));
    const reply = await bridgeWith(invoke as unknown as Invoke, userFiles).open(
      { kind: 'dropped', files: [a] },
      'auto',
    );
    expect(reply).toEqual({ ok: true, result: { inputs: [], weights: null } });
    expect(invoke).toHaveBeenCalledWith(
      'postnet:open',
      { kind: 'resolved-drop', paths: ['/home/u/a.wav'] },
      'auto',
    );
  });

  it.each([
    ['an old dropped-paths source', { kind: 'dropped-paths', paths: ['/etc/shadow'] }],
    ['a resolved-drop made by the page', { kind: 'resolved-drop', paths: ['/etc/shadow'] }],
    ['extra fields on a dialog source', { kind: 'dialog', paths: ['/etc/shadow'] }],
    ['a path where a File should be', { kind: 'dropped', files: ['/etc/shadow'] }],
  ])(
    'fails clearly for a forged open with paths (%s): refused in the preload, nothing reaches main',
    async (_what, source) => {
      const invoke = vi.fn();
      const reply = await bridgeWith(invoke as unknown as Invoke).open(source as never, 'auto');
      expect(reply).toMatchObject({ ok: false, error: { name: 'InvalidArgumentError' } });
      expect(invoke).not.toHaveBeenCalled();
    },
  );

  it('fails clearly for a File-like object the user never dropped: no path, refused', async () => {
    const invoke = vi.fn();
    const forged = { name: 'shadow', size: 1 }; // no path: webUtils has nothing for it
    const reply = await bridgeWith(invoke as unknown as Invoke).open(
      { kind: 'dropped', files: [forged] },
      'auto',
    );
    expect(reply).toMatchObject({ ok: false, error: { name: 'InvalidArgumentError' } });
    expect(invoke).not.toHaveBeenCalled();
  });

  it('fails clearly, as an envelope, for a file that was not dropped: nothing reaches main', async () => {
    const invoke = vi.fn();
    const reply = await bridgeWith(invoke as unknown as Invoke).open(
      { kind: 'dropped', files: [file('x', '/x')] },
      'auto',
    );
    expect(reply).toEqual({
      ok: false,
      error: { name: 'AccessDeniedError', message: 'x was not dropped or picked by the user' },
    });
    expect(invoke).not.toHaveBeenCalled();
  });

  it('turns an IPC failure into an envelope too, so the page gets an ApiError rather than a bare Error', async () => {
    const invoke = vi.fn(async () => {
      throw new Error("Error invoking remote method 'postnet:startup': reply was never sent");
    });
    const api = apiFromBridge(bridgeWith(invoke as unknown as Invoke));
    await expect(api.startup()).rejects.toMatchObject({
      name: 'Error',
      message: expect.stringMatching(/reply was never sent/),
    });
  });

  it('sends a layer-output request on its own channel, unchanged', async () => {
    const data = new Float32Array([1, 2]);
    const invoke = vi.fn(async () => ({
      ok: true as const,
      result: { layer: 2, nChannels: 1, nFrames: 2, data },
    }));
    const request = {
      inputId: 'input-1',
      weightsId: 'weights-default',
      layer: 2,
      frames: { start: 0, end: 2 },
      maxColumns: 2,
      reduce: 'absmax' as const,
    };
    const api = apiFromBridge(bridgeWith(invoke as unknown as Invoke));
    expect((await api.layerOutput(request)).data).toBe(data);
    expect(invoke).toHaveBeenCalledWith('postnet:layer-output', request);
  });

  it('exposes exactly the PostnetApi methods, nothing of ipcRenderer', () => {
    const bridge = bridgeWith(vi.fn() as unknown as Invoke);
    expect(isPostnetBridge(bridge)).toBe(true);
    expect(Object.keys(bridge).sort()).toEqual([
      'cancel',
      'chooseStack',
      'defaultWeights',
      'explain',
      'exportResult',
      'exportTensor',
      'inputAudio',
      'layerFilters',
      'layerOutput',
      'onCommand',
      'onProgress',
      'onResultPart',
      'open',
      'process',
      'relabel',
      'remel',
      'saveSettings',
      'setTitle',
      'showRecent',
      'smooth',
      'startup',
      'synthesize',
      'tensorStats',
      'textRun',
    ]);
  });
});
