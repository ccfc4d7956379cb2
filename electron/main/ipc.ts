/**
 * The only module that touches `ipcMain`. Every call of the API table (shared/api/table.ts) gets
 * one handler from `registerApi`, which refuses calls from anywhere but our window's main frame,
 * validates the arguments with the table's check before the host sees them, and answers in a
 * `Reply` envelope so the renderer gets the error's own name and message. Events (progress, menu
 * commands) go over one MessagePort per page load (`HostEvents`).
 */
import {
  ipcMain,
  MessageChannelMain,
  type IpcMainInvokeEvent,
  type MessagePortMain,
  type WebFrameMain,
} from 'electron';
import { UntrustedSenderError } from '../../shared/api/errors';
import { CONNECT_EVENTS_CHANNEL, EVENTS_PORT_CHANNEL, type HostEvent } from '../../shared/api/ipc';
import { replyError, settle, type Reply } from '../../shared/api/reply';
import { API_TABLE, CALL_NAMES, invokeCall, type WireCalls } from '../../shared/api/table';
import { expectArgCount } from '../../shared/api/validate';

type Handler = (args: readonly unknown[], event: IpcMainInvokeEvent) => unknown;

/**
 * Registers a handler for every call of the table (answered by `calls`, main's host) and the
 * events-port request; returns an unregister.
 */
export function registerApi(
  calls: WireCalls,
  events: HostEvents,
  isTrustedSender: (event: IpcMainInvokeEvent) => boolean,
): () => void {
  const channels: string[] = [];
  const handle = (channel: string, handler: Handler): void => {
    channels.push(channel);
    ipcMain.handle(channel, (event, ...raw: unknown[]): Promise<Reply<unknown>> => {
      if (!isTrustedSender(event)) {
        const refused = `refused '${channel}': it did not come from the Postnet Studio window`;
        return Promise.resolve(replyError(new UntrustedSenderError(refused)));
      }
      return settle(() => handler(raw, event));
    });
  };
  for (const name of CALL_NAMES) {
    const { channel, validate } = API_TABLE[name];
    handle(channel, (raw) => invokeCall(calls, name, validate(raw)));
  }
  handle(CONNECT_EVENTS_CHANNEL, (raw, event) => {
    expectArgCount(raw, 'connectEvents', 0);
    if (!event.senderFrame) throw new UntrustedSenderError('the calling frame is gone');
    events.connect(event.senderFrame);
    return null;
  });
  return () => channels.forEach((channel) => ipcMain.removeHandler(channel));
}

/** Commands kept for a page that has not connected yet (a file on the command line at start-up). */
const MAX_PENDING_COMMANDS = 32;

/**
 * The events channel to the page: a MessagePort handed to the preload on request, replaced on
 * every reload. Commands sent before the page connects wait for it; progress does not.
 */
export class HostEvents {
  private port: MessagePortMain | null = null;
  private pending: HostEvent[] = [];

  connect(frame: WebFrameMain): void {
    this.port?.close();
    const { port1, port2 } = new MessageChannelMain();
    this.port = port1;
    frame.postMessage(EVENTS_PORT_CHANNEL, null, [port2]);
    for (const event of this.pending.splice(0)) port1.postMessage(event);
  }

  disconnect(): void {
    this.port?.close();
    this.port = null;
  }

  send(event: HostEvent): void {
    if (this.port) {
      this.port.postMessage(event);
    } else if (event.type === 'command' && this.pending.length < MAX_PENDING_COMMANDS) {
      this.pending.push(event);
    }
  }
}
