/**
 * The production worker entry (electron/worker/index.ts) in real worker threads, owned by the
 * WorkerOwner main uses: what no in-process test can show — a job crossing the thread with its
 * bytes moved, events and a cancel through the SharedArrayBuffer flag, terminate() of a job that
 * cannot look at the flag, and `resourceLimits` killing only the worker. Everything else about
 * the owner runs on in-process workers (test/electron/main/worker-owner.test.ts), and the jobs
 * themselves in this thread (test/shared/jobs/).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { WorkerOwner, type WorkerOwnerOptions } from '../../../electron/main/worker-owner';
import type { JobEvent } from '../../../shared/jobs/protocol';
import { TACOTRON2_MEL } from '../../../shared/mel/config';
import { analyzeWav } from '../../../shared/pipeline/analyze';
import { expectClose } from '../../helpers/close';
import { readFixture } from '../../helpers/fixtures';
import { rejectionOf } from '../../helpers/rejection';
import { startWorkerFromSource } from './start-worker';
import { wholeProcessJob } from '../../helpers/chunk-jobs';

let owner: WorkerOwner | null = null;
afterEach(async () => {
  await owner?.dispose();
  owner = null;
});

function open(options: Partial<WorkerOwnerOptions> = {}): WorkerOwner {
  owner = new WorkerOwner({ createWorker: startWorkerFromSource, ...options });
  return owner;
}

/** A weights JSON of one `[rows, n]` tensor, written without building the arrays (cheap for large n). */
function bigJson(rows: number, n: number): Uint8Array {
  const row = `[${'0.142857,'.repeat(n - 1)}0.142857]`;
  return Buffer.from(`{"conv.weight": [${`${row},`.repeat(rows - 1)}${row}]}`);
}

describe('the compute worker entry in a worker thread', () => {
  it('analyses a WAV with its bytes moved, reports events, and stops a long run at the shared flag', async () => {
    const worker = open();
    const bytes = new Uint8Array(readFixture('audio', 'speech_pcm16.wav'));
    const copy = bytes.slice();
    const events: JobEvent[] = [];
    const opened = await worker.run(
      { kind: 'analyze-wav', name: 'speech.wav', bytes, melConfig: TACOTRON2_MEL },
      { transfer: [bytes], onEvent: (event) => events.push(event) },
    );
    expect(bytes.byteLength).toBe(0); // moved to the worker
    expectClose(opened.mel.data, analyzeWav(copy, 'speech.wav', TACOTRON2_MEL).mel.data, {
      atol: 0,
      label: 'mel from the worker',
    });
    expect(events[0]).toMatchObject({ type: 'progress', label: 'analysing speech.wav' });

    await worker.run({ kind: 'load-default-weights', weightsId: 'w' });
    let cancelled = false;
    const running = worker.run(wholeProcessJob('w', opened.mel), {
      onEvent: (event) => {
        if (cancelled || event.fraction <= 0.05) return;
        cancelled = true;
        worker.cancel();
      },
    });
    const error = await rejectionOf(running);
    expect([error.name, error.message]).toEqual(['CancelledError', 'the post-net run was cancelled']);
    expect(worker.workersStarted).toBe(1); // the same worker lives on
  });

  it('terminates a parse that cannot see the flag after the grace period; a fresh worker runs out of heap and dies alone', async () => {
    const worker = open({ cancelGraceMs: 100, heapLimitMb: 64 });
    const parsing = worker.run({
      kind: 'load-weights',
      weightsId: 'big',
      files: [{ name: 'big.json', bytes: bigJson(1, 3_000_000) }],
      nMels: 80,
      hash: true,
    });
    setTimeout(() => worker.cancel(), 50);
    const stopped = await rejectionOf(parsing);
    expect(stopped.name).toBe('CancelledError');
    expect(stopped.message).toMatch(/so the worker was restarted\)$/);

    const huge = worker.run({
      kind: 'load-weights',
      weightsId: 'huge',
      files: [{ name: 'huge.json', bytes: bigJson(2000, 2000) }],
      nMels: 80,
      hash: true,
    });
    const crashed = await rejectionOf(huge);
    expect(crashed.name).toBe('WorkerCrashedError');
    expect(crashed.message).toMatch(
      /while loading weights from huge\.json: it ran out of memory \(limit 64 MB\)/,
    );
    // The huge job ran on the worker started after the terminate; what follows a crash is the
    // owner's business, tested on in-process workers (worker-owner.test.ts).
    expect(worker.workersStarted).toBe(2);
  });
});
