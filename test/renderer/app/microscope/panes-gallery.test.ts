import { describe, expect, it } from 'vitest';
import type { LayerActivations } from '../../../../shared/api/contract';
import type { LayerFilters } from '../../../../shared/api/microscope';
import {
  filterValues,
  galleryRange,
  histogramBars,
  sortedFilters,
} from '../../../../renderer/src/app/microscope/gallery';
import {
  audioViewContext,
  markedPanes,
  paneLayer,
  pickedCell,
  windowPaneSpec,
} from '../../../../renderer/src/app/microscope/panes';
import { layerPaneSpec, melPaneSpecs } from '../../../../renderer/src/app/panes';
import { bandCentresHz } from '../../../../renderer/src/render/mel-axis';
import { INITIAL_DISPLAY } from '../../../../renderer/src/state/workspace';
import { defaultWeights } from '../../../../shared/weights/load';
import { syntheticInput } from '../../fakes';

const weights = { ...defaultWeights().summary, id: 'w1' };
const input = syntheticInput('a', 40);
const ranges = { shared: { lo: -12, hi: 2 }, residual: { lo: -1, hi: 1 } };

function activations(layer: number, nChannels: number, nFrames: number): LayerActivations {
  const data = Float32Array.from({ length: nChannels * nFrames }, (_, i) => i / 1000);
  return { layer, nChannels, nFrames, data, firstFrame: 0, step: 1, totalFrames: nFrames, reduce: 'absmax' };
}

describe('which cell a click pins, and which layer each pane shows', () => {
  const mel = melPaneSpecs(input, weights, null, INITIAL_DISPLAY, ranges, null);
  const layer = layerPaneSpec(
    weights,
    { layer: 2, activations: activations(2, 512, 40), computing: false },
    input,
    INITIAL_DISPLAY,
  );

  it('output and residual are the last layer, the layer pane its layer, the input −1', () => {
    expect(mel.map((spec) => paneLayer(spec, 5))).toEqual([-1, 4, 4]);
    expect(paneLayer(layer, 5)).toBe(2);
    expect(markedPanes([...mel, layer], 5)).toEqual([
      { key: 'input', layer: -1 },
      { key: 'output', layer: 4 },
      { key: 'residual', layer: 4 },
      { key: 'layer', layer: 2 },
    ]);
  });

  it('a click on the layer pane pins (layer, row, frame); the input pane and an empty pane pin nothing', () => {
    expect(pickedCell(layer, { frame: 7, row: 300 }, weights)).toEqual({
      source: 'audio',
      layer: 2,
      channel: 300,
      frame: 7,
    });
    expect(pickedCell(mel[0]!, { frame: 7, row: 3 }, weights)).toBeNull();
    expect(pickedCell(mel[2]!, { frame: 7, row: 3 }, weights)).toBeNull(); // not processed: no data
  });

  it('the window pane is the previous layer, unless the layer pane shows it already', () => {
    const pane = {
      layer: 1,
      inputId: input.id,
      inputRevision: input.revision,
      weightsId: weights.id,
      activations: activations(1, 512, 40),
      error: null,
    };
    const spec = windowPaneSpec(input, weights, INITIAL_DISPLAY, pane, 2)!;
    expect(spec.kind).toBe('window');
    expect(spec.header).toBe(
      'conv 1 output · tanh(BN(Conv1d(512, 512, k=5))) · [512, 40] · the window’s input',
    );
    expect(spec.data).toBe(pane.activations.data);
    expect(windowPaneSpec(input, weights, INITIAL_DISPLAY, pane, 1)).toBeNull();
    expect(windowPaneSpec(input, weights, INITIAL_DISPLAY, { ...pane, weightsId: 'other' }, 2)).toBeNull();
    const failed = windowPaneSpec(
      input,
      weights,
      INITIAL_DISPLAY,
      { ...pane, activations: null, error: 'too long' },
      2,
    );
    expect(failed!.placeholder).toBe('too long');
  });

  it('the view context reads the full run’s value at the cell from the layer pane, and the window’s colours from the pane below', () => {
    const cell = { source: 'audio' as const, layer: 2, channel: 5, frame: 9 };
    const below = windowPaneSpec(
      input,
      weights,
      INITIAL_DISPLAY,
      {
        layer: 1,
        inputId: input.id,
        inputRevision: input.revision,
        weightsId: weights.id,
        activations: activations(1, 512, 40),
        error: null,
      },
      2,
    )!;
    const bands = bandCentresHz(input.mel.config);
    const context = audioViewContext(
      cell,
      [...mel, layer, below],
      weights,
      input,
      null,
      INITIAL_DISPLAY,
      bands,
    );
    expect(context.paneValue).toBe(layer.data![5 * 40 + 9]);
    expect(context.windowColours).toEqual({
      colormap: below.colormap,
      range: below.range,
      decimation: below.decimation,
    });
    expect(context.framesIn).toEqual([40, 40, 40, 40, 40, 40]);
    expect(context.residualInput).toBeNull();
  });
});

describe('the filter gallery', () => {
  const filters: LayerFilters = {
    layer: 0,
    name: 'conv',
    shape: [4, 2, 3],
    weight: Float32Array.from({ length: 24 }, (_, i) => (i % 5) - 2),
    norms: Float64Array.from([3, 1, 3, 2]),
  };

  it('sorts by L2 norm either way, ties in index order', () => {
    expect(sortedFilters(filters.norms, 'index')).toEqual([0, 1, 2, 3]);
    expect(sortedFilters(filters.norms, 'norm-desc')).toEqual([0, 2, 3, 1]);
    expect(sortedFilters(filters.norms, 'norm-asc')).toEqual([1, 3, 0, 2]);
  });

  it('W[o] is its [in, k] slice, and one symmetric range covers the layer', () => {
    expect(Array.from(filterValues(filters, 1))).toEqual([-1, 0, 1, 2, -2, -1]);
    expect(galleryRange(filters)).toEqual({ lo: -2, hi: 2 });
  });

  it('histogram bars are counts over the fullest bin', () => {
    expect(histogramBars({ lo: 0, hi: 1, counts: [2, 8, 0, 4] })).toEqual([0.25, 1, 0, 0.5]);
    expect(histogramBars({ lo: 0, hi: 0, counts: [0, 0] })).toEqual([0, 0]);
  });
});
