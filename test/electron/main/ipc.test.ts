import type { MessagePort } from 'node:worker_threads';
import { describe, expect, it, vi } from 'vitest';
import type { InvokeHandlers } from '../../../electron/main/ipc';
import type { HostEvent } from '../../../shared/api/ipc';
import { INVOKE_CHANNELS } from '../../../shared/api/ipc';
import { WavFormatError } from '../../../shared/errors';
import { FakeFrame } from './electron-stub';

const electron = await vi.hoisted(async () => (await import('./electron-stub')).createElectronStub());
vi.mock('electron', () => electron);

const { HostEvents, registerHandlers } = await import('../../../electron/main/ipc');

function handlersWith(overrides: Partial<InvokeHandlers>): InvokeHandlers {
  const never = () => {
    throw new Error('not expected in this test');
  };
  const all = Object.fromEntries(INVOKE_CHANNELS.map((channel) => [channel, vi.fn(never)]));
  return { ...all, ...overrides } as InvokeHandlers;
}

function invoke(channel: string, event: unknown, ...args: unknown[]): Promise<unknown> {
  const listener = electron.ipcMain.handlers.get(channel);
  if (!listener) throw new Error(`no handler for ${channel}`);
  return listener(event, ...args) as Promise<unknown>;
}

const TRUSTED = { trusted: true };
const UNTRUSTED = { trusted: false };
const isTrusted = (event: unknown) => (event as { trusted: boolean }).trusted;

describe('registerHandlers', () => {
  it('registers every contract channel, validates arguments and answers in an ok envelope', async () => {
    const open = vi.fn(async () => ({ inputs: [], weights: null }));
    const unregister = registerHandlers(handlersWith({ 'postnet:open': open }), isTrusted);
    expect([...electron.ipcMain.handlers.keys()].sort()).toEqual([...INVOKE_CHANNELS].sort());
    const reply = await invoke('postnet:open', TRUSTED, { kind: 'sample' }, 'auto');
    expect(reply).toEqual({ ok: true, result: { inputs: [], weights: null } });
    expect(open).toHaveBeenCalledWith([{ kind: 'sample' }, 'auto', null], { event: TRUSTED });
    unregister();
    expect(electron.ipcMain.handlers.size).toBe(0);
  });

  it('fails clearly for a call from another frame: UntrustedSenderError, handler not run', async () => {
    const startup = vi.fn();
    registerHandlers(handlersWith({ 'postnet:startup': startup }), isTrusted);
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

  it('fails clearly for bad arguments: InvalidArgumentError naming them, handler not run', async () => {
    const process = vi.fn();
    registerHandlers(handlersWith({ 'postnet:process': process }), isTrusted);
    const reply = await invoke('postnet:process', TRUSTED, { inputId: 3, weightsId: 'w' });
    expect(reply).toEqual({
      ok: false,
      error: { name: 'InvalidArgumentError', message: 'request.inputId must be a string, got number 3' },
    });
    expect(process).not.toHaveBeenCalled();
  });

  it("passes a pipeline error's own name and message through (not Electron's invoke wrapper)", async () => {
    registerHandlers(
      handlersWith({
        'postnet:remel': async () => {
          throw new WavFormatError('speech.wav: not a RIFF file');
        },
      }),
      isTrusted,
    );
    const { TACOTRON2_MEL } = await import('../../../shared/mel/config');
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
