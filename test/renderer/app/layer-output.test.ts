import { describe, expect, it } from 'vitest';
import {
  MAX_LAYER_OUTPUT_BYTES,
  formatMegabytes,
  layerExpression,
  layerOutputFrames,
  layerOutputSize,
} from '../../../renderer/src/app/layer-output';
import { POSTNET_FIRST_LAYER, layerWith } from '../fakes';

const postnet = [
  POSTNET_FIRST_LAYER,
  ...Array.from({ length: 3 }, () => layerWith({ inChannels: 512 })),
  layerWith({ inChannels: 512, outChannels: 80, activation: 'identity' as const }),
];

describe('layer outputs', () => {
  it('expressions read innermost first: tanh(BN(Conv1d(…))), BN(Conv1d(…)), relu(Conv1d(…))', () => {
    expect(layerExpression(postnet[2]!)).toBe('tanh(BN(Conv1d(512, 512, k=5)))');
    expect(layerExpression(postnet[4]!)).toBe('BN(Conv1d(512, 80, k=5))');
    expect(layerExpression(layerWith({ batchNorm: false, activation: 'relu', dilation: 2 }))).toBe(
      'relu(Conv1d(80, 512, k=5, dilation=2))',
    );
  });

  it('a ten-minute file (51,680 frames): conv 2 is [512, 51680] = 106 MB and fits', () => {
    const size = layerOutputSize(postnet, 2, 51_680);
    expect(size.shape).toEqual([512, 51_680]);
    expect(size.bytes).toBe(512 * 51_680 * 4);
    expect(formatMegabytes(size.bytes)).toBe('106 MB');
    expect(size.fits).toBe(true);
    expect(layerOutputSize(postnet, 4, 51_680).shape).toEqual([80, 51_680]);
  });

  it('fails clearly past 128 MB: 13 minutes of 512 channels does not fit, its 80-channel last layer does', () => {
    const frames = 67_000;
    expect(layerOutputSize(postnet, 0, frames).fits).toBe(false);
    expect(512 * frames * 4).toBeGreaterThan(MAX_LAYER_OUTPUT_BYTES);
    expect(layerOutputSize(postnet, 4, frames).fits).toBe(true);
  });

  it('frames follow PyTorch through the layers: unpadded k=5 loses 4 frames per layer', () => {
    const valid = postnet.map((layer) => layerWith({ ...layer, padding: 0 }));
    expect(layerOutputFrames(valid, 0, 100)).toBe(96);
    expect(layerOutputFrames(valid, 2, 100)).toBe(88);
    expect(layerOutputFrames(postnet, 4, 100)).toBe(100);
  });

  it('fails clearly for a layer the weights do not have', () => {
    expect(() => layerOutputSize(postnet, 5, 10)).toThrow(
      /layer 5 does not exist: the weights have 5 layers/,
    );
  });
});
