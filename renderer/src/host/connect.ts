/**
 * Finds the renderer's host: the Electron preload's `window.postnet` bridge (wrapped so that
 * errors arrive as ApiErrors with their own names), or else the browser host (a Web Worker
 * running the shared pipeline), loaded only when needed.
 */
import { apiFromBridge, isPostnetBridge, type PostnetBridge } from '../../../shared/api/bridge';
import type { PostnetApi } from '../../../shared/api/contract';

declare global {
  interface Window {
    /** Exposed by the Electron preload through contextBridge (see shared/api/bridge.ts). */
    postnet?: PostnetBridge;
  }
}

export async function connectHost(): Promise<PostnetApi> {
  if (isPostnetBridge(window.postnet)) return apiFromBridge(window.postnet);
  const { createBrowserHost } = await import('./browser/host');
  return createBrowserHost();
}
