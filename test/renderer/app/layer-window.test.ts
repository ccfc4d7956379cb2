/** Which part of a layer's output the window fetches for the view, and when what it holds still serves. */
import { describe, expect, it } from 'vitest';
import {
  fetchStep,
  layerFetchRange,
  layerFramesUnder,
  LAYER_COLUMNS,
  windowServes,
} from '../../../renderer/src/app/layer-window';
import { layerWith, syntheticWeights, wholeLayerOutput } from '../fakes';

describe('layer windows', () => {
  const { layers } = syntheticWeights('w');

  it('a stride-1 same-padded stack maps input frames to the same layer frames, clipped', () => {
    expect(layerFramesUnder(layers, 1, { start: 100, end: 200 }, 862)).toEqual({ start: 100, end: 200 });
    expect(layerFramesUnder(layers, 1, { start: 800, end: 900 }, 862)).toEqual({ start: 800, end: 862 });
  });

  it('a stride-2 layer shows half as many frames under the same input frames', () => {
    const strided = [layerWith({ stride: 2, padding: 2 })];
    // Frame a is drawn over input [2a − 0.5, 2a + 1.5): frame 100 starts at 199.5, so it shows too.
    expect(layerFramesUnder(strided, 0, { start: 100, end: 200 }, 862)).toEqual({ start: 50, end: 101 });
  });

  it('fetches the frames on screen and half their width on each side, within the layer', () => {
    expect(layerFetchRange({ start: 1000, end: 2000 }, 10_000)).toEqual({ start: 500, end: 2500 });
    expect(layerFetchRange({ start: 100, end: 2000 }, 2200)).toEqual({ start: 0, end: 2200 });
  });

  it('comes back in columns of one frame up to LAYER_COLUMNS frames, coarser beyond', () => {
    expect(fetchStep({ start: 0, end: LAYER_COLUMNS })).toBe(1);
    expect(fetchStep({ start: 0, end: LAYER_COLUMNS + 1 })).toBe(2);
    expect(fetchStep({ start: 0, end: 310_000 })).toBe(76);
  });

  it('what is held serves a view it covers at least as finely; a pan past it or a zoom in fetches again', () => {
    const held = { ...wholeLayerOutput(0, 512, 2000), firstFrame: 1000, step: 1, totalFrames: 100_000 };
    expect(windowServes(held, { start: 1500, end: 2500 })).toBe(true);
    expect(windowServes(held, { start: 2500, end: 3500 })).toBe(false); // panned out of it
    const coarse = { ...held, step: 10, nFrames: 4000, firstFrame: 0 };
    expect(windowServes(coarse, { start: 0, end: 39_000 })).toBe(true); // the view needs step 10 as well
    expect(windowServes(coarse, { start: 1000, end: 2000 })).toBe(false); // zoomed in: finer columns
  });
});
