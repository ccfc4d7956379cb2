/**
 * Finds the renderer's host: the Electron preload's `window.postnet`, or else the browser host
 * (a Web Worker running the shared pipeline), loaded only when needed.
 */
import type { PostnetApi } from '../../../shared/api/contract';

declare global {
  interface Window {
    /** Exposed by the Electron preload through contextBridge. */
    postnet?: PostnetApi;
  }
}

export async function connectHost(): Promise<PostnetApi> {
  if (window.postnet) return window.postnet;
  const { createBrowserHost } = await import('./browser/host');
  return createBrowserHost();
}
