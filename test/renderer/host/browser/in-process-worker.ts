/**
 * A stand-in for the browser host's Web Worker in Node: the same job server the real worker
 * runs (shared/jobs/serve.ts), with messages delivered asynchronously through structured clone
 * with their transfer lists (so a buffer the host wrongly moves is detached, as in a browser).
 * `terminate()` drops everything after it; `crash()` fires `onerror` like an uncaught error,
 * `garbleReply()` fires `onmessageerror` like a reply that cannot be deserialised.
 */
import type { RunJobMessage, WorkerMessage } from '../../../../shared/jobs/protocol';
import { createJobServer } from '../../../../shared/jobs/serve';

export class InProcessWorker {
  onmessage: ((event: MessageEvent<WorkerMessage>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  onmessageerror: ((event: MessageEvent) => void) | null = null;
  terminated = false;
  readonly received: RunJobMessage[] = [];
  private readonly serve = createJobServer({
    post: (message, transfer) => {
      const copy = structuredClone(message, { transfer });
      setTimeout(() => {
        if (!this.terminated) this.onmessage?.({ data: copy } as MessageEvent<WorkerMessage>);
      }, 0);
    },
    signal: { aborted: false },
  });

  postMessage(message: RunJobMessage, transfer: Transferable[] = []): void {
    const copy = structuredClone(message, { transfer: transfer as ArrayBuffer[] });
    setTimeout(() => {
      if (this.terminated) return;
      this.received.push(copy);
      void this.serve(copy);
    }, 0);
  }

  terminate(): void {
    this.terminated = true;
  }

  crash(message: string): void {
    this.onerror?.({ message, preventDefault: () => undefined } as ErrorEvent);
  }

  garbleReply(): void {
    this.onmessageerror?.({ data: null } as MessageEvent);
  }
}

/** A `StartWorker` that records every worker it started. */
export function inProcessWorkers(): { start: () => Worker; started: InProcessWorker[] } {
  const started: InProcessWorker[] = [];
  return {
    started,
    start: () => {
      const worker = new InProcessWorker();
      started.push(worker);
      return worker as unknown as Worker;
    },
  };
}
