/**
 * The window's jobs, one at a time: each runs after every earlier one, with the status bar's job
 * shown while it runs (label, progress, Cancel) and its failure shown beside the view, or a notice
 * when it was cancelled. The controller (controller.ts) and the layer pane (layer-pane.ts) queue
 * here; a job never throws to its caller.
 */
import { toErrorInfo } from '../../../shared/errors';
import type { WorkspaceAction } from '../state/workspace';
import { windowErrorMessage } from './error-text';

export type JobKindName = 'open' | 'weights' | 'process' | 'export' | 'listen';

export interface JobQueue {
  /** Runs `task` after every earlier task (no job bar: the task decides). */
  enqueue(task: () => Promise<void>): Promise<void>;
  /** Runs `work` now with the job bar shown and errors reported (call it from a queued task). */
  runNow(kind: JobKindName, action: string, work: () => Promise<void>): Promise<void>;
  /** `runNow` after every earlier job. */
  runJob(kind: JobKindName, action: string, work: () => Promise<void>): Promise<void>;
}

export function createJobQueue(dispatch: (action: WorkspaceAction) => void): JobQueue {
  let queue: Promise<void> = Promise.resolve();

  async function runNow(kind: JobKindName, action: string, work: () => Promise<void>): Promise<void> {
    dispatch({ type: 'job-started', kind, label: action });
    try {
      await work();
    } catch (error) {
      const info = toErrorInfo(error);
      if (info.name === 'CancelledError') dispatch({ type: 'notice', text: `${action}: cancelled` });
      else
        dispatch({ type: 'failed', error: { action, name: info.name, message: windowErrorMessage(info) } });
    } finally {
      dispatch({ type: 'job-finished' });
    }
  }

  function enqueue(task: () => Promise<void>): Promise<void> {
    queue = queue.then(task);
    return queue;
  }

  return {
    enqueue,
    runNow,
    runJob: (kind, action, work) => enqueue(() => runNow(kind, action, work)),
  };
}
