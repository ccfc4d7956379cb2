/**
 * The only module that touches `ipcMain`. Every channel of the contract (shared/api/ipc.ts) gets
 * one handler through `registerHandlers`, which refuses calls from anywhere but our window's
 * main frame, validates the arguments before the handler sees them, and answers in a `Reply`
 * envelope so the renderer gets the error's own name and message. Events (progress, menu
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
import {
  EVENTS_PORT_CHANNEL,
  INVOKE_CHANNELS,
  INVOKE_VALIDATORS,
  type HostEvent,
  type InvokeArgs,
  type InvokeChannel,
  type InvokeResult,
} from '../../shared/api/ipc';
import { replyError, settle, type Reply } from '../../shared/api/reply';

export interface CallContext {
  event: IpcMainInvokeEvent;
}

export type InvokeHandlers = {
  readonly [C in InvokeChannel]: (
    args: InvokeArgs<C>,
    context: CallContext,
  ) => InvokeResult<C> | Promise<InvokeResult<C>>;
};

/** Registers a handler for every channel (the type requires all of them); returns an unregister. */
export function registerHandlers(
  handlers: InvokeHandlers,
  isTrustedSender: (event: IpcMainInvokeEvent) => boolean,
): () => void {
  for (const channel of INVOKE_CHANNELS) handle(channel, handlers[channel], isTrustedSender);
  return () => INVOKE_CHANNELS.forEach((channel) => ipcMain.removeHandler(channel));
}

function handle<C extends InvokeChannel>(
  channel: C,
  handler: InvokeHandlers[C],
  isTrustedSender: (event: IpcMainInvokeEvent) => boolean,
): void {
  ipcMain.handle(channel, (event, ...raw: unknown[]): Promise<Reply<InvokeResult<C>>> => {
    if (!isTrustedSender(event)) {
      return Promise.resolve(
        replyError(
          new UntrustedSenderError(`refused '${channel}': it did not come from the Postnet Studio window`),
        ),
      );
    }
    return settle(() => handler(INVOKE_VALIDATORS[channel](raw), { event }));
  });
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
