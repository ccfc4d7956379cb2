/**
 * The browser host's worker client on its own: the error classes its jobs reject with (the same
 * as Electron's worker owner: CancelledError, WorkerCrashedError), a worker that cannot start, and
 * a reply that cannot be read.
 */
import { describe, expect, it } from 'vitest';
import { WorkerCrashedError } from '../../../../shared/api/errors';
import { CancelledError } from '../../../../shared/errors';
import { createWorkerClient } from '../../../../renderer/src/host/browser/worker-client';
import type { JobEvent, JobOf } from '../../../../shared/jobs/protocol';
import { TACOTRON2_MEL } from '../../../../shared/mel/config';
import { readFixture } from '../../../helpers/fixtures';
import { rejectionOf } from '../../../helpers/rejection';
import { inProcessWorkers } from './in-process-worker';

const analyze = (): JobOf<'analyze-wav'> => ({
  kind: 'analyze-wav',
  name: 'speech.wav',
  bytes: readFixture('audio', 'speech_pcm16.wav'),
  melConfig: TACOTRON2_MEL,
});

describe('browser worker client', () => {
  it('runs a job in the worker it starts on first use, passing the job its own events', async () => {
    const workers = inProcessWorkers();
    const client = createWorkerClient(workers.start);
    const events: JobEvent[] = [];
    const { mel } = await client.run(analyze(), { onEvent: (event) => events.push(event) });
    expect(mel.nMels).toBe(80);
    expect(workers.started).toHaveLength(1);
    expect(events[0]).toEqual({
      type: 'progress',
      label: 'analysing speech.wav',
      fraction: expect.any(Number),
    });
  });

  it('cancel rejects every job with a CancelledError naming it', async () => {
    const workers = inProcessWorkers();
    const client = createWorkerClient(workers.start);
    const running = client.run(analyze());
    client.cancel();
    const error = await rejectionOf(running);
    expect(error).toBeInstanceOf(CancelledError);
    expect(error.message).toBe('opening speech.wav was cancelled');
  });

  it('fails clearly when the worker crashes: a WorkerCrashedError for each of its jobs', async () => {
    const workers = inProcessWorkers();
    const client = createWorkerClient(workers.start);
    const jobs = [client.run(analyze()), client.run({ kind: 'release-weights', weightsId: 'weights-1' })];
    workers.started[0]!.crash('out of memory');
    for (const job of jobs) expect(await rejectionOf(job)).toBeInstanceOf(WorkerCrashedError);
    expect(workers.started[0]!.terminated).toBe(true);
  });

  it('fails clearly when a reply cannot be read: every pending job rejects; the next job gets a fresh worker', async () => {
    const workers = inProcessWorkers();
    const client = createWorkerClient(workers.start);
    const jobs = [client.run(analyze()), client.run(analyze())];
    workers.started[0]!.garbleReply();
    for (const job of jobs) {
      const error = await rejectionOf(job);
      expect(error).toBeInstanceOf(WorkerCrashedError);
      expect(error.message).toMatch(/stopped while opening speech\.wav: a reply from it could not be read/);
    }
    expect(workers.started[0]!.terminated).toBe(true);
    expect((await client.run(analyze())).mel.nMels).toBe(80);
    expect(workers.started).toHaveLength(2);
  });

  it('fails clearly when the worker cannot start: the job rejects (no synchronous throw) with WorkerCrashedError', async () => {
    let attempts = 0;
    const client = createWorkerClient(() => {
      attempts++;
      throw new Error('worker-src blocked by the Content-Security-Policy');
    });
    let job: Promise<unknown> | undefined;
    expect(() => {
      job = client.run({ kind: 'release-weights', weightsId: 'weights-1' });
    }).not.toThrow();
    const error = await rejectionOf(job!);
    expect(error).toBeInstanceOf(WorkerCrashedError);
    expect(error.message).toBe(
      'could not start the pipeline worker: worker-src blocked by the Content-Security-Policy',
    );
    await rejectionOf(client.run(analyze())); // tries again for the next job
    expect(attempts).toBe(2);
  });
});
