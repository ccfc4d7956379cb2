import type { MessagePort } from 'node:worker_threads';
import { describe, expect, it, vi } from 'vitest';
import type { HostEvent } from '../../../shared/api/ipc';
import { CONNECT_EVENTS_CHANNEL } from '../../../shared/api/ipc';
import { API_TABLE, CALL_NAMES, type WireCalls } from '../../../shared/api/table';
import { WavFormatError } from '../../../shared/errors';
import { TACOTRON2_MEL } from '../../../shared/mel/config';
import { FakeFrame } from './electron-stub';

const electron = await vi.hoisted(async () => (await import('./electron-stub')).createElectronStub());
vi.mock('electron', () => electron);

const { HostEvents, registerApi } = await import('../../../electron/main/ipc');

/** A host whose every call fails the test unless overridden. */
function callsWith(overrides: Partial<WireCalls>): WireCalls {
  const never = () => {
    throw new Error('not expected in this test');
  };
  const all = Object.fromEntries(CALL_NAMES.map((name) => [name, vi.fn(never)]));
  return { ...all, ...overrides } as WireCalls;
}

function invoke(channel: string, event: unknown, ...args: unknown[]): Promise<unknown> {
  const listener = electron.ipcMain.handlers.get(channel);
  if (!listener) throw new Error(`no handler for ${channel}`);
  return listener(event, ...args) as Promise<unknown>;
}

const TRUSTED = { trusted: true };
const UNTRUSTED = { trusted: false };
const isTrusted = (event: unknown) => (event as { trusted: boolean }).trusted;

describe('registerApi', () => {
  it('registers one channel per table row (and the events port), validates arguments and answers in an ok envelope', async () => {
    const open = vi.fn(async () => ({ inputs: [], weights: null }));
    const unregister = registerApi(callsWith({ open }), new HostEvents(), isTrusted);
    const channels = [...CALL_NAMES.map((name) => API_TABLE[name].channel), CONNECT_EVENTS_CHANNEL];
    expect([...electron.ipcMain.handlers.keys()].sort()).toEqual(channels.sort());
    const reply = await invoke('postnet:open', TRUSTED, { kind: 'sample' }, 'auto');
    expect(reply).toEqual({ ok: true, result: { inputs: [], weights: null } });
    expect(open).toHaveBeenCalledWith({ kind: 'sample' }, 'auto');
    unregister();
    expect(electron.ipcMain.handlers.size).toBe(0);
  });

  it('fails clearly for a call from another frame: UntrustedSenderError, host not called', async () => {
    const startup = vi.fn();
    registerApi(callsWith({ startup }), new HostEvents(), isTrusted);
    const reply = await invoke('postnet:startup', UNTRUSTED);
    expect(reply).toEqual({
      ok: false,
      error: {
        name: 'UntrustedSenderError',
        message: "refused 'postnet:startup': it did not come from the Postnet Studio window",
      },
    });
    expect(startup).not.toHaveBeenCalled();
  });

  it('fails clearly for bad arguments: InvalidArgumentError naming them, host not called', async () => {
    const process = vi.fn();
    registerApi(callsWith({ process }), new HostEvents(), isTrusted);
    const reply = await invoke('postnet:process', TRUSTED, { inputId: 3, weightsId: 'w' });
    expect(reply).toEqual({
      ok: false,
      error: { name: 'InvalidArgumentError', message: 'request.inputId must be a string, got number 3' },
    });
    expect(process).not.toHaveBeenCalled();
  });

  it('fails clearly for a page-made path: main refuses the old dropped-paths kind, host not called', async () => {
    const open = vi.fn();
    registerApi(callsWith({ open }), new HostEvents(), isTrusted);
    const reply = await invoke(
      'postnet:open',
      TRUSTED,
      { kind: 'dropped-paths', paths: ['/etc/shadow'] },
      'auto',
    );
    expect(reply).toMatchObject({ ok: false, error: { name: 'InvalidArgumentError' } });
    expect(open).not.toHaveBeenCalled();
  });

  it("passes a pipeline error's own name, message and advice through (not Electron's invoke wrapper)", async () => {
    const remel = async () => {
      throw new WavFormatError('speech.wav: not a RIFF file');
    };
    registerApi(callsWith({ remel }), new HostEvents(), isTrusted);
    expect(await invoke('postnet:remel', TRUSTED, 'input-1', TACOTRON2_MEL)).toEqual({
      ok: false,
      error: { name: 'WavFormatError', message: 'speech.wav: not a RIFF file' },
    });
  });
});

describe('HostEvents', () => {
  function receive(frame: FakeFrame): Promise<HostEvent[]> {
    const port = frame.posted.at(-1)!.transfer[0] as MessagePort;
    const received: HostEvent[] = [];
    return new Promise((resolve) => {
      port.on('message', (event: HostEvent) => {
        received.push(event);
        if (received.length === 2) {
          port.close();
          resolve(received);
        }
      });
    });
  }

  it('hands the page a port, keeps commands sent before it connected, and streams events after', async () => {
    const events = new HostEvents();
    events.send({ type: 'progress', progress: { jobId: 1, kind: 'open', label: 'early', fraction: 0 } });
    events.send({ type: 'command', command: { type: 'fit' } });
    const frame = new FakeFrame('app://postnet/index.html', null);
    events.connect(frame as never);
    expect(frame.posted[0]!.channel).toBe('postnet:events-port');
    const received = receive(frame);
    events.send({
      type: 'progress',
      progress: { jobId: 2, kind: 'process', label: 'conv 1 of 5', fraction: 0.2 },
    });
    expect(await received).toEqual([
      { type: 'command', command: { type: 'fit' } },
      { type: 'progress', progress: { jobId: 2, kind: 'process', label: 'conv 1 of 5', fraction: 0.2 } },
    ]);
    events.disconnect();
  });
});
