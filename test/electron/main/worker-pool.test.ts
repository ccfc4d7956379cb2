/**
 * Main's WorkerPool on in-process workers (the real worker wiring without threads): one worker
 * per lane, weights built on every lane, jobs on the lane with the least queued, `runOn` a lane,
 * cancel reaching every lane, and its size checked.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { WorkerPool, defaultLanes, MAX_LANES } from '../../../electron/main/worker-pool';
import { TACOTRON2_MEL } from '../../../shared/mel/config';
import { analyzeWav } from '../../../shared/pipeline/analyze';
import { readFixture } from '../../helpers/fixtures';
import { wholeProcessJob } from '../../helpers/chunk-jobs';
import { rejectionOf } from '../../helpers/rejection';
import { inProcessNodeWorkers } from '../worker/in-process-worker';

let pool: WorkerPool | null = null;
afterEach(async () => {
  await pool?.dispose();
  pool = null;
});

const mel = () => analyzeWav(readFixture('audio', 'speech_pcm16.wav'), 'speech.wav', TACOTRON2_MEL).mel;

describe('WorkerPool', () => {
  it('sizes itself to the machine, at most MAX_LANES', () => {
    expect(defaultLanes()).toBeGreaterThanOrEqual(1);
    expect(defaultLanes()).toBeLessThanOrEqual(MAX_LANES);
  });

  it('builds the weights on every lane, then runs a chunk on the lane asked for', async () => {
    const workers = inProcessNodeWorkers();
    pool = new WorkerPool({ createWorker: workers.create, lanes: 2 });
    await pool.run({ kind: 'load-default-weights', weightsId: 'd' });
    expect(pool.workersStarted).toBe(2);
    const result = await pool.runOn(1, wholeProcessJob('d', mel()));
    expect(result.own).toEqual({ start: 0, end: mel().nFrames });
    expect(result.engine.kind).toBe('js');
  });

  it('cancel reaches every lane: the chunks running on both stop with CancelledError', async () => {
    const workers = inProcessNodeWorkers();
    pool = new WorkerPool({ createWorker: workers.create, lanes: 2 });
    await pool.run({ kind: 'load-default-weights', weightsId: 'd' });
    const long = analyzeWav(readFixture('audio', 'speech_pcm16.wav'), 'speech.wav', TACOTRON2_MEL).mel;
    const runs = [0, 1].map((lane) =>
      pool!.runOn(lane, wholeProcessJob('d', long), { onEvent: () => pool!.cancel() }),
    );
    const errors = await Promise.all(runs.map((run) => rejectionOf(run)));
    expect(errors.map((error) => error.name)).toEqual(['CancelledError', 'CancelledError']);
  });

  it('fails clearly on a pool of no lanes, and on a lane it does not have', async () => {
    const workers = inProcessNodeWorkers();
    expect(() => new WorkerPool({ createWorker: workers.create, lanes: 0 })).toThrow(
      'lanes must be a positive integer, got 0',
    );
    pool = new WorkerPool({ createWorker: workers.create, lanes: 1 });
    expect(() => pool!.runOn(3, { kind: 'release-weights', weightsId: 'd' })).toThrow(
      'lane 3 does not exist: the pool has 1',
    );
  });
});
