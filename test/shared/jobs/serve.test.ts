/**
 * The worker side of the protocol, run in this thread with a recording `post`: one `done` per
 * job in the order sent, errors as `{ ok: false, error }`, results' buffers in the transfer
 * list, progress throttled to about ten a second.
 */
import { describe, expect, it } from 'vitest';
import { PROGRESS_INTERVAL_MS } from '../../../shared/jobs/progress';
import type { RunJobMessage, WorkerJob, WorkerMessage } from '../../../shared/jobs/protocol';
import { createJobServer, type JobServerOptions } from '../../../shared/jobs/serve';
import { rampContent } from '../../electron/main/export-content';

interface Posted {
  message: WorkerMessage;
  transfer: ArrayBuffer[];
}

function server(options: Partial<JobServerOptions> = {}) {
  const posted: Posted[] = [];
  const serve = createJobServer({
    post: (message, transfer) => posted.push({ message, transfer }),
    signal: { aborted: false },
    ...options,
  });
  let jobId = 0;
  const send = (job: WorkerJob) => {
    const message: RunJobMessage = { type: 'run', jobId: ++jobId, job };
    return serve(message);
  };
  const done = () => posted.filter((p) => p.message.type === 'done');
  return { posted, send, done };
}

describe('createJobServer', () => {
  it('answers each job once with { ok: true, result }, and moves the result’s buffers', async () => {
    const { send, done } = server();
    await send({ kind: 'export', content: rampContent('npy', 20) });
    expect(done()).toHaveLength(1);
    const [{ message, transfer }] = done() as [Posted];
    expect(message).toMatchObject({ type: 'done', jobId: 1, reply: { ok: true } });
    const result = (message as Extract<WorkerMessage, { type: 'done' }>).reply;
    if (!result.ok) throw new Error('expected ok');
    const { file, sidecar } = result.result as { file: Uint8Array; sidecar: Uint8Array };
    expect(transfer).toEqual(expect.arrayContaining([file.buffer, sidecar.buffer]));
  });

  it('moves a layer chunk’s columns buffer, and nothing else travels with it', async () => {
    const { send, done } = server();
    await send({ kind: 'load-default-weights', weightsId: 'd' });
    const { input } = rampContent('npy', 24);
    await send({
      kind: 'layer-chunk',
      weightsId: 'd',
      engine: 'js',
      chunk: { nFrames: 24, chunkFrames: 24, lastLayer: 0, index: 0, sourceName: 'ramp.wav' },
      input: { nChannels: 80, nFrames: 24, data: input.data, firstFrame: 0 },
      step: 1,
      reduce: 'absmax',
    });
    const { message, transfer } = done()[1]!;
    const reply = (message as Extract<WorkerMessage, { type: 'done' }>).reply;
    if (!reply.ok) throw new Error(`expected ok, got ${reply.error.message}`);
    const { columns } = reply.result as { columns: { data: Float32Array } };
    expect(columns.data.length).toBe(512 * 24);
    expect(transfer).toEqual([columns.data.buffer]);
  });

  it('fails clearly: a failing job answers { ok: false, error: { name, message } } and the next job still runs', async () => {
    const { send, done } = server();
    const bad = { ...rampContent('npy', 10), output: new Float32Array(3) };
    const first = send({ kind: 'export', content: bad });
    const second = send({ kind: 'export', content: rampContent('npy', 5) });
    await Promise.all([first, second]);
    const replies = done().map((p) => p.message as Extract<WorkerMessage, { type: 'done' }>);
    expect(replies.map((r) => [r.jobId, r.reply.ok])).toEqual([
      [1, false],
      [2, true],
    ]);
    expect(replies[0]!.reply).toEqual({
      ok: false,
      error: { name: 'ShapeMismatchError', message: expect.stringMatching(/output has 3 values/) },
    });
  });

  it('runs jobs one after another in the order they came (a slow job is not overtaken)', async () => {
    const { send, posted } = server();
    const slow = send({ kind: 'export', content: rampContent('csv', 2000, 8) });
    const quick = send({ kind: 'release-weights', weightsId: 'none' });
    await Promise.all([slow, quick]);
    const order = posted.filter((p) => p.message.type === 'done').map((p) => p.message.jobId);
    expect(order).toEqual([1, 2]);
    const kinds = posted.map((p) => `${p.message.type} ${p.message.jobId}`);
    const lastProgressOfFirst = kinds.lastIndexOf('event 1');
    const doneOfFirst = kinds.indexOf('done 1');
    expect(lastProgressOfFirst).toBeGreaterThanOrEqual(0);
    expect(lastProgressOfFirst).toBeLessThan(doneOfFirst);
  });

  it('throttles progress to one message per interval (~10 per second) however often the job reports', async () => {
    const stepMs = 30; // the fake clock moves 30 ms per report, so every 4th report may pass
    let now = 0;
    const { send, posted } = server({ now: () => (now += stepMs) });
    await send({ kind: 'export', content: rampContent('csv', 12_000, 8) }); // 8 bands: the same rows, a tenth of the text
    const progress = posted.filter((p) => p.message.type === 'event');
    const reports = now / stepMs; // the clock is read once per report
    expect(reports).toBeGreaterThanOrEqual(8);
    expect(progress.length).toBe(Math.ceil(reports / Math.ceil(PROGRESS_INTERVAL_MS / stepMs)));
    expect(progress[0]!.message).toMatchObject({
      jobId: 1,
      event: { type: 'progress', label: 'encoding ramp.csv' },
    });
  });

  it('answers with the error when the result itself cannot be posted (e.g. not cloneable)', async () => {
    const posted: WorkerMessage[] = [];
    let refuse = true;
    const serve = createJobServer({
      post: (message) => {
        if (message.type === 'done' && message.reply.ok && refuse) {
          refuse = false;
          throw new Error('DataCloneError: could not clone');
        }
        posted.push(message);
      },
      signal: { aborted: false },
    });
    await serve({ type: 'run', jobId: 7, job: { kind: 'release-weights', weightsId: 'x' } });
    expect(posted).toEqual([
      {
        type: 'done',
        jobId: 7,
        reply: { ok: false, error: { name: 'Error', message: 'DataCloneError: could not clone' } },
      },
    ]);
  });

  it('leaves buffers the runtime refuses to move out of the transfer list (copied instead)', async () => {
    const { send, done } = server({ isUntransferable: () => true });
    await send({ kind: 'export', content: rampContent('npy', 5) });
    expect(done()[0]!.transfer).toEqual([]);
  });

  it('passes the cancel signal to the job: a set flag ends it with CancelledError', async () => {
    const { send, done } = server({ signal: { aborted: true } });
    await send({ kind: 'export', content: rampContent('csv', 2000, 8) });
    expect(done()[0]!.message).toMatchObject({ reply: { ok: false, error: { name: 'CancelledError' } } });
  });
});
