/**
 * The host's chunked runs over a pool of workers (shared/host/run.ts, chunked.ts, jobs/pool.ts):
 * weights reach every lane, chunks spread over the lanes, each chunk's output is handed on as a
 * part as it lands (the frames asked for first), the parts cover every frame exactly once, and put
 * together they equal one unchunked run bit for bit; a cancel stops handing out chunks.
 */
import { describe, expect, it } from 'vitest';
import type { ResultPart } from '../../../shared/api/contract';
import { planChunksOfShapes } from '../../../shared/backend/chunks';
import { chunkFramesFor, chunkOrder } from '../../../shared/host/chunked';
import { runLayerWindow, runProcess, type RunContext } from '../../../shared/host/run';
import { createJobPool } from '../../../shared/jobs/pool';
import { TACOTRON2_MEL } from '../../../shared/mel/config';
import { analyzeWav } from '../../../shared/pipeline/analyze';
import { layerOutputOf, processSpectrogram } from '../../../shared/pipeline/process';
import { defaultWeights } from '../../../shared/weights/load';
import { expectClose } from '../../helpers/close';
import { readFixture } from '../../helpers/fixtures';
import { rejectionOf } from '../../helpers/rejection';
import { inProcessRunner } from '../jobs/in-process-runner';

const mel = analyzeWav(readFixture('audio', 'speech_pcm16.wav'), 'speech.wav', TACOTRON2_MEL).mel;
const { summary, stack } = defaultWeights();

function context(lanes = 2, stopped = () => false) {
  const runners = Array.from({ length: lanes }, () => inProcessRunner());
  const run: RunContext = {
    pool: createJobPool(runners),
    input: { id: 'input-1', revision: 3, name: 'speech.wav', audio: null, mel, warnings: [] },
    weightsId: 'd',
    source: { kind: 'default' },
    layers: summary.layers,
    onProgress: () => undefined,
    stopped,
  };
  return { run, runners };
}

describe('chunked runs over a pool', () => {
  it('spreads the chunks over both lanes; the parts cover every frame once and equal one run bit for bit', async () => {
    const { run, runners } = context(2);
    const parts: ResultPart[] = [];
    const result = await runProcess(
      run,
      { inputId: 'input-1', weightsId: 'd', stream: 5, engine: 'js' },
      (part) => parts.push(part),
    );
    const expected = await processSpectrogram(stack, mel);
    expectClose(result.output, expected.output, { atol: 0, rtol: 0, label: 'output' });
    expectClose(result.residual, expected.residual, { atol: 0, rtol: 0, label: 'residual' });
    expect(result.engine).toMatchObject({ kind: 'js', workers: 2, note: null });
    // Each lane got the weights (rebuilt on demand) and ran chunks of its own.
    for (const runner of runners)
      expect(runner.jobs.filter((job) => job.kind === 'process-chunk').length).toBeGreaterThan(0);
    const covered = new Uint8Array(mel.nFrames);
    for (const part of parts) for (let t = part.start; t < part.end; t++) covered[t]!++;
    expect(covered.every((n) => n === 1)).toBe(true);
    expect(parts.every((part) => part.stream === 5 && part.inputRevision === 3)).toBe(true);
  });

  it('runs the chunks under the frames asked for first, then the others nearest first', () => {
    const plan = planChunksOfShapes(summary.layers, 4000, { chunkFrames: 480 });
    const order = chunkOrder(plan, { start: 0, end: 4000 }, { start: 2000, end: 2100 });
    const owns = order.map((index) => plan.chunks[index]!.layers[4]!.own);
    expect(owns[0]!.start).toBeLessThanOrEqual(2000);
    expect(owns[0]!.end).toBeGreaterThan(2000);
    expect(new Set(order).size).toBe(plan.chunks.length);
    const distance = owns.map((own) => (own.end <= 2000 ? 2000 - own.end : Math.max(0, own.start - 2100)));
    expect(distance).toEqual([...distance].sort((a, b) => a - b));
  });

  it('sizes chunks to the work and gives every worker one on a short input', () => {
    const frames = chunkFramesFor(summary.layers, 4, 100_000, 2);
    expect(frames * 4.34e6).toBeGreaterThan(4e9); // ~8e9 multiply-adds a chunk, within the frame bounds
    expect(chunkFramesFor(summary.layers, 4, 600, 2)).toBeLessThanOrEqual(312); // two chunks for two workers
  });

  it('a layer window runs only the chunks its frames need and equals that part of layerOutputOf', async () => {
    const { run, runners } = context(1);
    const { activations } = await runLayerWindow(run, {
      inputId: 'input-1',
      weightsId: 'd',
      layer: 1,
      frames: { start: 40, end: 100 },
      maxColumns: 60,
      reduce: 'absmax',
      engine: 'js',
    });
    const whole = await layerOutputOf(stack, mel, 1);
    expect([activations.firstFrame, activations.step, activations.nFrames]).toEqual([40, 1, 60]);
    const expected = new Float32Array(512 * 60);
    for (let c = 0; c < 512; c++)
      expected.set(whole.data.subarray(c * mel.nFrames + 40, c * mel.nFrames + 100), c * 60);
    expectClose(activations.data, expected, { atol: 0, rtol: 0, label: 'conv 1 window' });
    // One chunk (the fresh worker asks for the weights first): frames 40…100 need no other.
    expect(runners[0]!.jobs.map((job) => job.kind)).toEqual([
      'layer-chunk',
      'load-default-weights',
      'layer-chunk',
    ]);
  });

  it('stops handing out chunks once cancelled, with CancelledError', async () => {
    let parts = 0;
    const { run } = context(1, () => parts > 0);
    const error = await rejectionOf(
      runProcess(
        { ...run, input: { ...run.input, mel: { ...mel } } },
        { inputId: 'input-1', weightsId: 'd', stream: 1, engine: 'js', first: { start: 0, end: 10 } },
        () => parts++,
      ),
    );
    expect(error.name).toBe('CancelledError');
  });
});
