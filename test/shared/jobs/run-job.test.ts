/**
 * The shared job runner run directly (no worker): each job gives what the pipeline function it
 * wraps gives, keeps or forgets stacks by weights id, reports labelled progress, and stops on
 * its cancel signal. Both workers (Electron's and the browser's) run exactly this.
 */
import { describe, expect, it } from 'vitest';
import { adviceOf } from '../../../shared/errors';
import type { CancelSignal } from '../../../shared/cancel';
import { encodeExport } from '../../../shared/export/encode';
import { encodeNpyFloat32 } from '../../../shared/formats/npy';
import type { WorkerJob, WorkerJobResults } from '../../../shared/jobs/protocol';

type JobResult<K extends keyof WorkerJobResults> = WorkerJobResults[K];
import { createJobState, runJob, type JobContext } from '../../../shared/jobs/run-job';
import { TACOTRON2_MEL } from '../../../shared/mel/config';
import { analyzeWav } from '../../../shared/pipeline/analyze';
import { layerOutputOf, processSpectrogram } from '../../../shared/pipeline/process';
import { planChunks } from '../../../shared/backend/chunks';
import { chunkWindow } from '../../../shared/host/chunked';
import { fastBackend } from '../../../shared/backend/fast/fast-backend';
import type { Conv1dStack } from '../../../shared/model/types';
import type { Spectrogram } from '../../../shared/spectrogram';
import { defaultWeights, loadWeights } from '../../../shared/weights/load';
import { expectClose } from '../../helpers/close';
import { readFixture } from '../../helpers/fixtures';
import { rampContent } from '../../electron/main/export-content';
import { smallPostnetNpz } from '../../e2e/helpers/weights-npz';
import { encodeNpy } from '../../../shared/formats/npy';
import { rejectionOf } from '../../helpers/rejection';

/** A small post-net as a folder's files, one `.npy` per state_dict key. */
function smallPostnetNpyFiles() {
  const { tensors } = loadWeights([{ name: 'small.npz', bytes: smallPostnetNpz() }]);
  return [...tensors].map(([key, tensor]) => ({
    name: `${key}.npy`,
    bytes: encodeNpy(tensor),
  }));
}

/** Every chunk job of a run of `stack` over `mel` up to `lastLayer`, as the host makes them. */
function chunkJobs(
  stack: Conv1dStack,
  weightsId: string,
  mel: Spectrogram,
  chunkFrames: number,
  lastLayer?: number,
) {
  const last = lastLayer ?? stack.layers.length - 1;
  const plan = planChunks(stack, mel.nMels, mel.nFrames, { chunkFrames, lastLayer: last });
  return plan.chunks.map((chunk) => ({
    weightsId,
    engine: 'js' as const,
    chunk: {
      nFrames: mel.nFrames,
      chunkFrames,
      lastLayer: last,
      index: chunk.index,
      sourceName: mel.source.name,
    },
    input: chunkWindow(mel, chunk.input),
  }));
}

/** `[channels, frames]` parts placed side by side at their own frames. */
function assemble(
  parts: { own: { start: number; end: number }; data: Float32Array }[],
  channels: number,
  total: number,
) {
  const out = new Float32Array(channels * total);
  for (const { own, data } of parts) {
    const frames = own.end - own.start;
    for (let c = 0; c < channels; c++)
      out.set(data.subarray(c * frames, (c + 1) * frames), c * total + own.start);
  }
  return out;
}

interface Seen {
  label: string;
  fraction: number;
}

function context(signal: CancelSignal = { aborted: false }): JobContext & { seen: Seen[] } {
  const seen: Seen[] = [];
  return {
    signal,
    emit: ({ label, fraction }) => seen.push({ label, fraction }),
    state: createJobState(),
    seen,
  };
}

const speech = () => readFixture('audio', 'speech_pcm16.wav');
const speechMel = () => analyzeWav(speech(), 'speech.wav', TACOTRON2_MEL).mel;

describe('runJob: opening inputs', () => {
  it('analyze-wav gives analyzeWav’s audio facts and mel, with rising progress labelled by the file', async () => {
    const ctx = context();
    const result = await runJob(
      { kind: 'analyze-wav', name: 'speech.wav', bytes: speech(), melConfig: TACOTRON2_MEL },
      ctx,
    );
    const expected = analyzeWav(speech(), 'speech.wav', TACOTRON2_MEL);
    expect(result).toMatchObject({ audio: expected.audio });
    const { mel } = result as { mel: typeof expected.mel };
    expectClose(mel.data, expected.mel.data, { atol: 0, shape: [80, expected.mel.nFrames], label: 'mel' });
    expect(ctx.seen.length).toBeGreaterThan(0);
    expect(ctx.seen.every((p) => p.label === 'analysing speech.wav')).toBe(true);
    const fractions = ctx.seen.map((p) => p.fraction);
    expect([...fractions].sort((a, b) => a - b)).toEqual(fractions);
  });

  it('fails clearly when the bytes are not a WAV: WavFormatError naming the file', async () => {
    const error = await rejectionOf(
      runJob(
        { kind: 'analyze-wav', name: 'notes.wav', bytes: new Uint8Array(64), melConfig: TACOTRON2_MEL },
        context(),
      ),
    );
    expect(error.name).toBe('WavFormatError');
    expect(error.message).toMatch(/^notes\.wav: /);
  });

  it('read-spectrogram-npy opens [80, T] as an input and fails clearly on [T, 80] (transposed)', async () => {
    const data = new Float32Array(80 * 12).fill(-5);
    const job = (shape: number[]): WorkerJob => ({
      kind: 'read-spectrogram-npy',
      name: 'mel.npy',
      bytes: encodeNpyFloat32(data, shape),
      melConfig: TACOTRON2_MEL,
    });
    const { mel } = (await runJob(job([80, 12]), context())) as { mel: { nMels: number; nFrames: number } };
    expect([mel.nMels, mel.nFrames]).toEqual([80, 12]);
    const error = await rejectionOf(runJob(job([12, 80]), context()));
    expect(error.name).toBe('ShapeMismatchError');
    expect(error.message).toMatch(/looks transposed/);
  });
});

describe('runJob: weights and processing', () => {
  it('load-weights keeps the stack under its id; process then equals processSpectrogram with it', async () => {
    const ctx = context();
    const files = [{ name: 'small.npz', bytes: smallPostnetNpz() }];
    const { summary } = (await runJob(
      { kind: 'load-weights', weightsId: 'w1', files, nMels: 80, hash: true },
      ctx,
    )) as {
      summary: { name: string; totalParameters: number };
    };
    const expected = loadWeights(files, { nMels: 80 });
    expect(summary).toEqual(expected.summary);
    expect(ctx.state.stacks.has('w1')).toBe(true);
    expect(ctx.seen[0]).toEqual({ label: 'loading small.npz', fraction: 0 });
    const mel = speechMel();
    const parts = [];
    for (const job of chunkJobs(expected.stack, 'w1', mel, 64)) {
      parts.push((await runJob({ kind: 'process-chunk', ...job }, ctx)) as JobResult<'process-chunk'>);
    }
    expect(parts.length).toBeGreaterThan(1);
    const reference = await processSpectrogram(expected.stack, mel);
    const residual = assemble(
      parts.map((p) => ({ own: p.own, data: p.residual })),
      80,
      mel.nFrames,
    );
    const output = assemble(
      parts.map((p) => ({ own: p.own, data: p.output })),
      80,
      mel.nFrames,
    );
    expectClose(residual, reference.residual, { atol: 0, rtol: 0, label: 'residual' });
    expectClose(output, reference.output, { atol: 0, rtol: 0, label: 'output' });
    expect(parts[0]!.engine).toEqual({ name: fastBackend.name, kind: 'js', note: null });
    expect(ctx.seen.at(-1)!.label).toMatch(/^conv [01] · [12] of 2$/);
  });

  it('load-weights without hashing leaves sha256 to the host (null), with it gives the files’ SHA-256', async () => {
    const files = [{ name: 'small.npz', bytes: smallPostnetNpz() }];
    const hashed = (await runJob(
      { kind: 'load-weights', weightsId: 'a', files, nMels: 80, hash: true },
      context(),
    )) as {
      summary: { sha256: string | null };
    };
    const unhashed = (await runJob(
      { kind: 'load-weights', weightsId: 'b', files, nMels: 80, hash: false },
      context(),
    )) as {
      summary: { sha256: string | null };
    };
    expect(hashed.summary.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(unhashed.summary.sha256).toBeNull();
  });

  it('load-weights with a name (a folder’s) calls the weights by it: summary, progress; none gives "N files"', async () => {
    const files = [...smallPostnetNpyFiles()];
    const named = context();
    const { summary } = (await runJob(
      { kind: 'load-weights', weightsId: 'w', files, nMels: 80, name: 'tacotron2_npy', hash: true },
      named,
    )) as { summary: { name: string } };
    expect(summary.name).toBe('tacotron2_npy');
    expect(named.seen[0]).toEqual({ label: 'loading tacotron2_npy', fraction: 0 });
    const unnamed = (await runJob(
      { kind: 'load-weights', weightsId: 'v', files, nMels: 80, hash: true },
      context(),
    )) as {
      summary: { name: string };
    };
    expect(unnamed.summary.name).toBe(`${files.length} files`);
  });

  it('fails clearly when the weights do not fit the mel: the error names the layer, nothing is kept', async () => {
    const ctx = context();
    const files = [{ name: 'small40.npz', bytes: smallPostnetNpz(40) }];
    const error = await rejectionOf(
      runJob({ kind: 'load-weights', weightsId: 'w', files, nMels: 80, hash: true }, ctx),
    );
    expect(error.name).toBe('ShapeMismatchError');
    expect(error.message).toMatch(
      /^small40\.npz: 'postnet\.convolutions\.0\.0\.conv\.weight' is \[32, 40, 5\].*80 mel bands/,
    );
    expect(ctx.state.stacks.size).toBe(0);
  });

  it('fails clearly with the fix as data, worded by no shell: a band mismatch carries its advice', async () => {
    const files = [{ name: 'small64.npz', bytes: smallPostnetNpz(64) }];
    const load = await rejectionOf(
      runJob({ kind: 'load-weights', weightsId: 'w', files, nMels: 80, hash: true }, context()),
    );
    expect(adviceOf(load)).toEqual({ kind: 'n-mels', nMels: 64, then: 'reload' });
    const npy = {
      kind: 'read-spectrogram-npy',
      name: 'mel64.npy',
      bytes: encodeNpyFloat32(new Float32Array(64 * 3), [64, 3]),
      melConfig: TACOTRON2_MEL,
    } as const;
    expect(adviceOf(await rejectionOf(runJob(npy, context())))).toEqual({
      kind: 'n-mels',
      nMels: 64,
      then: 'reopen',
    });
    const ctx = context();
    ctx.state.stacks.set('d', loadWeights(files).stack);
    const [first] = chunkJobs(defaultWeights().stack, 'd', speechMel(), 4096);
    const process: WorkerJob = { kind: 'process-chunk', ...first! };
    const error = await rejectionOf(runJob(process, ctx));
    expect(adviceOf(error)).toEqual({ kind: 'n-mels', nMels: 64, orWeightsFor: 80 });
    expect(error.message).not.toMatch(/--n-mels|Mel settings/);
  });

  it('load-default-weights builds the untrained Tacotron 2 post-net (4,348,144 parameters)', async () => {
    const ctx = context();
    const { summary } = (await runJob({ kind: 'load-default-weights', weightsId: 'd' }, ctx)) as {
      summary: { isDefault: boolean; totalParameters: number };
    };
    expect(summary).toEqual(defaultWeights().summary);
    expect([summary.isDefault, summary.totalParameters]).toEqual([true, 4_348_144]);
    expect(ctx.state.stacks.has('d')).toBe(true);
  });

  it('fails clearly with WeightsNotLoadedError for weights this runner never built or has released', async () => {
    const ctx = context();
    const [first] = chunkJobs(defaultWeights().stack, 'w', speechMel(), 4096);
    const process: WorkerJob = { kind: 'process-chunk', ...first! };
    expect((await rejectionOf(runJob(process, ctx))).name).toBe('WeightsNotLoadedError');
    await runJob(
      {
        kind: 'load-weights',
        weightsId: 'w',
        files: [{ name: 's.npz', bytes: smallPostnetNpz() }],
        nMels: 80,
        hash: false,
      },
      ctx,
    );
    expect(await runJob({ kind: 'release-weights', weightsId: 'w' }, ctx)).toBeNull();
    const error = await rejectionOf(runJob(process, ctx));
    expect(error.name).toBe('WeightsNotLoadedError');
    expect(error.message).toMatch(/no weights 'w'/);
  });

  it('a process job stops on its signal between chunks with CancelledError; the stack stays usable', async () => {
    const flag = { aborted: false };
    const ctx = context(flag);
    const files = [{ name: 's.npz', bytes: smallPostnetNpz() }];
    await runJob({ kind: 'load-weights', weightsId: 'w', files, nMels: 80, hash: true }, ctx);
    const long = analyzeWav(readFixture('audio', 'speech_pcm16.wav'), 'speech.wav', TACOTRON2_MEL).mel;
    const stack = ctx.state.stacks.get('w')!;
    const job = (): WorkerJob => ({ kind: 'process-chunk', ...chunkJobs(stack, 'w', long, 8192)[0]! });
    flag.aborted = true;
    const error = await rejectionOf(runJob(job(), ctx));
    expect(error.name).toBe('CancelledError');
    flag.aborted = false;
    const after = (await runJob(job(), ctx)) as JobResult<'process-chunk'>;
    expect(after.own).toEqual({ start: 0, end: long.nFrames });
  });
});

describe('runJob: one layer’s output', () => {
  it('layer-chunk gives layerOutputOf’s numbers over the chunk’s own frames, labelled for the layers it runs', async () => {
    const ctx = context();
    await runJob({ kind: 'load-default-weights', weightsId: 'd' }, ctx);
    const mel = speechMel();
    const stack = defaultWeights().stack;
    const parts = [];
    for (const job of chunkJobs(stack, 'd', mel, 64, 1)) {
      const part = (await runJob(
        { kind: 'layer-chunk', ...job, step: 1, reduce: 'absmax' },
        ctx,
      )) as JobResult<'layer-chunk'>;
      parts.push({ own: part.own, data: part.columns.data });
    }
    const expected = await layerOutputOf(stack, mel, 1);
    expectClose(assemble(parts, 512, mel.nFrames), expected.data, {
      atol: 0,
      rtol: 0,
      label: 'conv 1 output',
    });
    expect(ctx.seen.map((p) => p.label)).toContain('conv 1 · 2 of 2');
    expect(ctx.seen.some((p) => p.label.endsWith('of 5'))).toBe(false);
  });

  it('layer-chunk reduces its frames to columns of `step`: the column maxima of the whole output', async () => {
    const ctx = context();
    await runJob({ kind: 'load-default-weights', weightsId: 'd' }, ctx);
    const mel = speechMel();
    const stack = defaultWeights().stack;
    const [job] = chunkJobs(stack, 'd', mel, 8192, 0);
    const part = (await runJob(
      { kind: 'layer-chunk', ...job!, step: 7, reduce: 'max' },
      ctx,
    )) as JobResult<'layer-chunk'>;
    const whole = await layerOutputOf(stack, mel, 0);
    const count = Math.ceil(mel.nFrames / 7);
    expect([part.columns.first, part.columns.count, part.columns.step]).toEqual([0, count, 7]);
    for (const [c, k] of [
      [0, 0],
      [511, count - 1],
      [100, 3],
    ] as const) {
      const frames = whole.data.subarray(
        c * mel.nFrames + k * 7,
        c * mel.nFrames + Math.min(mel.nFrames, (k + 1) * 7),
      );
      expect(part.columns.data[c * count + k]).toBe(Math.max(...frames));
    }
  });

  it('fails clearly: unknown weights (WeightsNotLoadedError), a cancelled run', async () => {
    const flag = { aborted: false };
    const ctx = context(flag);
    const [first] = chunkJobs(defaultWeights().stack, 'd', speechMel(), 4096, 0);
    const job: WorkerJob = { kind: 'layer-chunk', ...first!, step: 1, reduce: 'absmax' };
    expect((await rejectionOf(runJob(job, ctx))).name).toBe('WeightsNotLoadedError');
    await runJob({ kind: 'load-default-weights', weightsId: 'd' }, ctx);
    flag.aborted = true;
    const [again] = chunkJobs(defaultWeights().stack, 'd', speechMel(), 4096, 0);
    expect(
      (await rejectionOf(runJob({ kind: 'layer-chunk', ...again!, step: 1, reduce: 'absmax' }, ctx))).name,
    ).toBe('CancelledError');
  });
});

describe('runJob: export and unknown jobs', () => {
  it('export gives encodeExport’s bytes, with progress labelled by the file', async () => {
    const ctx = context();
    const result = await runJob({ kind: 'export', content: rampContent('csv', 40) }, ctx);
    const expected = encodeExport(rampContent('csv', 40));
    expect(result).toEqual(expected);
    expect(ctx.seen.every((p) => p.label === 'encoding ramp.csv')).toBe(true);
  });

  it('fails clearly when the output does not match the input’s shape (ShapeMismatchError)', async () => {
    const content = { ...rampContent('npy', 10), output: new Float32Array(3) };
    const error = await rejectionOf(runJob({ kind: 'export', content }, context()));
    expect(error.name).toBe('ShapeMismatchError');
  });

  it('fails clearly for a job kind it does not know (nothing test-only is run in production)', async () => {
    const error = await rejectionOf(
      runJob({ kind: 'fault', fault: 'exit' } as unknown as WorkerJob, context()),
    );
    expect(error.message).toBe('unexpected worker job: {"kind":"fault","fault":"exit"}');
  });
});
