/**
 * WorkerOwner on in-process workers (test/electron/worker/in-process-worker.ts: the real worker
 * wiring without a thread): queueing, events, cooperative cancel, the terminate fallback, dispose,
 * crashes and transfers. The real entry in a real thread is test/electron/worker/real-worker.test.ts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { WorkerOwner, type WorkerOwnerOptions } from '../../../electron/main/worker-owner';
import { encodeExport } from '../../../shared/export/encode';
import type { JobEvent } from '../../../shared/jobs/protocol';
import { TACOTRON2_MEL } from '../../../shared/mel/config';
import { analyzeWav } from '../../../shared/pipeline/analyze';
import { pcm16Wav } from '../../helpers/make-wav';
import { rejectionOf } from '../../helpers/rejection';
import { inProcessNodeWorkers } from '../worker/in-process-worker';
import { rampContent } from './export-content';
import { wholeProcessJob } from '../../helpers/chunk-jobs';

let owner: WorkerOwner | null = null;
let workers: ReturnType<typeof inProcessNodeWorkers>;
afterEach(async () => {
  await owner?.dispose();
  owner = null;
});

function open(options: Partial<WorkerOwnerOptions> = {}): WorkerOwner {
  workers = inProcessNodeWorkers();
  owner = new WorkerOwner({ createWorker: workers.create, ...options });
  return owner;
}

/** The worker the owner runs jobs on now. */
const current = () => workers.started.at(-1)!;

/** `seconds` of a 220 Hz tone as 16-bit PCM at 22.05 kHz: several kernel chunks per layer. */
function toneMel(seconds: number) {
  const n = Math.round(seconds * 22050);
  const values = Array.from({ length: n }, (_, i) =>
    Math.round(8000 * Math.sin((2 * Math.PI * 220 * i) / 22050)),
  );
  return analyzeWav(pcm16Wav(values), 'tone.wav', TACOTRON2_MEL).mel;
}

const npyJob = () => ({ kind: 'export', content: rampContent('npy', 5) }) as const;

describe('WorkerOwner', () => {
  it('an export job returns the same bytes as encodeExport in-process, through the worker wiring', async () => {
    const worker = open();
    const result = await worker.run({ kind: 'export', content: rampContent('npy', 50) });
    const expected = encodeExport(rampContent('npy', 50));
    expect(result.file).toEqual(expected.file);
    expect(result.sidecar).toEqual(expected.sidecar);
    expect(current().resourceLimits).toEqual({ maxOldGenerationSizeMb: 2048 });
  });

  it('fails clearly when the job itself fails: the pipeline error name and message come back', async () => {
    const worker = open();
    const content = { ...rampContent('npy', 10), output: new Float32Array(3) };
    const error = await rejectionOf(worker.run({ kind: 'export', content }));
    expect(error.name).toBe('ShapeMismatchError');
    expect(error.message).toMatch(/output has 3 values.*\[80, 10\] needs 800/);
    expect(worker.workersStarted).toBe(1);
  });

  it('passes each job its own events: progress throttled to about 10 per second, rising fractions', async () => {
    const events: JobEvent[] = [];
    const worker = open();
    const started = Date.now();
    await worker.run(
      { kind: 'export', content: rampContent('csv', 1_000) },
      { onEvent: (e) => events.push(e) },
    );
    const other: JobEvent[] = [];
    await worker.run(npyJob(), { onEvent: (e) => other.push(e) });
    const elapsedS = (Date.now() - started) / 1000;
    expect(events.length).toBeGreaterThan(0);
    expect(events.length).toBeLessThanOrEqual(Math.ceil(elapsedS * 10) + 2);
    expect(events.every((e) => e.type === 'progress' && e.label === 'encoding ramp.csv')).toBe(true);
    const fractions = events.map((e) => e.fraction);
    expect([...fractions].sort((a, b) => a - b)).toEqual(fractions);
    expect(other.every((e) => e.label === 'encoding ramp.npy')).toBe(true);
  });

  it('cancels a running job cooperatively through the shared flag: CancelledError, same worker takes the next job', async () => {
    const worker = open();
    await worker.run({ kind: 'load-default-weights', weightsId: 'w' });
    let cancelled = false;
    const running = worker.run(wholeProcessJob('w', toneMel(2)), {
      onEvent: () => {
        if (cancelled) return;
        cancelled = true;
        worker.cancel();
      },
    });
    const error = await rejectionOf(running);
    expect([error.name, error.message]).toEqual(['CancelledError', 'the post-net run was cancelled']);
    expect((await worker.run(npyJob())).file.length).toBeGreaterThan(128);
    expect(worker.workersStarted).toBe(1);
  });

  it('terminates a job that ignores the flag after the grace period, then starts a fresh worker', async () => {
    const worker = open({ cancelGraceMs: 50 });
    await worker.run(npyJob());
    current().hold();
    const hung = worker.run(npyJob());
    setTimeout(() => worker.cancel(), 20);
    const error = await rejectionOf(hung);
    expect(error.name).toBe('CancelledError');
    expect(error.message).toBe(
      'encoding ramp.npy was cancelled (it did not stop within 0.1 s, so the worker was restarted)',
    );
    expect(workers.started[0]!.isEnded).toBe(true);
    expect((await worker.run(npyJob())).file.length).toBeGreaterThan(128);
    expect(worker.workersStarted).toBe(2);
  });

  it('dispose with a job running: it and the queued ones say the app is closing; no grace period, no new worker', async () => {
    const worker = open();
    await worker.run(npyJob());
    current().hold();
    const hung = worker.run({ kind: 'export', content: rampContent('csv', 5) });
    const queued = worker.run(npyJob());
    const failures = Promise.all([rejectionOf(hung), rejectionOf(queued)]);
    await new Promise((resolve) => setTimeout(resolve, 10)); // the held job is running
    await worker.dispose();
    const [running, waiting] = await failures;
    expect([running.name, running.message]).toEqual([
      'CancelledError',
      'encoding ramp.csv was cancelled (the app is closing)',
    ]);
    expect([waiting.name, waiting.message]).toEqual([
      'CancelledError',
      'encoding ramp.npy was cancelled (the app is closing)',
    ]);
    expect(current().isEnded).toBe(true);
    expect(worker.workersStarted).toBe(1);
  });

  it('cancel() also rejects queued jobs, which never run', async () => {
    const worker = open();
    const first = worker.run({ kind: 'export', content: rampContent('csv', 1000) });
    const second = worker.run(npyJob());
    worker.cancel();
    const [a, b] = await Promise.all([rejectionOf(first), rejectionOf(second)]);
    expect(a.name).toBe('CancelledError');
    expect([b.name, b.message]).toEqual(['CancelledError', 'encoding ramp.npy was cancelled']);
    expect(current().received.map((m) => m.job.kind)).toEqual(['export']); // only the first was sent
  });

  it('a worker that exits fails only the job in flight; the queued job runs on a fresh worker', async () => {
    const worker = open();
    await worker.run(npyJob());
    current().hold();
    const crashed = worker.run({ kind: 'export', content: rampContent('csv', 5) });
    const next = worker.run(npyJob());
    await new Promise((resolve) => setTimeout(resolve, 10));
    current().exit(3);
    const error = await rejectionOf(crashed);
    expect(error.name).toBe('WorkerCrashedError');
    expect(error.message).toBe(
      'the compute worker stopped while encoding ramp.csv: it exited with code 3. ' +
        'Nothing you had open was lost; the next job starts a fresh worker.',
    );
    expect((await next).file.length).toBeGreaterThan(128);
    expect(worker.workersStarted).toBe(2);
  });

  it('an uncaught exception in the worker is a WorkerCrashedError naming it; running out of heap says the limit', async () => {
    const worker = open({ heapLimitMb: 48 });
    await worker.run(npyJob());
    current().hold();
    const thrown = worker.run(npyJob());
    await new Promise((resolve) => setTimeout(resolve, 10));
    current().crash(new Error('thrown from a timer'));
    expect((await rejectionOf(thrown)).message).toMatch(
      /while encoding ramp\.npy: it crashed: thrown from a timer\./,
    );
    await worker.run(npyJob()); // on a fresh worker
    current().hold();
    const grown = worker.run(npyJob());
    await new Promise((resolve) => setTimeout(resolve, 10));
    current().crash(Object.assign(new Error('heap'), { code: 'ERR_WORKER_OUT_OF_MEMORY' }));
    const error = await rejectionOf(grown);
    expect(error.name).toBe('WorkerCrashedError');
    expect(error.message).toMatch(/it ran out of memory \(limit 48 MB\)/);
    expect((await worker.run(npyJob())).sidecar.length).toBeGreaterThan(0);
    expect(worker.workersStarted).toBe(3);
    expect(current().resourceLimits).toEqual({ maxOldGenerationSizeMb: 48 });
  });

  it('fails clearly when the worker cannot start: the job rejects with WorkerCrashedError, the next one tries again', async () => {
    let attempts = 0;
    const inner = inProcessNodeWorkers();
    owner = new WorkerOwner({
      createWorker: (options) => {
        if (attempts++ === 0) throw new Error('EAGAIN: no threads left');
        return inner.create(options);
      },
    });
    const error = await rejectionOf(owner.run(npyJob()));
    expect([error.name, error.message]).toEqual([
      'WorkerCrashedError',
      'could not start the compute worker: EAGAIN: no threads left',
    ]);
    expect((await owner.run(npyJob())).file.length).toBeGreaterThan(128);
  });

  it('moves a whole buffer to the worker and copies a pooled Buffer (a slice) instead', async () => {
    const worker = open();
    const pngSignature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
    const pooled = Buffer.from([...pngSignature, 1, 2, 3]);
    expect(pooled.buffer.byteLength).toBeGreaterThan(pooled.byteLength); // a slice of Node's pool
    const whole = new Uint8Array([...pngSignature, 4, 5, 6]);
    const fromPool = await worker.run(
      { kind: 'export', content: { ...rampContent('png', 4), png: pooled } },
      { transfer: [pooled] },
    );
    expect([...fromPool.file]).toEqual([...pngSignature, 1, 2, 3]);
    expect([...pooled]).toEqual([...pngSignature, 1, 2, 3]); // copied, still ours
    const fromWhole = await worker.run(
      { kind: 'export', content: { ...rampContent('png', 4), png: whole } },
      { transfer: [whole] },
    );
    expect([...fromWhole.file]).toEqual([...pngSignature, 4, 5, 6]);
    expect(whole.byteLength).toBe(0); // moved: detached here
  });
});
