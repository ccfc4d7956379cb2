/**
 * What the Electron preload exposes as `window.postnet`: the PostnetApi with every promise
 * resolving to a `Reply` envelope. contextBridge copies a rejected Error as a plain `Error` with
 * only its message (electron/shell/renderer/api/electron_api_context_bridge.cc), so the name
 * (`WavFormatError`…) would be lost; `apiFromBridge` unwraps envelopes in the page's own world
 * and rejects with real `ApiError`s.
 */
import type { PostnetApi } from './contract';
import { unwrapReply, type Reply } from './reply';

/** The global the preload defines. */
export const BRIDGE_KEY = 'postnet';

type Enveloped<F> = F extends (...args: infer A) => Promise<infer R> ? (...args: A) => Promise<Reply<R>> : F;

/** PostnetApi with envelopes instead of rejections; derived from it, so the two cannot drift. */
export type PostnetBridge = { [K in keyof PostnetApi]: Enveloped<PostnetApi[K]> };

const BRIDGE_METHODS: readonly (keyof PostnetBridge)[] = [
  'startup',
  'open',
  'remel',
  'defaultWeights',
  'process',
  'layerOutput',
  'exportResult',
  'cancel',
  'onProgress',
  'onCommand',
  'setTitle',
];

/** True when `value` has every bridge method (the renderer's test for "running in Electron"). */
export function isPostnetBridge(value: unknown): value is PostnetBridge {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return BRIDGE_METHODS.every((name) => typeof record[name] === 'function');
}

/** The PostnetApi the renderer uses, on top of the preload's bridge. */
export function apiFromBridge(bridge: PostnetBridge): PostnetApi {
  return {
    startup: async () => unwrapReply(await bridge.startup()),
    open: async (source, intent, melConfig) => unwrapReply(await bridge.open(source, intent, melConfig)),
    remel: async (inputId, melConfig) => unwrapReply(await bridge.remel(inputId, melConfig)),
    defaultWeights: async () => unwrapReply(await bridge.defaultWeights()),
    process: async (request) => unwrapReply(await bridge.process(request)),
    layerOutput: async (request) => unwrapReply(await bridge.layerOutput(request)),
    exportResult: async (request) => unwrapReply(await bridge.exportResult(request)),
    cancel: () => bridge.cancel(),
    onProgress: (listener) => bridge.onProgress(listener),
    onCommand: (listener) => bridge.onCommand(listener),
    setTitle: (documentName) => bridge.setTitle(documentName),
  };
}
