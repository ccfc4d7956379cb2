/**
 * The bridge the preload exposes, derived from the API table (shared/api/table.ts) and built from
 * an `invoke` function so tests can drive it without Electron. Every call resolves to a Reply
 * envelope, even when it fails before reaching main (a file the user did not give, an argument
 * the page may not send, an IPC failure), so errors keep their names.
 *
 * The page never names a path: `open` accepts only a `FileSource` (checked here, so a forged
 * `{ kind: 'resolved-drop', paths }` never leaves the preload), and a `dropped` source's `File`s
 * become the paths the user really dropped or picked (user-files.ts).
 */
import type { PostnetBridge } from '../../shared/api/bridge';
import type { FileSource } from '../../shared/api/contract';
import { replyError, settle, type Reply } from '../../shared/api/reply';
import { API_TABLE, CALL_NAMES, type CallName, type WireFileSource } from '../../shared/api/table';
import { validateFileSource } from '../../shared/api/validate-requests';
import type { EventsClient } from './events-client';
import type { UserFiles } from './user-files';

/** `ipcRenderer.invoke` as the bridge uses it: a channel and its arguments, answered with an envelope. */
export type Invoke = (channel: string, ...args: unknown[]) => Promise<Reply<unknown>>;

export interface BridgeDeps {
  invoke: Invoke;
  userFiles: UserFiles;
  events: EventsClient;
}

/** The page's source as it goes to main; throws for anything but a FileSource, or a File the user did not give. */
function toWireSource(source: unknown, userFiles: UserFiles): WireFileSource {
  const checked: FileSource = validateFileSource(source);
  return checked.kind === 'dropped'
    ? { kind: 'resolved-drop', paths: userFiles.pathsFor(checked.files) }
    : checked;
}

export function createBridge({ invoke, userFiles, events }: BridgeDeps): PostnetBridge {
  /** An invoke that never rejects: transport failures become envelopes too. */
  const call = async (name: CallName, args: readonly unknown[]): Promise<Reply<unknown>> => {
    try {
      return await invoke(API_TABLE[name].channel, ...args);
    } catch (error) {
      return replyError(error);
    }
  };
  /** The arguments as they go to main: `open`'s source converted, the others as the page gave them. */
  const toWire = (name: CallName, args: readonly unknown[]): readonly unknown[] =>
    name === 'open' ? [toWireSource(args[0], userFiles), ...args.slice(1)] : args;

  const calls: Record<string, (...args: unknown[]) => Promise<Reply<unknown>>> = {};
  for (const name of CALL_NAMES) {
    calls[name] = async (...args) => {
      const wire = await settle(() => toWire(name, args));
      return wire.ok ? call(name, wire.result) : wire;
    };
  }
  return {
    ...(calls as unknown as Omit<PostnetBridge, 'onProgress' | 'onResultPart' | 'onCommand'>),
    onProgress: (listener) => events.onProgress(listener),
    onResultPart: (listener) => events.onResultPart(listener),
    onCommand: (listener) => events.onCommand(listener),
  };
}
