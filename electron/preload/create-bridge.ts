/**
 * The bridge the preload exposes, built from an `invoke` function so tests can drive it without
 * Electron. Every promise resolves to a Reply envelope, even when the call fails before
 * reaching main (a file the user did not give, an IPC failure), so errors keep their names.
 */
import type { PostnetBridge } from '../../shared/api/bridge';
import type { FileSource } from '../../shared/api/contract';
import type { InvokeArgs, InvokeChannel, InvokeResult, WireFileSource } from '../../shared/api/ipc';
import { replyError, settle, type Reply } from '../../shared/api/reply';
import type { EventsClient } from './events-client';
import type { UserFiles } from './user-files';

export type Invoke = <C extends InvokeChannel>(
  channel: C,
  ...args: InvokeArgs<C>
) => Promise<Reply<InvokeResult<C>>>;

export interface BridgeDeps {
  invoke: Invoke;
  userFiles: UserFiles;
  events: EventsClient;
}

function toWireSource(source: FileSource, userFiles: UserFiles): WireFileSource {
  return source.kind === 'dropped'
    ? { kind: 'dropped-paths', paths: userFiles.pathsFor(source.files) }
    : source;
}

export function createBridge({ invoke, userFiles, events }: BridgeDeps): PostnetBridge {
  /** An invoke that never rejects: transport failures become envelopes too. */
  const call: Invoke = async (channel, ...args) => {
    try {
      return await invoke(channel, ...args);
    } catch (error) {
      return replyError(error);
    }
  };
  return {
    startup: () => call('postnet:startup'),
    open: async (source, intent, melConfig) => {
      const wire = await settle(() => toWireSource(source, userFiles));
      if (!wire.ok) return wire;
      return call('postnet:open', wire.result, intent, melConfig ?? null);
    },
    remel: (inputId, melConfig) => call('postnet:remel', inputId, melConfig),
    defaultWeights: () => call('postnet:default-weights'),
    process: (request) => call('postnet:process', request),
    layerOutput: (request) => call('postnet:layer-output', request),
    exportResult: (request) => call('postnet:export', request),
    cancel: () => void call('postnet:cancel'),
    onProgress: (listener) => events.onProgress(listener),
    onCommand: (listener) => events.onCommand(listener),
    setTitle: (documentName) => void call('postnet:set-title', documentName),
  };
}
