/**
 * The browser host's Web Worker entry: runs one job per message with the shared pipeline and
 * answers `{ ok, result | error }`. Progress is throttled to one message per 50 ms.
 */
import type { Conv1dStack } from '../../../../shared/model/types';
import { toErrorInfo } from '../../../../shared/errors';
import { runJob } from './jobs';
import type { RunMessage, WorkerReply } from './protocol';

const PROGRESS_INTERVAL_MS = 50;
const stacks = new Map<string, Conv1dStack>();

function post(message: WorkerReply, transfer: Transferable[] = []): void {
  (self as unknown as Worker).postMessage(message, transfer);
}

/** Buffers of large results, moved to the page instead of copied. */
function transferables(result: unknown): Transferable[] {
  if (!result || typeof result !== 'object') return [];
  const buffers = new Set<ArrayBuffer>(); // output may be the residual itself: list each buffer once
  for (const value of Object.values(result)) {
    if (value instanceof Float32Array && value.buffer instanceof ArrayBuffer) buffers.add(value.buffer);
  }
  return [...buffers];
}

self.onmessage = async (event: MessageEvent<RunMessage>) => {
  const { jobId, job } = event.data;
  let lastProgress = 0;
  const progress = (label: string, fraction: number) => {
    const now = performance.now();
    if (now - lastProgress < PROGRESS_INTERVAL_MS && fraction < 1) return;
    lastProgress = now;
    post({ type: 'progress', jobId, label, fraction });
  };
  try {
    const result = await runJob(job, { signal: { aborted: false }, progress, stacks });
    post({ type: 'done', jobId, reply: { ok: true, result } }, transferables(result));
  } catch (error) {
    post({ type: 'done', jobId, reply: { ok: false, error: toErrorInfo(error) } });
  }
};
