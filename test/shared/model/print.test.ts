import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseWeightFiles } from '../../../shared/weights/read';
import { buildStack } from '../../../shared/model/build';
import { defaultPostnetTensors } from '../../../shared/model/defaults';
import { conv1dRepr, groupThousands, printModule, trainableParameters } from '../../../shared/model/print';
import { pyFloatRepr } from '../../../shared/model/py-repr';
import { loadWeights } from '../../../shared/weights/load';
import { fixturePath, readFixture } from '../../helpers/fixtures';

function printed(...parts: string[]): string {
  return readFileSync(fixturePath(...parts), 'utf8').replace(/\n$/, '');
}

describe('printModule matches print(model) in PyTorch 1.13', () => {
  it('Tacotron 2 Postnet (conv/postnet_print.txt from NVIDIA’s module structure)', () => {
    const { stack } = buildStack(defaultPostnetTensors());
    expect(printModule(stack)).toBe(printed('conv', 'postnet_print.txt'));
  });

  it('the seven-layer kernel-7 Postnet', () => {
    const tensors = parseWeightFiles([
      { name: 'p.npz', bytes: readFixture('weights', 'postnet7_k7', 'postnet.npz') },
    ]);
    expect(printModule(buildStack(tensors).stack)).toBe(printed('weights', 'postnet7_k7', 'print.txt'));
  });

  it('Tacotron 2 Encoder convolutions (the LSTM, which is not built, left out)', () => {
    const tensors = parseWeightFiles([
      { name: 'e.npz', bytes: readFixture('weights', 'encoder_small', 'tacotron2_fragment.npz') },
    ]);
    const expected = printed('conv', 'encoder_print.txt')
      .replace(/\n {2}\(lstm\): LSTM\(.*\)/, '')
      .replaceAll('512', '12');
    expect(printModule(buildStack(tensors).stack)).toBe(expected);
  });

  it.each(['tanh_bn_k5', 'relu_bn_k3_k1_k7', 'strided_dilated_grouped', 'residual_16_24_16_k3'])(
    'nn.Sequential %s (stride, dilation, groups, bias=False, padding=same, Tanh, ReLU)',
    (name) => {
      const { stack } = loadWeights([
        { name: `${name}.json`, bytes: readFixture('conv', 'modules', `${name}.json`) },
      ]);
      expect(printModule(stack)).toBe(printed('conv', 'modules', `${name}.txt`));
    },
  );

  it('counts the post-net’s trainable parameters: 4,348,144', () => {
    const { stack } = buildStack(defaultPostnetTensors());
    expect(trainableParameters(stack)).toBe(4_348_144);
    expect(groupThousands(4_348_144)).toBe('4,348,144');
    expect(groupThousands(512)).toBe('512');
  });

  it('conv1dRepr shows only the fields PyTorch shows', () => {
    const { stack } = buildStack(defaultPostnetTensors());
    const layer = { ...stack.layers[0]!, padding: 0, bias: null, dilation: 2, groups: 4 };
    expect(conv1dRepr(layer)).toBe(
      'Conv1d(80, 512, kernel_size=(5,), stride=(1,), dilation=(2,), groups=4, bias=False)',
    );
  });
});

describe('pyFloatRepr is Python’s repr(float)', () => {
  it.each([
    [1e-5, '1e-05'],
    [0.1, '0.1'],
    [0.001, '0.001'],
    [0.0001, '0.0001'],
    [1, '1.0'],
    [-2.5, '-2.5'],
    [1e16, '1e+16'],
    [123456789012345680, '1.2345678901234568e+17'],
    [1e15, '1000000000000000.0'],
    [1.5e-7, '1.5e-07'],
    [0, '0.0'],
    [-0, '-0.0'],
    [NaN, 'nan'],
    [-Infinity, '-inf'],
  ])('%d → %s', (value, text) => {
    expect(pyFloatRepr(value)).toBe(text);
  });
});
