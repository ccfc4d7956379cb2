import { describe, expect, it } from 'vitest';
import { ShapeMismatchError } from '../../../shared/errors';
import { conv1dGeometry, conv1dOutFrames, layerMacs, resolvePadding } from '../../../shared/model/geometry';
import { keepsFrameCount, outFramesText } from '../../../shared/model/frames';
import type { Conv1dLayer } from '../../../shared/model/types';

function layer(overrides: Partial<Conv1dLayer>): Conv1dLayer {
  return {
    name: 'conv',
    inChannels: 80,
    outChannels: 512,
    kernelSize: 5,
    stride: 1,
    padding: 2,
    dilation: 1,
    groups: 1,
    weight: new Float32Array(0),
    bias: null,
    batchNorm: null,
    activation: 'identity',
    keys: [],
    ...overrides,
  };
}

describe('conv1dGeometry', () => {
  it('keeps the length for k=5 pad=2 (the post-net): 862 frames in, 862 out', () => {
    expect(conv1dGeometry(layer({}), 862)).toMatchObject({
      outFrames: 862,
      padLeft: 2,
      padRight: 2,
      inPerGroup: 80,
    });
  });

  it.each([
    [{ stride: 2 }, 100, 50],
    [{ stride: 3, padding: 0, kernelSize: 3 }, 26, 8],
    [{ dilation: 3, padding: 4, stride: 2 }, 40, 18],
    [{ padding: 0 }, 5, 1],
  ])('%o over %i frames gives %i (PyTorch’s formula)', (overrides, inFrames, outFrames) => {
    expect(conv1dGeometry(layer(overrides), inFrames).outFrames).toBe(outFrames);
  });

  it("resolves padding 'same' with the odd frame on the right", () => {
    expect(resolvePadding('same', 5, 1)).toEqual({ padLeft: 2, padRight: 2 });
    expect(resolvePadding('same', 4, 1)).toEqual({ padLeft: 1, padRight: 2 });
    expect(resolvePadding('same', 4, 3)).toEqual({ padLeft: 4, padRight: 5 });
    expect(conv1dGeometry(layer({ padding: 'same', kernelSize: 4 }), 16).outFrames).toBe(16);
  });

  it('counts multiply-accumulates per frame: 204,800 for Conv1d(80, 512, 5)', () => {
    expect(layerMacs(layer({}), 1)).toBe(204_800);
    expect(layerMacs(layer({ groups: 4, inChannels: 512 }), 2)).toBe(2 * 512 * 128 * 5);
  });

  it('fails clearly when the input is shorter than the kernel span', () => {
    expect(() => conv1dGeometry(layer({ padding: 0, dilation: 2 }), 8)).toThrow(ShapeMismatchError);
    expect(() => conv1dGeometry(layer({ padding: 0, dilation: 2 }), 8)).toThrow(
      "conv: an input of 8 frames (8 with padding) is shorter than the kernel's span of 9 frames (kernel 5, dilation 2); it needs at least 9 frames",
    );
  });
});

describe('conv1dOutFrames and keepsFrameCount (the arithmetic the window shares)', () => {
  const arithmetic = { kernelSize: 5, stride: 1, dilation: 1, padLeft: 2, padRight: 2 };

  it('agrees with conv1dGeometry, and keeps T exactly when s = 1 and pLeft + pRight = d·(k − 1)', () => {
    expect(conv1dOutFrames(arithmetic, 100)).toBe(conv1dGeometry(layer({}), 100).outFrames);
    expect(keepsFrameCount(arithmetic)).toBe(true);
    expect(keepsFrameCount({ ...arithmetic, kernelSize: 4, padLeft: 1, padRight: 2 })).toBe(true);
  });

  it('fails clearly to keep T with stride 2 or uneven padding: the frame count says how', () => {
    expect(keepsFrameCount({ ...arithmetic, stride: 2 })).toBe(false);
    expect(outFramesText({ ...arithmetic, stride: 2 })).toBe('⌊(T − 1) / 2⌋ + 1');
    expect(conv1dOutFrames({ ...arithmetic, stride: 2 }, 9)).toBe(5);
    expect(keepsFrameCount({ ...arithmetic, padRight: 1 })).toBe(false);
    expect(outFramesText({ ...arithmetic, padRight: 1 })).toBe('T − 1');
    expect(outFramesText({ ...arithmetic, padRight: 4 })).toBe('T + 2');
  });
});
