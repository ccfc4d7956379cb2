/**
 * The worker side of the protocol, shared by both workers: takes `run` messages, runs them one
 * after another with `runJob`, posts the job's events (progress throttled to about ten a second,
 * every other event as it comes) and exactly one `done` envelope per job, with the buffers of
 * events and results moved rather than copied. The worker entries only wire it to their message
 * port and say how a cancel reaches them.
 */
import { replyError, replyOk } from '../api/reply';
import type { CancelSignal } from '../cancel';
import { PROGRESS_INTERVAL_MS, throttleProgress } from './progress';
import type { JobEvent, RunJobMessage, WorkerMessage } from './protocol';
import { createJobState, runJob, type JobState } from './run-job';
import { transferListForMessage, type UntransferableTest } from './transfer';

export interface JobServerOptions {
  /** Posts one message to the host with the buffers to move. */
  post: (message: WorkerMessage, transfer: ArrayBuffer[]) => void;
  /** The running job's cancel signal (Electron: a shared flag; the browser: never set, it terminates). */
  signal: CancelSignal;
  /** Buffers the runtime refuses to move (Node ≥ 21 `isMarkedAsUntransferable`). */
  isUntransferable?: UntransferableTest;
  progressIntervalMs?: number;
  now?: () => number;
  state?: JobState;
}

/** Returns the message handler; it resolves when that job has answered (handy in tests). */
export function createJobServer(options: JobServerOptions): (message: RunJobMessage) => Promise<void> {
  const state = options.state ?? createJobState();
  const post = (message: WorkerMessage) =>
    options.post(message, transferListForMessage(message, options.isUntransferable));

  async function handle({ jobId, job }: RunJobMessage): Promise<void> {
    const send = (event: JobEvent) => post({ type: 'event', jobId, event });
    const progress = throttleProgress(send, options.progressIntervalMs ?? PROGRESS_INTERVAL_MS, options.now);
    const emit = (event: JobEvent) => (event.type === 'progress' ? progress(event) : send(event));
    try {
      const result = await runJob(job, { signal: options.signal, emit, state });
      post({ type: 'done', jobId, reply: replyOk(result) });
    } catch (error) {
      // The job failed, or its result could not be posted (e.g. not cloneable): answer with the error.
      post({ type: 'done', jobId, reply: replyError(error) });
    }
  }

  let queue = Promise.resolve();
  return (message) => {
    const handled = queue.then(() => handle(message));
    queue = handled.catch(() => undefined); // a job that could not even answer must not stall the rest
    return handled;
  };
}
