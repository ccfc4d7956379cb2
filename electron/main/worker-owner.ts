/**
 * The one owner of the compute worker: starts it, queues jobs and runs them one at a time,
 * forwards each job's events to its caller, cancels (cooperatively through a shared flag, then by
 * terminate() after a grace period) and replaces a worker that crashed or ran out of memory. A
 * dead worker fails only the job it was running; the next job gets a fresh worker. No Electron
 * import: tests run it on in-process workers, and over the real entry in one worker thread.
 */
import * as workerThreads from 'node:worker_threads';
import type { Worker, WorkerOptions } from 'node:worker_threads';
import { WorkerCrashedError } from '../../shared/api/errors';
import { unwrapReply } from '../../shared/api/reply';
import {
  describeJob,
  type JobOf,
  type RunJobMessage,
  type WorkerBootData,
  type WorkerJob,
  type WorkerJobKind,
  type WorkerJobResults,
  type WorkerMessage,
} from '../../shared/jobs/protocol';
import type { JobRunner, RunOptions } from '../../shared/jobs/runner';
import { transferListFor, type UntransferableTest } from '../../shared/jobs/transfer';
import { CancelledError, toErrorInfo } from '../../shared/errors';

export interface WorkerOwnerOptions {
  /** Starts a worker running electron/worker/index.ts with these options. */
  createWorker: (options: WorkerOptions) => Worker;
  /** V8 old-generation limit: a job that needs more kills only the worker. */
  heapLimitMb?: number;
  /** How long a cancelled job may take to notice the flag before the worker is terminated. */
  cancelGraceMs?: number;
  /** Threads a native session computes on in the worker (default 1: the pool gives one worker per core). */
  nativeThreads?: number;
}

interface PendingJob {
  jobId: number;
  job: WorkerJob;
  transfer: readonly ArrayBufferView[];
  onEvent: RunOptions['onEvent'];
  resolve: (result: unknown) => void;
  reject: (error: Error) => void;
}

interface LiveWorker {
  worker: Worker;
  cancelFlag: Int32Array;
  /** Set when we terminate it ourselves, so its exit is not reported as a crash. */
  retired: boolean;
}

export const DEFAULT_HEAP_LIMIT_MB = 2048;
export const DEFAULT_CANCEL_GRACE_MS = 2000;

const isUntransferable = (workerThreads as { isMarkedAsUntransferable?: UntransferableTest })
  .isMarkedAsUntransferable;

export class WorkerOwner implements JobRunner {
  private live: LiveWorker | null = null;
  private running: PendingJob | null = null;
  private queue: PendingJob[] = [];
  private nextJobId = 1;
  private cancelTimer: ReturnType<typeof setTimeout> | null = null;
  private started = 0;
  private readonly heapLimitMb: number;
  private readonly cancelGraceMs: number;

  constructor(private readonly options: WorkerOwnerOptions) {
    this.heapLimitMb = options.heapLimitMb ?? DEFAULT_HEAP_LIMIT_MB;
    this.cancelGraceMs = options.cancelGraceMs ?? DEFAULT_CANCEL_GRACE_MS;
  }

  /** How many workers have been started so far (a crash or a forced cancel starts another). */
  get workersStarted(): number {
    return this.started;
  }

  /** Starts the worker now rather than on the first job (spares the first job the start-up). */
  warmUp(): void {
    this.ensureWorker();
  }

  /** Queues a job; resolves with its result, rejects with its error, CancelledError or WorkerCrashedError. */
  run<K extends WorkerJobKind>(job: JobOf<K>, options: RunOptions = {}): Promise<WorkerJobResults[K]> {
    return new Promise<WorkerJobResults[K]>((resolve, reject) => {
      this.queue.push({
        jobId: this.nextJobId++,
        job,
        transfer: options.transfer ?? [],
        onEvent: options.onEvent,
        resolve: resolve as (result: unknown) => void,
        reject,
      });
      this.pump();
    });
  }

  /** Cancels the running job and every queued one. */
  cancel(): void {
    for (const pending of this.queue.splice(0)) {
      pending.reject(new CancelledError(`${describeJob(pending.job)} was cancelled`));
    }
    const { running, live } = this;
    if (!running || !live || this.cancelTimer) return;
    Atomics.store(live.cancelFlag, 0, 1);
    const seconds = (this.cancelGraceMs / 1000).toFixed(1);
    const reason = `it did not stop within ${seconds} s, so the worker was restarted`;
    this.cancelTimer = setTimeout(() => void this.forceStop(running, reason), this.cancelGraceMs);
  }

  /**
   * Stops the worker for good (the app is quitting): rejects the running and queued jobs with
   * CancelledError saying so, and resolves once the worker thread has exited.
   */
  async dispose(): Promise<void> {
    const reason = 'the app is closing';
    for (const pending of this.queue.splice(0)) {
      pending.reject(new CancelledError(`${describeJob(pending.job)} was cancelled (${reason})`));
    }
    if (this.running) await this.forceStop(this.running, reason);
    const live = this.live;
    this.live = null;
    if (live) {
      live.retired = true;
      await live.worker.terminate();
    }
  }

  private ensureWorker(): LiveWorker {
    if (this.live) return this.live;
    const cancelBuffer = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
    const workerData: WorkerBootData = {
      cancelFlag: cancelBuffer,
      nativeThreads: this.options.nativeThreads ?? 1,
    };
    const worker = this.options.createWorker({
      workerData,
      resourceLimits: { maxOldGenerationSizeMb: this.heapLimitMb },
    });
    const live: LiveWorker = { worker, cancelFlag: new Int32Array(cancelBuffer), retired: false };
    worker.on('message', (message: WorkerMessage) => this.onMessage(live, message));
    worker.on('error', (error) => this.onDeath(live, this.describeCrash(error)));
    worker.on('exit', (code) => this.onDeath(live, `it exited with code ${code}`));
    worker.on('messageerror', (error) => this.failRunning(live, new WorkerCrashedError(error.message)));
    this.live = live;
    this.started++;
    return live;
  }

  private pump(): void {
    if (this.running || this.queue.length === 0) return;
    const pending = this.queue.shift()!;
    let live: LiveWorker;
    try {
      live = this.ensureWorker();
    } catch (error) {
      pending.reject(
        new WorkerCrashedError(`could not start the compute worker: ${toErrorInfo(error).message}`),
      );
      this.pump();
      return;
    }
    this.running = pending;
    Atomics.store(live.cancelFlag, 0, 0);
    const message: RunJobMessage = { type: 'run', jobId: pending.jobId, job: pending.job };
    try {
      live.worker.postMessage(message, transferListFor(pending.transfer, isUntransferable));
    } catch (error) {
      this.settle(pending, () => pending.reject(error instanceof Error ? error : new Error(String(error))));
    }
  }

  private onMessage(live: LiveWorker, message: WorkerMessage): void {
    const running = this.running;
    if (live !== this.live || !running || message.jobId !== running.jobId) return;
    if (message.type === 'event') {
      running.onEvent?.(message.event);
      return;
    }
    this.settle(running, () => {
      try {
        running.resolve(unwrapReply(message.reply));
      } catch (error) {
        running.reject(error as Error);
      }
    });
  }

  /** Ends the running job with `outcome` and starts the next one. */
  private settle(job: PendingJob, outcome: () => void): void {
    if (this.running !== job) return;
    this.running = null;
    if (this.cancelTimer) clearTimeout(this.cancelTimer);
    this.cancelTimer = null;
    outcome();
    this.pump();
  }

  /**
   * Terminates the worker under a running job (a cancel whose grace period ran out, or the app
   * closing) and rejects the job with CancelledError giving `reason`; the next job gets a fresh
   * worker. Resolves once the worker thread has exited.
   */
  private async forceStop(job: PendingJob, reason: string): Promise<void> {
    const live = this.live;
    if (this.running !== job || !live) return;
    this.live = null;
    live.retired = true;
    const stopped = live.worker.terminate();
    this.settle(job, () =>
      job.reject(new CancelledError(`${describeJob(job.job)} was cancelled (${reason})`)),
    );
    await stopped;
  }

  private describeCrash(error: Error): string {
    if ((error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY') {
      return `it ran out of memory (limit ${this.heapLimitMb} MB)`;
    }
    return `it crashed: ${error.message}`;
  }

  private failRunning(live: LiveWorker, error: Error): void {
    const running = this.running;
    if (live !== this.live || !running) return;
    this.settle(running, () => running.reject(error));
  }

  /** The worker died ('error' then 'exit', or 'exit' alone); report the first, once. */
  private onDeath(live: LiveWorker, reason: string): void {
    if (live.retired) return;
    live.retired = true;
    if (this.live === live) this.live = null;
    const running = this.running;
    if (!running) return;
    const error = new WorkerCrashedError(
      `the compute worker stopped while ${describeJob(running.job)}: ${reason}. ` +
        'Nothing you had open was lost; the next job starts a fresh worker.',
    );
    this.settle(running, () => running.reject(error));
  }
}
