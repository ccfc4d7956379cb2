/**
 * Weights as both hosts keep them (shared/host/weights.ts): built under an id, and rebuilt from
 * what the host kept when a fresh worker (after a crash or a cancel) no longer has them.
 */
import { describe, expect, it } from 'vitest';
import { asPool } from '../../../shared/jobs/pool';
import type { JobRunner } from '../../../shared/jobs/runner';
import { runLayerWindow, runProcess } from '../../../shared/host/run';
import {
  loadWeightsAs,
  loadWeightsJob,
  withWeightsLoaded,
  type WeightsSource,
} from '../../../shared/host/weights';
import type { Spectrogram } from '../../../shared/spectrogram';
import { TACOTRON2_MEL } from '../../../shared/mel/config';
import { analyzeWav } from '../../../shared/pipeline/analyze';
import { layerOutputOf, processSpectrogram } from '../../../shared/pipeline/process';
import { loadWeights } from '../../../shared/weights/load';
import { expectClose } from '../../helpers/close';
import { readFixture } from '../../helpers/fixtures';
import { smallPostnetNpz } from '../../e2e/helpers/weights-npz';
import { inProcessRunner } from '../jobs/in-process-runner';
import { rejectionOf } from '../../helpers/rejection';

const files = [{ name: 'small.npz', bytes: smallPostnetNpz() }];
const source = { kind: 'files', files, nMels: 80 } as const;
const mel = () => analyzeWav(readFixture('audio', 'speech_pcm16.wav'), 'speech.wav', TACOTRON2_MEL).mel;

/** A run's context over `input` with the runner as a one-lane pool, as the host makes it. */
function runContext(runner: JobRunner, input: Spectrogram, weightsSource: WeightsSource) {
  const document = {
    id: 'input-1',
    revision: 1,
    name: input.source.name,
    audio: null,
    mel: input,
    warnings: [],
  };
  return {
    pool: asPool(runner),
    input: document,
    weightsId: 'w',
    source: weightsSource,
    layers: loadWeights(files, { nMels: 80 }).summary.layers,
    onProgress: () => undefined,
    stopped: () => false,
  };
}

const processInput = (runner: JobRunner, input: Spectrogram, weightsSource: WeightsSource) =>
  runProcess(
    runContext(runner, input, weightsSource),
    { inputId: 'input-1', weightsId: 'w', stream: 1, engine: 'js' },
    () => undefined,
  );

describe('host weights', () => {
  it('loadWeightsJob: the default builds the default, files are sent with their nMels', () => {
    expect(loadWeightsJob('d', { kind: 'default' })).toEqual({
      kind: 'load-default-weights',
      weightsId: 'd',
    });
    expect(loadWeightsJob('w', source)).toEqual({
      kind: 'load-weights',
      weightsId: 'w',
      files,
      nMels: 80,
      hash: false,
    });
    expect(loadWeightsJob('w', source, true)).toMatchObject({ hash: true });
    expect(loadWeightsJob('f', { ...source, name: 'tacotron2_npy' })).toEqual({
      kind: 'load-weights',
      weightsId: 'f',
      files,
      nMels: 80,
      name: 'tacotron2_npy',
      hash: false,
    });
  });

  it('a folder’s weights keep its name after a worker restart (the rebuilt summary is not "N files")', async () => {
    const runner = inProcessRunner();
    const folder = { kind: 'files', files, nMels: 80, name: 'small_folder' } as const;
    expect((await loadWeightsAs(runner, 'w', folder)).name).toBe('small_folder');
    runner.restart();
    await processInput(runner, mel(), folder);
    expect(runner.jobs.filter((job) => job.kind === 'load-weights').map((job) => job.name)).toEqual([
      'small_folder',
      'small_folder',
    ]);
  });

  it('loadWeightsAs returns the worker’s summary under the host’s id', async () => {
    const summary = await loadWeightsAs(inProcessRunner(), 'weights-3', source, true);
    expect(summary).toEqual({ ...loadWeights(files, { nMels: 80 }).summary, id: 'weights-3' });
  });

  it('after a worker restart, processing re-sends the kept weights once and gives the same numbers', async () => {
    const runner = inProcessRunner();
    await loadWeightsAs(runner, 'w', source);
    runner.restart(); // a fresh worker: no stacks
    const input = mel();
    const result = await processInput(runner, input, source);
    expect(runner.jobs.map((job) => job.kind)).toEqual([
      'load-weights',
      'process-chunk',
      'load-weights',
      'process-chunk',
    ]);
    const expected = await processSpectrogram(loadWeights(files, { nMels: 80 }).stack, input);
    expectClose(result.output, expected.output, { atol: 0, label: 'output after restart' });
  });

  it('a layer output after a worker restart re-sends the weights once and equals layerOutputOf', async () => {
    const runner = inProcessRunner();
    await loadWeightsAs(runner, 'w', source);
    runner.restart();
    const input = mel();
    const { activations } = await runLayerWindow(runContext(runner, input, source), {
      inputId: 'input-1',
      weightsId: 'w',
      layer: 1,
      frames: { start: 0, end: input.nFrames },
      maxColumns: input.nFrames,
      reduce: 'absmax',
      engine: 'js',
    });
    expect(runner.jobs.map((job) => job.kind)).toEqual([
      'load-weights',
      'layer-chunk',
      'load-weights',
      'layer-chunk',
    ]);
    const expected = await layerOutputOf(loadWeights(files, { nMels: 80 }).stack, input, 1);
    expectClose(activations.data, expected.data, { atol: 0, label: 'conv 1 output after restart' });
  });

  it('fails clearly: other errors pass through without a reload, and a failed reload is the error', async () => {
    const runner = inProcessRunner();
    const other = await rejectionOf(
      withWeightsLoaded(runner, 'w', source, async () => {
        throw Object.assign(new Error('bad input'), { name: 'ShapeMismatchError' });
      }),
    );
    expect(other.name).toBe('ShapeMismatchError');
    expect(runner.jobs).toEqual([]);
    const broken = {
      kind: 'files',
      files: [{ name: 'x.npz', bytes: new Uint8Array(8) }],
      nMels: 80,
    } as const;
    const reload = await rejectionOf(processInput(runner, mel(), broken));
    expect(reload.name).toBe('WeightsFormatError');
    expect(reload.message).toMatch(/x\.npz/);
  });
});

describe('weights the window cannot show and export as [nMels, T] are refused at load', () => {
  const moduleSource = (name: string, nMels: number) =>
    ({
      kind: 'files',
      files: [{ name: `${name}.json`, bytes: readFixture('conv', 'modules', `${name}.json`) }],
      nMels,
    }) as const;

  it('a stack that keeps T frames and the channels loads', async () => {
    const summary = await loadWeightsAs(inProcessRunner(), 'w', moduleSource('residual_16_24_16_k3', 16));
    expect(summary.id).toBe('w');
  });

  it('fails clearly on a strided stack, naming the layer, its key, its numbers and the fix, and releases it', async () => {
    const runner = inProcessRunner();
    const error = await rejectionOf(loadWeightsAs(runner, 'w', moduleSource('strided_dilated_grouped', 6)));
    expect(error.name).toBe('ShapeMismatchError');
    expect(error.message).toBe(
      "strided_dilated_grouped.json: the window shows and exports the output as the input's [nMels, T], so every " +
        "layer must give back the T frames it takes, but layer 0 ('0.weight', Conv1d(6, 12, kernel_size=(5,), " +
        'stride=(2,), padding=(2,), groups=3)): stride 2, padding 2 + 2 around a kernel span of 5 (kernel_size 5, ' +
        'dilation 1) gives ⌊(T − 1) / 2⌋ + 1 frames; keep T with stride 1 and padding 2 (dilation·(kernel_size − 1) / 2) ' +
        "or padding 'same'; postnet-studio process runs these weights and writes the shape they give",
    );
    expect(runner.jobs.map((job) => job.kind)).toEqual(['load-weights', 'release-weights']);
    expect(runner.state.stacks.has('w')).toBe(false);
  });

  it('fails clearly on a plain stack whose last layer gives other channels than the input has', async () => {
    const error = await rejectionOf(
      loadWeightsAs(inProcessRunner(), 'w', moduleSource('relu_bn_k3_k1_k7', 6)),
    );
    expect(error.message).toBe(
      "relu_bn_k3_k1_k7.json: the window shows and exports the output as the input's [nMels, T], but the last " +
        'layer (Conv1d(10, 4, kernel_size=(7,), stride=(1,), padding=(3,))) gives 4 channels where the input has 6; ' +
        'postnet-studio process runs these weights and writes the shape they give',
    );
  });
});
