import { afterEach, describe, expect, it } from 'vitest';
import type { JobProgress } from '../../../shared/api/contract';
import { encodeExport } from '../../../shared/export/encode';
import type { WorkerOwner } from '../../../electron/main/worker-owner';
import { createTestOwner, startWorkerFromSource } from '../worker/start-worker';
import { rampContent } from './export-content';
import { rejectionOf } from '../../helpers/rejection';

let owner: WorkerOwner | null = null;
afterEach(async () => {
  await owner?.dispose();
  owner = null;
});

function open(options: Parameters<typeof createTestOwner>[0] = {}): WorkerOwner {
  owner = createTestOwner(options);
  return owner;
}

describe('WorkerOwner with the real worker entry', () => {
  it('an export job returns the same bytes as encodeExport in-process', async () => {
    const worker = open();
    const content = rampContent('npy', 50);
    const result = await worker.run({ kind: 'export', content });
    const expected = encodeExport(rampContent('npy', 50));
    expect(result.file).toEqual(expected.file);
    expect(result.sidecar).toEqual(expected.sidecar);
  });

  it('fails clearly when the job itself fails: the pipeline error name and message come back', async () => {
    const worker = open();
    const content = { ...rampContent('npy', 10), output: new Float32Array(3) };
    const error = await rejectionOf(worker.run({ kind: 'export', content }));
    expect(error.name).toBe('ShapeMismatchError');
    expect(error.message).toMatch(/output has 3 values.*\[80, 10\] needs 800/);
    expect(worker.workersStarted).toBe(1);
  });

  it('reports progress per chunk, throttled to about 10 per second, with rising fractions', async () => {
    const progress: JobProgress[] = [];
    const worker = open({ onProgress: (p) => progress.push(p) });
    const started = Date.now();
    await worker.run({ kind: 'export', content: rampContent('csv', 12_000) });
    const elapsedS = (Date.now() - started) / 1000;
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.length).toBeLessThanOrEqual(Math.ceil(elapsedS * 10) + 2);
    expect(progress.every((p) => p.kind === 'export' && p.label === 'encoding ramp.csv')).toBe(true);
    const fractions = progress.map((p) => p.fraction);
    expect([...fractions].sort((a, b) => a - b)).toEqual(fractions);
  });

  it('cancels a running job cooperatively: CancelledError, same worker takes the next job', async () => {
    let cancelled = false;
    const worker = open({
      onProgress: () => {
        if (cancelled) return;
        cancelled = true;
        worker.cancel();
      },
    });
    const error = await rejectionOf(worker.run({ kind: 'export', content: rampContent('csv', 100_000) }));
    expect(error.name).toBe('CancelledError');
    expect(error.message).toMatch(/CSV export was cancelled/);
    await worker.run({ kind: 'export', content: rampContent('npy', 5) });
    expect(worker.workersStarted).toBe(1);
  });

  it('terminates a job that ignores the flag after the grace period, then starts a fresh worker', async () => {
    const worker = open({ cancelGraceMs: 150 });
    await worker.run({ kind: 'export', content: rampContent('npy', 5) });
    const hung = worker.run({ kind: 'fault', fault: 'hang', ms: 60_000 });
    setTimeout(() => worker.cancel(), 100);
    const started = Date.now();
    const error = await rejectionOf(hung);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(error.name).toBe('CancelledError');
    expect(error.message).toMatch(/did not stop within 0\.1 s, so the worker was restarted/);
    const after = await worker.run({ kind: 'export', content: rampContent('npy', 5) });
    expect(after.file.length).toBeGreaterThan(128);
    expect(worker.workersStarted).toBe(2);
  });

  it('dispose with a job running: the job and the queued ones say the app is closing; resolves once the worker exited', async () => {
    let exited = false;
    const worker = open({
      createWorker: (options) => {
        const started = startWorkerFromSource(options);
        started.once('exit', () => (exited = true));
        return started;
      },
    });
    await worker.run({ kind: 'export', content: rampContent('npy', 5) });
    const hung = worker.run({ kind: 'fault', fault: 'hang', ms: 60_000 });
    const queued = worker.run({ kind: 'export', content: rampContent('npy', 5) });
    const failures = Promise.all([rejectionOf(hung), rejectionOf(queued)]);
    await new Promise((resolve) => setTimeout(resolve, 100)); // the hang is running
    const started = Date.now();
    await worker.dispose();
    expect(exited).toBe(true);
    expect(Date.now() - started).toBeLessThan(1_500); // no grace period on quit
    const [running, waiting] = await failures;
    expect(running).toMatchObject({
      name: 'CancelledError',
      message: expect.stringMatching(/was cancelled \(the app is closing\)$/),
    });
    expect(waiting).toMatchObject({
      name: 'CancelledError',
      message: 'encoding ramp.npy was cancelled (the app is closing)',
    });
    expect(worker.workersStarted).toBe(1); // nothing started another worker
  });

  it('cancel() also rejects queued jobs, which never run', async () => {
    const worker = open();
    const first = worker.run({ kind: 'export', content: rampContent('csv', 100_000) });
    const second = worker.run({ kind: 'export', content: rampContent('npy', 5) });
    worker.cancel();
    const [a, b] = await Promise.all([rejectionOf(first), rejectionOf(second)]);
    expect(a.name).toBe('CancelledError');
    expect(b.name).toBe('CancelledError');
    expect(b.message).toBe('encoding ramp.npy was cancelled');
  });

  it('a worker that exits fails only the job in flight; the queued job runs on a fresh worker', async () => {
    const worker = open();
    const crash = worker.run({ kind: 'fault', fault: 'exit' });
    const next = worker.run({ kind: 'export', content: rampContent('npy', 5) });
    const error = await rejectionOf(crash);
    expect(error.name).toBe('WorkerCrashedError');
    expect(error.message).toMatch(/stopped while the test fault 'exit': it exited with code 3/);
    expect(error.message).toMatch(/Nothing you had open was lost/);
    expect((await next).file.length).toBeGreaterThan(128);
    expect(worker.workersStarted).toBe(2);
  });

  it('an exception thrown from a timer in the worker is a WorkerCrashedError naming it', async () => {
    const worker = open();
    const error = await rejectionOf(worker.run({ kind: 'fault', fault: 'throw-async' }));
    expect(error.name).toBe('WorkerCrashedError');
    expect(error.message).toMatch(/it crashed: test fault: thrown from a timer/);
    await worker.run({ kind: 'export', content: rampContent('npy', 5) });
  });

  it('running out of heap (resourceLimits) kills only the worker: clear error, then a fresh worker', async () => {
    const worker = open({ heapLimitMb: 48 });
    const error = await rejectionOf(worker.run({ kind: 'fault', fault: 'grow-heap' }));
    expect(error.name).toBe('WorkerCrashedError');
    expect(error.message).toMatch(/ran out of memory \(limit 48 MB\)/);
    const after = await worker.run({ kind: 'export', content: rampContent('npy', 5) });
    expect(after.sidecar.length).toBeGreaterThan(0);
  });

  it('fails clearly when a fault job reaches a worker started without test faults (production)', async () => {
    const worker = open({ testFaults: false });
    const error = await rejectionOf(worker.run({ kind: 'fault', fault: 'exit' }));
    expect(error.name).toBe('InvalidArgumentError');
    expect(error.message).toBe('fault jobs are for tests only');
    expect(worker.workersStarted).toBe(1);
  });

  it('moves a whole buffer to the worker and copies a pooled Buffer without throwing', async () => {
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
