import { describe, expect, it } from 'vitest';
import { layerFrameAt, layerFrameMap } from '../../../renderer/src/app/frame-map';
import { viewInDataFrames as layerView } from '../../../renderer/src/render/plot';
import { POSTNET_FIRST_LAYER, layerWith } from '../fakes';

describe('layer frames on the input time axis', () => {
  it('Tacotron 2 (stride 1, padding 2): the identity, so frame t of every layer is input frame t', () => {
    for (const depth of [1, 3, 5]) {
      const map = layerFrameMap(Array.from({ length: depth }, () => POSTNET_FIRST_LAYER));
      expect(map).toEqual({ stride: 1, offset: 0 });
      expect(layerFrameAt(map, 231)).toBe(231);
    }
    const view = { startFrame: 12.5, framesPerPixel: 0.7 };
    expect(layerView({ stride: 1, offset: 0 }, view)).toEqual(view);
  });

  it('a valid (unpadded) k=5 conv: output frame 0 sits over input frames 0…4, centred on frame 2', () => {
    const map = layerFrameMap([layerWith({ padding: 0 })]);
    expect(map).toEqual({ stride: 1, offset: 2 });
    expect(layerFrameAt(map, 2)).toBe(0);
    expect(layerFrameAt(map, 10)).toBe(8);
    expect(layerView(map, { startFrame: 2, framesPerPixel: 1 })).toEqual({
      startFrame: 0,
      framesPerPixel: 1,
    });
  });

  it('stride 2: one layer frame per two input frames, the view halves its frames per pixel', () => {
    const map = layerFrameMap([layerWith({ stride: 2, kernelSize: 2, padding: 0 })]);
    expect(map).toEqual({ stride: 2, offset: 0 });
    expect([0, 1, 2, 3, 4].map((frame) => layerFrameAt(map, frame))).toEqual([0, 0, 1, 1, 2]);
    expect(layerView(map, { startFrame: 8, framesPerPixel: 4 })).toEqual({
      startFrame: 4,
      framesPerPixel: 2,
    });
  });

  it('fails clearly before the first layer frame: frames left of it map to negative indices', () => {
    const map = layerFrameMap([layerWith({ padding: 0 })]);
    expect(layerFrameAt(map, 0)).toBe(-2);
  });
});
