/**
 * Several workers as one runner: a pool of lanes, each a JobRunner over one worker (Electron's
 * WorkerOwner, the browser's worker client), sized to the machine by the shell. Weights go to
 * every lane (each worker builds its own stack, all at once on their own cores), so any lane can
 * run any chunk; other jobs go to the lane with the least queued; the host spreads a run's chunks
 * over the lanes itself with `runOn` (shared/host/chunked.ts). Cancel reaches every lane.
 */
import type { JobOf, WorkerJob, WorkerJobKind, WorkerJobResults } from './protocol';
import type { JobRunner, RunOptions } from './runner';

export interface JobPool extends JobRunner {
  /** Workers that run jobs side by side. */
  readonly lanes: number;
  /** Runs a job on one lane (0 … lanes − 1), after the jobs queued there. */
  runOn<K extends WorkerJobKind>(
    lane: number,
    job: JobOf<K>,
    options?: RunOptions,
  ): Promise<WorkerJobResults[K]>;
}

/** Jobs every worker must see: the stacks each one keeps by weights id. */
function isBroadcast(job: WorkerJob): boolean {
  return job.kind === 'load-weights' || job.kind === 'load-default-weights' || job.kind === 'release-weights';
}

export function createJobPool(lanes: readonly JobRunner[]): JobPool {
  if (lanes.length === 0) throw new RangeError('a job pool needs at least one lane');
  const queued = lanes.map(() => 0);

  function runOn<K extends WorkerJobKind>(
    lane: number,
    job: JobOf<K>,
    options: RunOptions = {},
  ): Promise<WorkerJobResults[K]> {
    const runner = lanes[lane];
    if (!runner) throw new RangeError(`lane ${lane} does not exist: the pool has ${lanes.length}`);
    queued[lane]!++;
    const done = runner.run(job, options);
    const settle = () => void queued[lane]!--;
    done.then(settle, settle);
    return done;
  }

  return {
    lanes: lanes.length,
    runOn,
    run<K extends WorkerJobKind>(job: JobOf<K>, options: RunOptions = {}): Promise<WorkerJobResults[K]> {
      if (isBroadcast(job)) {
        // Every lane gets a copy (nothing is moved: the next lane needs the same bytes); lane 0
        // reports the progress.
        const onEvent = options.onEvent ? { onEvent: options.onEvent } : {};
        const runs = lanes.map((_, lane) => runOn(lane, job, lane === 0 ? onEvent : {}));
        return Promise.all(runs).then((results) => results[0]!);
      }
      let lane = 0;
      for (let i = 1; i < lanes.length; i++) if (queued[i]! < queued[lane]!) lane = i;
      return runOn(lane, job, options);
    },
    cancel() {
      for (const lane of lanes) lane.cancel();
    },
  };
}

/** A runner as a pool: itself when it is one, else a pool of that one lane. */
export function asPool(runner: JobRunner): JobPool {
  return 'runOn' in runner && 'lanes' in runner ? (runner as JobPool) : createJobPool([runner]);
}

/** One lane of a pool as a plain runner (re-sending weights to the worker of that lane only). */
export function laneRunner(pool: JobPool, lane: number): JobRunner {
  return { run: (job, options) => pool.runOn(lane, job, options), cancel: () => pool.cancel() };
}
