/**
 * A stand-in for the `worker_threads` Worker that WorkerOwner starts, for tests that need no
 * thread: the real worker wiring (electron/worker/serve.ts, the shared job server and the cancel
 * flag from `workerData`) on an in-process port. Messages are structured-cloned with their
 * transfer lists (a moved buffer is detached, as across threads). Jobs are delivered on a timer;
 * replies and events come back as microtasks, so a job's progress reaches the owner between its
 * chunks (the kernels await between chunks) and a cancel set then is seen by the next chunk, as
 * in a worker.
 *
 * Faults are the test's: `hold()` keeps the jobs it receives without running them (a job that
 * never answers), `exit(code)` and `crash(error)` end it as Node reports a dying worker.
 */
import { EventEmitter } from 'node:events';
import type { Worker, WorkerOptions } from 'node:worker_threads';
import { serveJobs, type JobPort } from '../../../electron/worker/serve';
import type { RunJobMessage, WorkerBootData, WorkerMessage } from '../../../shared/jobs/protocol';

export class InProcessNodeWorker extends EventEmitter {
  /** Jobs it received, in order (also the held ones). */
  readonly received: RunJobMessage[] = [];
  resourceLimits: WorkerOptions['resourceLimits'];
  private ended = false;
  private held = false;
  private readonly port = new EventEmitter();

  constructor(options: WorkerOptions) {
    super();
    this.resourceLimits = options.resourceLimits;
    const port: JobPort = {
      postMessage: (message: WorkerMessage, transfer: ArrayBuffer[]) => {
        const copy = structuredClone(message, { transfer });
        queueMicrotask(() => {
          if (!this.ended) this.emit('message', copy);
        });
      },
      on: (event, listener) => this.port.on(event, listener),
    };
    serveJobs(port, options.workerData as WorkerBootData);
  }

  postMessage(message: RunJobMessage, transfer: readonly ArrayBuffer[] = []): void {
    const copy = structuredClone(message, { transfer: [...transfer] });
    setTimeout(() => {
      if (this.ended) return;
      this.received.push(copy);
      if (!this.held) this.port.emit('message', copy);
    }, 0);
  }

  terminate(): Promise<number> {
    this.end();
    setTimeout(() => this.emit('exit', 1), 0);
    return Promise.resolve(1);
  }

  /** From now on, jobs arrive but never run (a job that ignores the cancel flag). */
  hold(): void {
    this.held = true;
  }

  /** Ends as `process.exit(code)` in a worker does: an `exit` event. */
  exit(code: number): void {
    this.end();
    this.emit('exit', code);
  }

  /** Ends as an uncaught exception (or running out of heap) in a worker does: `error`, then `exit`. */
  crash(error: Error): void {
    this.end();
    this.emit('error', error);
    this.emit('exit', 1);
  }

  get isEnded(): boolean {
    return this.ended;
  }

  private end(): void {
    this.ended = true;
    this.port.removeAllListeners();
  }
}

/** A `createWorker` for WorkerOwner that records every worker it started. */
export function inProcessNodeWorkers(): {
  create: (options: WorkerOptions) => Worker;
  started: InProcessNodeWorker[];
} {
  const started: InProcessNodeWorker[] = [];
  return {
    started,
    create: (options) => {
      const worker = new InProcessNodeWorker(options);
      started.push(worker);
      return worker as unknown as Worker;
    },
  };
}
