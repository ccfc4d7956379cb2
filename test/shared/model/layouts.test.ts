import { describe, expect, it } from 'vitest';
import { fastBackend } from '../../../shared/backend/fast/fast-backend';
import { ModelBuildError } from '../../../shared/errors';
import { parseWeightFiles } from '../../../shared/weights/read';
import { buildStack } from '../../../shared/model/build';
import { findStacks } from '../../../shared/model/layouts';
import { makeTensor, type TensorMap } from '../../../shared/tensor';
import { expectClose } from '../../helpers/close';
import { readFixture } from '../../helpers/fixtures';
import { floatsOf, readNpzFixture } from '../backend/fixtures';

/** The small NVIDIA post-net (`postnet.convolutions.{i}.0.conv.*`, `.1.*`), 8 mels, 16 channels. */
const nvidia = (): TensorMap =>
  parseWeightFiles([{ name: 'p.npz', bytes: readFixture('weights', 'postnet_small', 'postnet.npz') }]);

/** The same tensors under other names: `rename(key)` gives each key's new name. */
function renamed(rename: (key: string) => string, tensors = nvidia()): TensorMap {
  return new Map([...tensors].map(([key, tensor]) => [rename(key), tensor]));
}

const coqui = (key: string) =>
  key.replace(/\.(\d+)\.0\.conv\./, '.$1.convolution1d.').replace(/\.(\d+)\.1\./, '.$1.batch_normalization.');
const espnet = (prefix: string) => (key: string) =>
  key.replace('postnet.convolutions.', `${prefix}postnet.postnet.`).replace('.0.conv.', '.0.');

async function outputOf(tensors: TensorMap) {
  const io = readNpzFixture('weights', 'postnet_small', 'io.npz');
  const { stack } = buildStack(tensors, { nMels: 8 });
  const x = floatsOf(io, 'x');
  return {
    stack,
    output: (await fastBackend.run(stack, { nChannels: 8, nFrames: x.length / 8, data: x })).output.data,
    expected: floatsOf(io, 'output'),
  };
}

describe('findStacks recognises a post-net wherever it sits and whoever wrote it', () => {
  it.each([
    [
      'NVIDIA, module. (DataParallel)',
      (k: string) => `module.${k}`,
      'tacotron2-postnet',
      'module.postnet.convolutions.',
    ],
    [
      'NVIDIA, model.module.',
      (k: string) => `model.module.${k}`,
      'tacotron2-postnet',
      'model.module.postnet.convolutions.',
    ],
    [
      'NVIDIA, state_dict. (a flattened checkpoint)',
      (k: string) => `state_dict.${k}`,
      'tacotron2-postnet',
      'state_dict.postnet.convolutions.',
    ],
    ['NVIDIA, bare', (k: string) => k.slice('postnet.'.length), 'tacotron2-postnet', 'convolutions.'],
    ['Coqui TTS', coqui, 'coqui-postnet', 'postnet.convolutions.'],
    ['Coqui TTS, model.', (k: string) => `model.${coqui(k)}`, 'coqui-postnet', 'model.postnet.convolutions.'],
    ['ESPnet2 (tts.dec.)', espnet('tts.dec.'), 'espnet-postnet', 'tts.dec.postnet.postnet.'],
    ['ESPnet (dec.)', espnet('dec.'), 'espnet-postnet', 'dec.postnet.postnet.'],
    ['ESPnet FastSpeech2 (tts.)', espnet('tts.'), 'espnet-postnet', 'tts.postnet.postnet.'],
    ['ESPnet Postnet saved alone', espnet(''), 'espnet-postnet', 'postnet.postnet.'],
  ])('%s, and computes the same stack', async (_, rename, layout, prefix) => {
    const tensors = renamed(rename);
    expect(findStacks(tensors).map((s) => [s.role, s.layout, s.prefix, s.nLayers])).toEqual([
      ['postnet', layout, prefix, 5],
    ]);
    const { stack, output, expected } = await outputOf(tensors);
    expect(stack.layers.map((l) => l.name)).toEqual([0, 1, 2, 3, 4].map((i) => `${prefix}${i}`));
    expectClose(output, expected, { rtol: 1e-5, atol: 1e-5 });
  });

  it('bare convolutions beside lstm.* are an Encoder’s own state_dict; its embedding is found beside encoder.', () => {
    const encoder = renamed((k) => k.replace('postnet.', 'encoder.'));
    encoder.set('model.embedding.weight', makeTensor('float32', [10, 8], new Float32Array(80)));
    const prefixed = renamed((k) => `model.${k}`, encoder);
    expect(findStacks(prefixed).map((s) => [s.role, s.layout, s.embeddingKey])).toEqual([
      ['encoder', 'tacotron2-encoder', null],
    ]);
    const withEmbedding = renamed((k) => k.replace(/^model\.model\./, 'model.'), prefixed);
    expect(findStacks(withEmbedding)[0]!.embeddingKey).toBe('model.embedding.weight');
    const bare = renamed((k) => k.slice('postnet.'.length));
    bare.set('lstm.weight_ih_l0', makeTensor('float32', [4, 4], new Float32Array(16)));
    expect(findStacks(bare)[0]).toMatchObject({ role: 'encoder', prefix: 'convolutions.' });
  });

  it('ESPnet-like keys whose weights are not 3-d (a Linear stack named postnet) are not a post-net', () => {
    const linear: TensorMap = new Map([
      ['postnet.0.0.weight', makeTensor('float32', [4, 4], new Float32Array(16))],
    ]);
    expect(findStacks(linear)).toEqual([]);
  });

  it('ESPnet without BatchNorm (use_batch_norm=False): conv, tanh, no BatchNorm', () => {
    const tensors = renamed(espnet(''));
    for (const key of [...tensors.keys()]) if (/\.\d+\.1\./.test(key)) tensors.delete(key);
    const { stack } = buildStack(tensors);
    expect(stack.layers.every((l) => l.batchNorm === null)).toBe(true);
    expect(stack.layers.map((l) => l.activation)).toEqual(['tanh', 'tanh', 'tanh', 'tanh', 'identity']);
  });
});

describe('choosing among several stacks fails clearly', () => {
  it('two post-nets (a model and its EMA copy): names both', () => {
    const both = new Map([...nvidia(), ...renamed((k) => `ema.${k}`)]);
    expect(() => buildStack(both, { sourceName: 'w.pt' })).toThrow(ModelBuildError);
    expect(() => buildStack(both, { sourceName: 'w.pt' })).toThrow(
      "w.pt: 2 post-net stacks in these weights: 'postnet.convolutions.*' (Tacotron 2 post-net, 5 layers) and " +
        "'ema.postnet.convolutions.*' (Tacotron 2 post-net, 5 layers); keep one",
    );
  });

  it('the encoder asked of a post-net', () => {
    expect(() => buildStack(nvidia(), { stack: 'encoder', sourceName: 'p.npz' })).toThrow(
      "p.npz: no encoder convolutions in these weights; they hold 'postnet.convolutions.*' (Tacotron 2 post-net, 5 layers)",
    );
  });

  it('a Coqui block missing from the middle', () => {
    const tensors = renamed(coqui);
    for (const key of [...tensors.keys()]) if (key.startsWith('postnet.convolutions.2.')) tensors.delete(key);
    expect(() => buildStack(tensors)).toThrow(
      "missing key 'postnet.convolutions.2.convolution1d.weight': the convolutions run 0…4 but 2 is absent",
    );
  });

  it('a Coqui post-net with an even kernel cannot keep the frame count', () => {
    const tensors = renamed(coqui);
    const key = 'postnet.convolutions.0.convolution1d.weight';
    tensors.set(key, makeTensor('float32', [16, 8, 4], new Float32Array(16 * 8 * 4)));
    expect(() => buildStack(tensors)).toThrow(
      `'${key}' has an even kernel size 4; the block pads 1 frames on each side`,
    );
  });
});
