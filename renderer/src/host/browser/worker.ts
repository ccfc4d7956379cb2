/**
 * The browser host's Web Worker entry: a thin shell around the shared job server
 * (shared/jobs/serve.ts), the same runner Electron's worker uses. A page cannot share a cancel
 * flag without cross-origin isolation, so the signal never fires here: the worker client cancels
 * by terminating this worker and starting a fresh one.
 */
import type { RunJobMessage } from '../../../../shared/jobs/protocol';
import { createJobServer } from '../../../../shared/jobs/serve';

/** The part of a dedicated worker's global scope used here (the renderer is typed with the DOM lib). */
interface WorkerScope {
  postMessage(message: unknown, transfer: Transferable[]): void;
  onmessage: ((event: MessageEvent<RunJobMessage>) => void) | null;
}

const scope = self as unknown as WorkerScope;

const serve = createJobServer({
  post: (message, transfer) => scope.postMessage(message, transfer),
  signal: { aborted: false },
});
scope.onmessage = (event) => void serve(event.data);
