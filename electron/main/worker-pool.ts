/**
 * Main's compute workers: one WorkerOwner per lane (each its own `worker_threads` worker with its
 * own cancel flag, restarts and memory limit), as one shared job pool (shared/jobs/pool.ts) sized
 * to the machine — one worker per core the process may use. The host spreads a run's chunks over
 * the lanes; every lane holds the weights. No Electron import: tests run it on real workers.
 */
import { availableParallelism } from 'node:os';
import type { JobOf, WorkerJobKind, WorkerJobResults } from '../../shared/jobs/protocol';
import { createJobPool, type JobPool } from '../../shared/jobs/pool';
import type { RunOptions } from '../../shared/jobs/runner';
import { WorkerOwner, type WorkerOwnerOptions } from './worker-owner';

/** Lanes by default: a worker per core, at most this many (each holds its own copy of the weights). */
export const MAX_LANES = 8;

export function defaultLanes(): number {
  return Math.max(1, Math.min(MAX_LANES, availableParallelism()));
}

export interface WorkerPoolOptions extends WorkerOwnerOptions {
  /** Workers side by side (default: one per core, at most MAX_LANES). */
  lanes?: number;
}

export class WorkerPool implements JobPool {
  readonly owners: readonly WorkerOwner[];
  private readonly pool: JobPool;

  constructor(options: WorkerPoolOptions) {
    const lanes = options.lanes ?? defaultLanes();
    if (!Number.isInteger(lanes) || lanes < 1)
      throw new RangeError(`lanes must be a positive integer, got ${lanes}`);
    this.owners = Array.from({ length: lanes }, () => new WorkerOwner(options));
    this.pool = createJobPool(this.owners);
  }

  get lanes(): number {
    return this.pool.lanes;
  }

  /** Workers started so far over every lane (a crash or a forced cancel starts another). */
  get workersStarted(): number {
    return this.owners.reduce((sum, owner) => sum + owner.workersStarted, 0);
  }

  run<K extends WorkerJobKind>(job: JobOf<K>, options?: RunOptions): Promise<WorkerJobResults[K]> {
    return this.pool.run(job, options);
  }

  runOn<K extends WorkerJobKind>(
    lane: number,
    job: JobOf<K>,
    options?: RunOptions,
  ): Promise<WorkerJobResults[K]> {
    return this.pool.runOn(lane, job, options);
  }

  cancel(): void {
    this.pool.cancel();
  }

  /** Starts every lane's worker now rather than on its first job. */
  warmUp(): void {
    for (const owner of this.owners) owner.warmUp();
  }

  /** Stops every worker for good (the app is quitting). */
  async dispose(): Promise<void> {
    await Promise.all(this.owners.map((owner) => owner.dispose()));
  }
}
