/**
 * Results that are not numbers and runs too large to hold (issue 9's fuzz findings: exit 0 with
 * NaN or Inf in the written output): each is refused, naming the layer, channel and frame.
 */
import { describe, expect, it } from 'vitest';
import { referenceBackend } from '../../../shared/backend/reference/reference-backend';
import { ModelBuildError, NonFiniteResultError } from '../../../shared/errors';
import { TACOTRON2_MEL } from '../../../shared/mel/config';
import type { Conv1dStack } from '../../../shared/model/types';
import { encodeNpz } from '../../../shared/formats/npz';
import { MAX_FRAME_GROWTH } from '../../../shared/pipeline/bounds';
import { layerOutputOf, processSpectrogram } from '../../../shared/pipeline/process';
import { defaultWeights, loadWeights } from '../../../shared/weights/load';
import type { Spectrogram } from '../../../shared/spectrogram';
import { batchNormZeroVariance, postnetNpzWithValue } from '../../helpers/crafted';

function mel(nFrames: number, nMels = 80): Spectrogram {
  const data = Float32Array.from({ length: nMels * nFrames }, (_, i) => Math.sin(i / 7) - 6);
  return {
    data,
    nMels,
    nFrames,
    config: { ...TACOTRON2_MEL, nMels },
    source: { name: 'x.npy', kind: 'npy' },
  };
}

async function rejection(run: () => Promise<unknown> | unknown): Promise<Error> {
  try {
    await run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error, nothing was thrown');
}

describe('weights that would make NaN or Inf are refused when they load', () => {
  it('BatchNorm with eps 0 and running_var 0 in channel 3', async () => {
    const error = await rejection(() => loadWeights([{ name: 'bn.json', bytes: batchNormZeroVariance() }]));
    expect(error).toBeInstanceOf(ModelBuildError);
    expect(error.message).toBe(
      'bn.json: 0: running_var[3] + eps is 0 (eps 0): eval-mode BatchNorm1d divides by sqrt(running_var + eps), ' +
        'so channel 3 would be ±Infinity or NaN',
    );
  });

  it('a float64 weight of 1e300, which float32 cannot hold', async () => {
    const bytes = postnetNpzWithValue(1, 1e300, 'float64');
    const error = await rejection(() => loadWeights([{ name: 'f64.npz', bytes }]));
    expect(error).toBeInstanceOf(ModelBuildError);
    expect(error.message).toBe(
      'f64.npz: postnet.convolutions.1: weight (postnet.convolutions.1.0.conv.weight) at index [0, 0, 0] does not ' +
        'fit float32 (beyond ±3.4e38): the model runs in float32, where it would be Infinity',
    );
  });

  it('a float64 value beyond float32 in a tensor the model does not use is no error (a checkpoint’s extras)', () => {
    const tensors = new Map(defaultWeights().tensors);
    tensors.set('optimizer.moment', { dtype: 'float64', shape: [2], data: Float64Array.of(1e300, -1e300) });
    const { summary } = loadWeights([{ name: 'ok.npz', bytes: encodeNpz(tensors) }]);
    expect(summary.warnings.join(' ')).toContain('optimizer.moment');
  });
});

describe('a result with NaN or Inf is an error naming where it first appears', () => {
  const { stack } = loadWeights([{ name: 'f32.npz', bytes: postnetNpzWithValue(4, 3e38, 'float32') }]);

  it('float32 weights of 3e38 in the last (linear) layer: the output, then the layer, channel and frame', async () => {
    const error = await rejection(() => processSpectrogram(stack, mel(20)));
    expect(error).toBeInstanceOf(NonFiniteResultError);
    expect(error.message).toMatch(
      /^x\.npy: the output would hold (-?Infinity|NaN) at channel 0, frame 0: postnet\.convolutions\.4 \(layer 4\) first gives -?Infinity at channel 0, frame 0 \(its weights or BatchNorm overflow float32\)$/,
    );
  });

  it('the same from the reference backend, and for one layer’s output', async () => {
    const error = await rejection(() => layerOutputOf(stack, mel(8), 4, { backend: referenceBackend }));
    expect(error).toBeInstanceOf(NonFiniteResultError);
    expect(error.message).toMatch(
      /^x\.npy: postnet\.convolutions\.4's output would hold .* \(layer 4\) first gives/,
    );
  });

  it('a finite run passes untouched', async () => {
    const result = await processSpectrogram(defaultWeights().stack, mel(20));
    expect(result.output.every(Number.isFinite)).toBe(true);
  });
});

describe('a strided stack (frames not kept) is searched layer by layer', () => {
  const layer = (name: string, stride: number, weight: number): Conv1dStack['layers'][number] => ({
    name,
    inChannels: 80,
    outChannels: 80,
    kernelSize: 1,
    stride,
    padding: 0,
    dilation: 1,
    groups: 1,
    weight: Float32Array.from({ length: 80 * 80 }, (_, i) => (i % 81 === 0 ? weight : 0)),
    bias: null,
    batchNorm: null,
    activation: 'identity',
    keys: [`${name}.weight`],
  });
  const strided: Conv1dStack = {
    kind: 'test',
    layout: 'sequential',
    residual: false,
    layers: [layer('0', 2, 1), layer('1', 1, 3e38), layer('2', 1, 3e38)],
  };

  it('names the layer that first overflows, at its own frame', async () => {
    const error = await rejection(() => processSpectrogram(strided, mel(20)));
    expect(error).toBeInstanceOf(NonFiniteResultError);
    expect(error.message).toMatch(
      /^x\.npy: the output would hold (-?Infinity|NaN) at channel 0, frame 0: 1 \(layer 1\) first gives -?Infinity at channel 0, frame 0/,
    );
  });
});

describe('a run too large to hold is refused before it starts', () => {
  const wide: Conv1dStack = {
    kind: 'test',
    layout: 'sequential',
    residual: false,
    layers: [
      {
        name: '0',
        inChannels: 80,
        outChannels: 1,
        kernelSize: 1,
        stride: 1,
        padding: MAX_FRAME_GROWTH,
        dilation: 1,
        groups: 1,
        weight: new Float32Array(80),
        bias: null,
        batchNorm: null,
        activation: 'identity',
        keys: ['0.weight'],
      },
    ],
  };

  it('a padding that grows 20 frames into 32,788 (more than 16,384 added)', async () => {
    const error = await rejection(() => processSpectrogram(wide, mel(20)));
    expect(error).toBeInstanceOf(ModelBuildError);
    expect(error.message).toBe(
      '0 (layer 0) would give 32788 frames from 20 input frames; a stack may add at most 16384 frames through its padding',
    );
  });
});
