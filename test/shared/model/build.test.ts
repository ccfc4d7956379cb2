import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ModelBuildError, ShapeMismatchError } from '../../../shared/errors';
import { parseWeightFiles } from '../../../shared/weights/read';
import { buildStack } from '../../../shared/model/build';
import { initPostnetTensors } from '../../../shared/model/defaults';
import { SeededRandom } from '../../../shared/model/rng';
import { makeTensor, type TensorMap } from '../../../shared/tensor';
import { fixturePath, readFixture } from '../../helpers/fixtures';

/** The message `run` throws with; fails the test when it returns. */
function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected a throw');
}

function load(...parts: string[]): TensorMap {
  return parseWeightFiles([{ name: parts[parts.length - 1]!, bytes: readFixture(...parts) }]);
}

function smallPostnet(): TensorMap {
  return load('weights', 'postnet_small', 'postnet.npz');
}

/** A copy of `tensors` with `key` replaced (or removed when `tensor` is null). */
function edited(tensors: TensorMap, key: string, tensor: ReturnType<typeof makeTensor> | null): TensorMap {
  const copy = new Map(tensors);
  if (tensor) copy.set(key, tensor);
  else copy.delete(key);
  return copy;
}

describe('buildStack recognises the Tacotron 2 post-net', () => {
  const variants: [string, TensorMap][] = [
    ['postnet. keys (npz)', smallPostnet()],
    [
      'module.postnet. keys (compressed npz)',
      load('weights', 'postnet_small', 'module_postnet_compressed.npz'),
    ],
    ['state_dict.postnet. keys (npz)', load('weights', 'postnet_small', 'state_dict_prefix.npz')],
    ['bare keys (JSON nested lists)', load('weights', 'postnet_small', 'bare_tolist.json')],
    [
      'nested under "state_dict" (JSON shape/data)',
      load('weights', 'postnet_small', 'checkpoint_shape_data.json'),
    ],
    [
      'a folder of .npy files',
      parseWeightFiles(
        readdirSync(fixturePath('weights', 'postnet_small', 'npy')).map((name) => ({
          name,
          bytes: readFixture('weights', 'postnet_small', 'npy', name),
        })),
      ),
    ],
  ];

  it.each(variants)('from %s: 5 layers 8→16→16→16→16→8, k=5, tanh but the last, residual', (_, tensors) => {
    const { stack } = buildStack(tensors, { nMels: 8 });
    expect(stack.kind).toBe('Tacotron 2 post-net');
    expect(stack.residual).toBe(true);
    expect(
      stack.layers.map((l) => [l.inChannels, l.outChannels, l.kernelSize, l.padding, l.activation]),
    ).toEqual([
      [8, 16, 5, 2, 'tanh'],
      [16, 16, 5, 2, 'tanh'],
      [16, 16, 5, 2, 'tanh'],
      [16, 16, 5, 2, 'tanh'],
      [16, 8, 5, 2, 'identity'],
    ]);
    expect(stack.layers.every((l) => l.batchNorm !== null && l.bias !== null)).toBe(true);
  });

  it('gives the same weights whatever the key convention', () => {
    const a = buildStack(variants[0]![1]).stack.layers[3]!.weight;
    for (const [, tensors] of variants.slice(1))
      expect(buildStack(tensors).stack.layers[3]!.weight).toEqual(a);
  });

  it('names layers by their keys and ignores num_batches_tracked without a warning', () => {
    const { stack, warnings } = buildStack(load('weights', 'postnet_small', 'module_postnet_compressed.npz'));
    expect(stack.layers[0]!.name).toBe('module.postnet.convolutions.0');
    expect(stack.layers[0]!.keys[0]).toBe('module.postnet.convolutions.0.0.conv.weight');
    expect(warnings).toEqual([]);
  });

  it('reads any depth, width and kernel from the shapes (80→256→…→80, seven layers, k=3 and k=7)', () => {
    for (const kernelSize of [3, 7]) {
      const shape = { nMels: 80, embeddingDim: 256, kernelSize, nConvolutions: 7 };
      const { stack } = buildStack(initPostnetTensors(new SeededRandom(1), shape), { nMels: 80 });
      expect(stack.layers).toHaveLength(7);
      expect(stack.layers[0]).toMatchObject({
        inChannels: 80,
        outChannels: 256,
        kernelSize,
        padding: (kernelSize - 1) / 2,
      });
      expect(stack.layers[6]).toMatchObject({ inChannels: 256, outChannels: 80, activation: 'identity' });
    }
  });

  it('reports unused tensors as warnings (a full checkpoint: one per key when few)', () => {
    const tensors = edited(
      smallPostnet(),
      'decoder.linear_projection.linear_layer.weight',
      makeTensor('float32', [2, 3], new Float32Array(6)),
    );
    tensors.set('iteration', makeTensor('int64', [], Float64Array.of(1000)));
    expect(buildStack(tensors).warnings).toEqual([
      "unused tensor 'decoder.linear_projection.linear_layer.weight' [2, 3]: not part of the Tacotron 2 post-net",
      "unused tensor 'iteration' []: not part of the Tacotron 2 post-net",
    ]);
  });

  it('lists the unused keys in file order; num_batches_tracked of the stack counts as used', () => {
    const tensors = smallPostnet();
    tensors.set('embedding.weight', makeTensor('float32', [4, 2], new Float32Array(8)));
    tensors.set('encoder.convolutions.0.1.num_batches_tracked', makeTensor('int64', [], Float64Array.of(7)));
    const { unusedKeys } = buildStack(tensors);
    expect(unusedKeys).toEqual(['embedding.weight', 'encoder.convolutions.0.1.num_batches_tracked']);
  });

  it('has no unused keys when the file holds only the stack', () => {
    expect(buildStack(smallPostnet()).unusedKeys).toEqual([]);
  });

  it('groups many unused tensors by their first key segment', () => {
    const tensors = smallPostnet();
    for (let i = 0; i < 8; i++)
      tensors.set(`decoder.layer${i}.weight`, makeTensor('float32', [1], new Float32Array(1)));
    tensors.set('embedding.weight', makeTensor('float32', [4, 2], new Float32Array(8)));
    expect(buildStack(tensors).warnings).toEqual([
      "8 unused tensors under 'decoder' ('decoder.layer0.weight', 'decoder.layer1.weight', …): not part of the Tacotron 2 post-net",
      "unused tensor 'embedding.weight': not part of the Tacotron 2 post-net",
    ]);
  });
});

describe('buildStack recognises the Tacotron 2 encoder convolutions', () => {
  it('ReLU on every layer, not residual, embedding.weight and the LSTM reported', () => {
    const { stack, warnings } = buildStack(load('weights', 'encoder_small', 'tacotron2_fragment.npz'));
    expect(stack.kind).toBe('Tacotron 2 encoder convolutions');
    expect(stack.residual).toBe(false);
    expect(stack.layers.map((l) => l.activation)).toEqual(['relu', 'relu', 'relu']);
    expect(warnings[0]).toBe(
      "'embedding.weight' [10, 12] is not run: the encoder convolutions take the embedded text [12, n_chars] as input, not symbol ids",
    );
    expect(warnings.slice(1)).toEqual([
      "8 unused tensors under 'encoder.lstm' ('encoder.lstm.weight_ih_l0', 'encoder.lstm.weight_hh_l0', …): not part of the Tacotron 2 encoder convolutions",
    ]);
  });

  it('fails clearly when run on a mel spectrogram: they take embedded text, not mel bands', () => {
    const encoder = load('weights', 'encoder_small', 'tacotron2_fragment.npz');
    expect(() => buildStack(encoder, { nMels: 80, sourceName: 'ckpt.npz' })).toThrow(
      "ckpt.npz: 'encoder.convolutions.0.0.conv.weight' is [12, 12, 5]: the first layer takes 12 channels " +
        'but the spectrogram has 80 mel bands: these are the Tacotron 2 encoder convolutions, which run over ' +
        'embedded text [12, n_chars], not over a mel spectrogram; load a post-net',
    );
  });

  it('prefers the post-net when a checkpoint has both', () => {
    const both = new Map([...load('weights', 'encoder_small', 'tacotron2_fragment.npz'), ...smallPostnet()]);
    const { stack, warnings } = buildStack(both);
    expect(stack.kind).toBe('Tacotron 2 post-net');
    expect(warnings.join('\n')).toMatch(/unused tensors under 'encoder'/);
  });
});

function thrownBy(work: () => unknown): unknown {
  try {
    work();
  } catch (error) {
    return error;
  }
  throw new Error('expected it to throw');
}

describe('buildStack fails clearly', () => {
  it('when the first layer does not take the spectrogram’s mel bands', () => {
    expect(() => buildStack(smallPostnet(), { nMels: 80, sourceName: 'small.npz' })).toThrow(
      ShapeMismatchError,
    );
    expect(() => buildStack(smallPostnet(), { nMels: 80, sourceName: 'small.npz' })).toThrow(
      "small.npz: 'postnet.convolutions.0.0.conv.weight' is [16, 8, 5]: the first layer takes 8 channels but the spectrogram has 80 mel bands: " +
        'these weights need 8-band mel spectrograms',
    );
  });

  it('when the bands do not match, with the fix as data (8 bands, then load again), worded by no shell', () => {
    const error = thrownBy(() => buildStack(smallPostnet(), { nMels: 80, sourceName: 'small.npz' }));
    expect(error).toBeInstanceOf(ShapeMismatchError);
    expect((error as ShapeMismatchError).advice).toEqual({ kind: 'n-mels', nMels: 8, then: 'reload' });
    expect((error as Error).message).toMatch(/mel spectrograms$/);
  });

  it('when a key is missing, naming it', () => {
    const tensors = edited(smallPostnet(), 'postnet.convolutions.2.1.running_var', null);
    expect(() => buildStack(tensors, { sourceName: 'w.npz' })).toThrow(ModelBuildError);
    expect(messageOf(() => buildStack(tensors, { sourceName: 'w.npz' }))).toBe(
      "w.npz: missing key 'postnet.convolutions.2.1.running_var' (BatchNorm1d(16) after postnet.convolutions.2.0.conv.weight)",
    );
  });

  it('when a layer index is missing', () => {
    const tensors = edited(smallPostnet(), 'postnet.convolutions.1.0.conv.weight', null);
    expect(messageOf(() => buildStack(tensors, { sourceName: 'w.npz' }))).toBe(
      "w.npz: missing key 'postnet.convolutions.1.0.conv.weight': the convolutions run 0…4 but 1 is absent",
    );
  });

  it('when a tensor has the wrong shape, naming the key and both shapes', () => {
    const tensors = edited(
      smallPostnet(),
      'postnet.convolutions.1.0.conv.bias',
      makeTensor('float32', [15], new Float32Array(15)),
    );
    expect(messageOf(() => buildStack(tensors, { sourceName: 'w.npz' }))).toBe(
      "w.npz: 'postnet.convolutions.1.0.conv.bias' has shape [15], expected [16] (bias of postnet.convolutions.1.0.conv.weight)",
    );
  });

  it('when a conv weight is not 3-d', () => {
    const tensors = edited(
      smallPostnet(),
      'postnet.convolutions.0.0.conv.weight',
      makeTensor('float32', [16, 40], new Float32Array(640)),
    );
    expect(messageOf(() => buildStack(tensors, { sourceName: 'w.npz' }))).toBe(
      "w.npz: 'postnet.convolutions.0.0.conv.weight' has shape [16, 40]; a Conv1d weight is [out_channels, in_channels, kernel_size]",
    );
  });

  it('when the layers do not connect', () => {
    const tensors = edited(
      smallPostnet(),
      'postnet.convolutions.2.0.conv.weight',
      makeTensor('float32', [16, 12, 5], new Float32Array(16 * 12 * 5)),
    );
    expect(() => buildStack(tensors)).toThrow(ShapeMismatchError);
    expect(messageOf(() => buildStack(tensors, { sourceName: 'w.npz' }))).toBe(
      'w.npz: the layers do not connect: postnet.convolutions.2 takes 12 channels (postnet.convolutions.2.0.conv.weight [16, 12, 5]) ' +
        'but postnet.convolutions.1 gives 16 (postnet.convolutions.1.0.conv.weight [16, 16, 5])',
    );
  });

  it('when a residual post-net does not give back its input’s channels', () => {
    const tensors = initPostnetTensors(new SeededRandom(3), {
      nMels: 8,
      embeddingDim: 4,
      kernelSize: 3,
      nConvolutions: 2,
    });
    tensors.set(
      'postnet.convolutions.1.0.conv.weight',
      makeTensor('float32', [6, 4, 3], new Float32Array(72)),
    );
    for (const name of ['0.conv.bias', '1.weight', '1.bias', '1.running_mean', '1.running_var']) {
      tensors.set(`postnet.convolutions.1.${name}`, makeTensor('float32', [6], new Float32Array(6)));
    }
    expect(() => buildStack(tensors, { sourceName: 'w' })).toThrow(
      "w: the stack is residual but 'postnet.convolutions.1.0.conv.weight' is [6, 4, 3] and gives 6 channels while the input has 8; they cannot be added",
    );
  });

  it('when a post-net kernel is even (the output would be a frame short)', () => {
    const tensors = initPostnetTensors(new SeededRandom(3), {
      nMels: 4,
      embeddingDim: 4,
      kernelSize: 4,
      nConvolutions: 2,
    });
    expect(() => buildStack(tensors, { sourceName: 'w' })).toThrow(
      /w: 'postnet\.convolutions\.0\.0\.conv\.weight' has an even kernel size 4; ConvNorm pads 1 frames on each side/,
    );
  });

  it('when no layout is recognised, listing the first keys', () => {
    const tensors: TensorMap = new Map([
      ['fc.weight', makeTensor('float32', [2, 2], new Float32Array(4))],
      ['fc.bias', makeTensor('float32', [2], new Float32Array(2))],
    ]);
    expect(() => buildStack(tensors, { sourceName: 'mlp.npz' })).toThrow(
      "mlp.npz: no Conv1d stack recognised in 2 keys ('fc.weight', 'fc.bias'); expected Tacotron 2 keys like " +
        "'postnet.convolutions.0.0.conv.weight' (NVIDIA), 'postnet.convolutions.0.convolution1d.weight' (Coqui TTS) " +
        "or 'postnet.postnet.0.0.weight' (ESPnet), or an explicit architecture (docs/weights.md)",
    );
  });

  it('when two keys name the same tensor (with and without module.)', () => {
    const tensors = smallPostnet();
    tensors.set(
      'module.postnet.convolutions.0.0.conv.bias',
      tensors.get('postnet.convolutions.0.0.conv.bias')!,
    );
    expect(() => buildStack(tensors)).toThrow(
      "keys 'postnet.convolutions.0.0.conv.bias' and 'module.postnet.convolutions.0.0.conv.bias' both name 'postnet.convolutions.0.0.conv.bias'; keep only one of them",
    );
  });
});

describe('compareStateDictKeys', () => {
  it('orders keys as a state_dict lists them', async () => {
    const { compareStateDictKeys } = await import('../../../shared/model/keys');
    const keys = [
      'postnet.convolutions.10.0.conv.weight',
      'postnet.convolutions.2.1.num_batches_tracked',
      'postnet.convolutions.2.1.running_var',
      'postnet.convolutions.2.1.bias',
      'postnet.convolutions.2.0.conv.bias',
      'postnet.convolutions.2.1.weight',
      'postnet.convolutions.2.0.conv.weight',
      'postnet.convolutions.2.1.running_mean',
      'embedding.weight',
    ];
    expect([...keys].sort(compareStateDictKeys)).toEqual([
      'embedding.weight',
      'postnet.convolutions.2.0.conv.weight',
      'postnet.convolutions.2.0.conv.bias',
      'postnet.convolutions.2.1.weight',
      'postnet.convolutions.2.1.bias',
      'postnet.convolutions.2.1.running_mean',
      'postnet.convolutions.2.1.running_var',
      'postnet.convolutions.2.1.num_batches_tracked',
      'postnet.convolutions.10.0.conv.weight',
    ]);
  });
});
