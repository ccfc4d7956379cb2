/**
 * The envelope every answer crosses a boundary in (worker → main, main → preload → renderer):
 * `{ ok: true, result }` or `{ ok: false, error: { name, message } }`. Envelopes, not thrown
 * errors, because structured clone, `ipcMain.handle` and contextBridge all lose an error's name.
 */
import { ApiError } from './contract';
import { toErrorInfo, type ErrorInfo } from '../errors';

export type Reply<T> = { ok: true; result: T } | { ok: false; error: ErrorInfo };

export function replyOk<T>(result: T): Reply<T> {
  return { ok: true, result };
}

export function replyError(error: unknown): { ok: false; error: ErrorInfo } {
  return { ok: false, error: toErrorInfo(error) };
}

/** Runs `work` and answers with its result or its error; never rejects. */
export async function settle<T>(work: () => T | Promise<T>): Promise<Reply<T>> {
  try {
    return replyOk(await work());
  } catch (error) {
    return replyError(error);
  }
}

/** The result, or an `ApiError` carrying the error's original name and message. */
export function unwrapReply<T>(reply: Reply<T>): T {
  if (reply.ok) return reply.result;
  throw new ApiError(reply.error);
}
