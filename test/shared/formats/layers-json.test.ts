import { describe, expect, it } from 'vitest';
import { WeightsFormatError } from '../../../shared/errors';
import { parseWeightsJsonDocument } from '../../../shared/formats/weights-json';
import { readFixture } from '../../helpers/fixtures';

const json = (value: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(value));

const layer = {
  in_channels: 2,
  out_channels: 3,
  kernel_size: 1,
  weight: [
    [[1], [2]],
    [[3], [4]],
    [[5], [6]],
  ],
};

describe('the explicit layer JSON', () => {
  it('gives an architecture and nn.Sequential state_dict keys', () => {
    const doc = parseWeightsJsonDocument(readFixture('conv', 'modules', 'relu_bn_k3_k1_k7.json'), 'm.json');
    expect(
      doc.architecture!.layers.map((l) => [l.inChannels, l.outChannels, l.kernelSize, l.activation]),
    ).toEqual([
      [6, 10, 3, 'relu'],
      [10, 10, 1, 'relu'],
      [10, 4, 7, 'tanh'],
    ]);
    // Conv 0, BN 1, ReLU 2, Conv 3 (no bias), BN 4, ReLU 5, Conv 6, Tanh 7.
    expect([...doc.tensors.keys()]).toEqual([
      '0.weight',
      '0.bias',
      '1.weight',
      '1.bias',
      '1.running_mean',
      '1.running_var',
      '3.weight',
      '4.weight',
      '4.bias',
      '4.running_mean',
      '4.running_var',
      '6.weight',
      '6.bias',
    ]);
  });

  it('fills defaults from the weight shape: stride 1, padding 0, no activation, not residual', () => {
    const doc = parseWeightsJsonDocument(json({ layers: [{ weight: layer.weight }] }), 'm.json');
    expect(doc.architecture).toEqual({
      kind: 'Conv1d stack',
      residual: false,
      layers: [
        {
          inChannels: 2,
          outChannels: 3,
          kernelSize: 1,
          stride: 1,
          padding: 0,
          dilation: 1,
          groups: 1,
          bias: false,
          activation: 'identity',
          batchNorm: null,
        },
      ],
    });
  });

  it('accepts padding "same" and "valid"', () => {
    for (const [padding, expected] of [
      ['same', 'same'],
      ['valid', 0],
    ] as const) {
      const doc = parseWeightsJsonDocument(
        json({ format: 'postnet-studio.conv1d-stack', layers: [{ ...layer, padding }] }),
        'm.json',
      );
      expect(doc.architecture!.layers[0]!.padding).toBe(expected);
    }
  });
});

describe('the explicit layer JSON fails clearly', () => {
  it.each([
    [
      'an unknown layer field (typo)',
      { layers: [{ ...layer, kernal_size: 3 }] },
      'm.json: layers[0]: unknown field "kernal_size"',
    ],
    [
      'an unknown activation',
      { layers: [{ ...layer, activation: 'gelu' }] },
      'm.json: layers[0]: "activation" must be one of "tanh", "relu", "identity", found a string of 4 characters',
    ],
    [
      'a bad padding',
      { layers: [{ ...layer, padding: -1 }] },
      'm.json: layers[0]: "padding" must be an integer ≥ 0, "same" or "valid", found number -1',
    ],
    [
      'a weight that is not 3-d',
      { layers: [{ weight: [[1, 2]] }] },
      'm.json: layers[0]: "weight" has shape [1, 2]; a Conv1d weight is [out_channels, in_channels / groups, kernel_size]',
    ],
    [
      'an unsupported version',
      { format: 'postnet-studio.conv1d-stack', version: 2, layers: [layer] },
      'm.json: "version" 2 is not supported (1 is)',
    ],
    [
      'no layers',
      { format: 'postnet-studio.conv1d-stack', layers: [] },
      'm.json: "layers" must be a non-empty list',
    ],
    [
      'a ragged weight',
      { layers: [{ weight: [[[1], [2]], [[3]]] }] },
      "m.json: key 'layers[0].weight' is ragged: at [1] expected a list of 2 items (like [0]), found 1 items",
    ],
    [
      'a layer that is not an object',
      { format: 'postnet-studio.conv1d-stack', layers: [layer, 5] },
      'm.json: layers[1] is number 5, not an object',
    ],
    [
      'a batch_norm that is not an object',
      { layers: [{ ...layer, batch_norm: [1, 2] }] },
      'm.json: layers[0]: "batch_norm" must be an object',
    ],
    [
      'a negative batch_norm eps',
      { layers: [{ ...layer, batch_norm: { eps: -1 } }] },
      'm.json: layers[0].batch_norm: "eps" must be a number ≥ 0, found number -1',
    ],
    [
      'a residual that is not true or false',
      { format: 'postnet-studio.conv1d-stack', residual: 'yes', layers: [layer] },
      'm.json: "residual" must be true or false, found a string of 3 characters',
    ],
    [
      'a bias that is an object but not {shape, data}',
      { layers: [{ ...layer, bias: { values: [1, 2, 3] } }] },
      "m.json: key 'layers[0].bias' holds an object, not numbers",
    ],
    [
      'a non-integer stride',
      { layers: [{ ...layer, stride: 1.5 }] },
      'm.json: layers[0]: "stride" must be an integer, found number 1.5',
    ],
  ])('on %s', (_, doc, message) => {
    expect(() => parseWeightsJsonDocument(json(doc), 'm.json')).toThrow(WeightsFormatError);
    expect(() => parseWeightsJsonDocument(json(doc), 'm.json')).toThrow(message);
  });
});
