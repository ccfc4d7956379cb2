/**
 * What the Electron preload exposes as `window.postnet`: the PostnetApi with every call resolving
 * to a `Reply` envelope. contextBridge copies a rejected Error as a plain `Error` with only its
 * message (electron/shell/renderer/api/electron_api_context_bridge.cc), so the name
 * (`WavFormatError`…) would be lost; `apiFromBridge` unwraps envelopes in the page's own world and
 * rejects with real `ApiError`s. Both sides are derived from the call table (./table.ts).
 */
import type { PostnetApi, PostnetCalls, PostnetEvents } from './contract';
import { unwrapReply, type Reply } from './reply';
import { CALL_NAMES, EVENT_NAMES, type CallName, type CallResult } from './table';

/** The global the preload defines. */
export const BRIDGE_KEY = 'postnet';

/** PostnetApi with envelopes instead of rejections; derived from it, so the two cannot drift. */
export type PostnetBridge = {
  [M in CallName]: (...args: Parameters<PostnetCalls[M]>) => Promise<Reply<CallResult<M>>>;
} & PostnetEvents;

/** True when `value` has every bridge method (the renderer's test for "running in Electron"). */
export function isPostnetBridge(value: unknown): value is PostnetBridge {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return [...CALL_NAMES, ...EVENT_NAMES].every((name) => typeof record[name] === 'function');
}

/** The PostnetApi the renderer uses, on top of the preload's bridge. */
export function apiFromBridge(bridge: PostnetBridge): PostnetApi {
  const calls: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
  for (const name of CALL_NAMES) {
    const send = bridge[name] as (...args: unknown[]) => Promise<Reply<unknown>>;
    calls[name] = async (...args) => unwrapReply(await send(...args));
  }
  return {
    ...(calls as unknown as PostnetCalls),
    onProgress: (listener) => bridge.onProgress(listener),
    onResultPart: (listener) => bridge.onResultPart(listener),
    onCommand: (listener) => bridge.onCommand(listener),
  };
}
