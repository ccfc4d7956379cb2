/**
 * Finds the renderer's host: the Electron preload's bridge on `window.postnet` (wrapped so
 * rejections are real `ApiError`s with the pipeline error's name), or else the browser host
 * (a Web Worker running the shared pipeline), loaded only when needed.
 */
import { apiFromBridge, BRIDGE_KEY, isPostnetBridge } from '../../../shared/api/bridge';
import type { PostnetApi } from '../../../shared/api/contract';

export async function connectHost(): Promise<PostnetApi> {
  const bridge: unknown = (window as unknown as Record<string, unknown>)[BRIDGE_KEY];
  if (isPostnetBridge(bridge)) return apiFromBridge(bridge);
  const { createBrowserHost } = await import('./browser/host');
  return createBrowserHost();
}
