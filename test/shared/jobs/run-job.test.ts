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
import type { JobOf, WorkerJob } from '../../../shared/jobs/protocol';
import { createJobState, runJob, type JobContext } from '../../../shared/jobs/run-job';
import { TACOTRON2_MEL } from '../../../shared/mel/config';
import { analyzeWav } from '../../../shared/pipeline/analyze';
import { layerOutputOf, processSpectrogram } from '../../../shared/pipeline/process';
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
    const { summary } = (await runJob({ kind: 'load-weights', weightsId: 'w1', files, nMels: 80 }, ctx)) as {
      summary: { name: string; totalParameters: number };
    };
    const expected = loadWeights(files, { nMels: 80 });
    expect(summary).toEqual(expected.summary);
    expect(ctx.state.stacks.has('w1')).toBe(true);
    expect(ctx.seen[0]).toEqual({ label: 'loading small.npz', fraction: 0 });
    const mel = speechMel();
    const result = (await runJob(
      { kind: 'process', weightsId: 'w1', input: mel, keepActivations: [1] },
      ctx,
    )) as {
      nMels: number;
      nFrames: number;
      residual: Float32Array;
      output: Float32Array;
      activations: { layer: number; nChannels: number }[];
    };
    const reference = await processSpectrogram(expected.stack, mel, { activations: [1] });
    expect([result.nMels, result.nFrames]).toEqual([80, mel.nFrames]);
    expectClose(result.residual, reference.residual, { atol: 0, label: 'residual' });
    expectClose(result.output, reference.output, { atol: 0, label: 'output' });
    expect(result.activations.map((a) => [a.layer, a.nChannels])).toEqual([[1, 80]]);
    expect(ctx.seen.at(-1)!.label).toMatch(/^conv [01] · [12] of 2$/);
  });

  it('load-weights with a name (a folder’s) calls the weights by it: summary, progress; none gives "N files"', async () => {
    const files = [...smallPostnetNpyFiles()];
    const named = context();
    const { summary } = (await runJob(
      { kind: 'load-weights', weightsId: 'w', files, nMels: 80, name: 'tacotron2_npy' },
      named,
    )) as { summary: { name: string } };
    expect(summary.name).toBe('tacotron2_npy');
    expect(named.seen[0]).toEqual({ label: 'loading tacotron2_npy', fraction: 0 });
    const unnamed = (await runJob({ kind: 'load-weights', weightsId: 'v', files, nMels: 80 }, context())) as {
      summary: { name: string };
    };
    expect(unnamed.summary.name).toBe(`${files.length} files`);
  });

  it('fails clearly when the weights do not fit the mel: the error names the layer, nothing is kept', async () => {
    const ctx = context();
    const files = [{ name: 'small40.npz', bytes: smallPostnetNpz(40) }];
    const error = await rejectionOf(runJob({ kind: 'load-weights', weightsId: 'w', files, nMels: 80 }, ctx));
    expect(error.name).toBe('ShapeMismatchError');
    expect(error.message).toMatch(
      /^small40\.npz: 'postnet\.convolutions\.0\.0\.conv\.weight' is \[32, 40, 5\].*80 mel bands/,
    );
    expect(ctx.state.stacks.size).toBe(0);
  });

  it('fails clearly with the fix as data, worded by no shell: a band mismatch carries its advice', async () => {
    const files = [{ name: 'small64.npz', bytes: smallPostnetNpz(64) }];
    const load = await rejectionOf(
      runJob({ kind: 'load-weights', weightsId: 'w', files, nMels: 80 }, context()),
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
    const process = { kind: 'process', weightsId: 'd', input: speechMel(), keepActivations: [] } as const;
    const ctx = context();
    ctx.state.stacks.set('d', loadWeights(files).stack);
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
    const process: JobOf<'process'> = {
      kind: 'process',
      weightsId: 'w',
      input: speechMel(),
      keepActivations: [],
    };
    expect((await rejectionOf(runJob(process, ctx))).name).toBe('WeightsNotLoadedError');
    await runJob(
      {
        kind: 'load-weights',
        weightsId: 'w',
        files: [{ name: 's.npz', bytes: smallPostnetNpz() }],
        nMels: 80,
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
    await runJob({ kind: 'load-weights', weightsId: 'w', files, nMels: 80 }, ctx);
    const long = analyzeWav(readFixture('audio', 'speech_pcm16.wav'), 'speech.wav', TACOTRON2_MEL).mel;
    const job: JobOf<'process'> = { kind: 'process', weightsId: 'w', input: long, keepActivations: [] };
    flag.aborted = true;
    const error = await rejectionOf(runJob(job, ctx));
    expect(error.name).toBe('CancelledError');
    flag.aborted = false;
    const after = (await runJob(job, ctx)) as { nFrames: number };
    expect(after.nFrames).toBe(long.nFrames);
  });
});

describe('runJob: one layer’s output', () => {
  it('layer-output gives layerOutputOf’s numbers (= what process keeps), labelled for the layers it runs', async () => {
    const ctx = context();
    await runJob({ kind: 'load-default-weights', weightsId: 'd' }, ctx);
    const mel = speechMel();
    const result = (await runJob({ kind: 'layer-output', weightsId: 'd', input: mel, layer: 1 }, ctx)) as {
      layer: number;
      nChannels: number;
      nFrames: number;
      data: Float32Array;
    };
    const expected = await layerOutputOf(defaultWeights().stack, mel, 1);
    expect([result.layer, result.nChannels, result.nFrames]).toEqual([1, 512, mel.nFrames]);
    expectClose(result.data, expected.data, { atol: 0, rtol: 0, label: 'conv 1 output' });
    expect(Object.keys(result).sort()).toEqual(['data', 'layer', 'nChannels', 'nFrames']); // nothing else
    expect(ctx.seen.map((p) => p.label)).toContain('conv 1 · 2 of 2');
    expect(ctx.seen.some((p) => p.label.endsWith('of 5'))).toBe(false);
    expect(ctx.seen.at(-1)!.fraction).toBe(1);
  });

  it('fails clearly: unknown weights (WeightsNotLoadedError), a layer the weights lack, a cancelled run', async () => {
    const flag = { aborted: false };
    const ctx = context(flag);
    const job: JobOf<'layer-output'> = { kind: 'layer-output', weightsId: 'd', input: speechMel(), layer: 0 };
    expect((await rejectionOf(runJob(job, ctx))).name).toBe('WeightsNotLoadedError');
    await runJob({ kind: 'load-default-weights', weightsId: 'd' }, ctx);
    const missing = await rejectionOf(runJob({ ...job, layer: 5 }, ctx));
    expect([missing.name, missing.message]).toEqual([
      'InvalidArgumentError',
      'layer 5 does not exist: the weights have 5 layers (0…4)',
    ]);
    flag.aborted = true;
    expect((await rejectionOf(runJob(job, ctx))).name).toBe('CancelledError');
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
