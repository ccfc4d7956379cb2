import { describe, expect, it } from 'vitest';
import {
  displayRanges,
  formatSeconds,
  layerColours,
  melPaneSpecs,
  paneName,
  shownLayerPaneSpec,
  type DisplayRanges,
  type LayerPaneState,
  type PaneSpec,
} from '../../../renderer/src/app/panes';
import { INITIAL_DISPLAY, type DisplaySettings } from '../../../renderer/src/state/workspace';
import type { InputDocument, ProcessResult, WeightsSummary } from '../../../shared/api/contract';
import { layerWith, syntheticInput, syntheticResult, syntheticWeights, wholeLayerOutput } from '../fakes';

/** Input, output and residual, then the layer pane when one is shown: what App.tsx puts on screen. */
function paneSpecs(
  input: InputDocument | null,
  weights: WeightsSummary | null,
  result: ProcessResult | null,
  display: DisplaySettings,
  ranges: DisplayRanges,
  layerPane: LayerPaneState | null = null,
): PaneSpec[] {
  const panes = melPaneSpecs(input, weights, result, display, ranges, layerPane?.layer ?? null);
  const layer = shownLayerPaneSpec(input, weights, display, layerPane);
  return layer ? [...panes, layer] : panes;
}

describe('pane specs', () => {
  const input = syntheticInput('speech', 862);
  const weights = syntheticWeights('w1');
  const result = syntheticResult(input, 'w1', -0.5);

  it('headers say what each pane is, its shape, duration and mel preset', () => {
    const ranges = displayRanges(input, result, INITIAL_DISPLAY);
    const [inPane, outPane, resPane] = paneSpecs(input, weights, result, INITIAL_DISPLAY, ranges);
    expect(inPane!.header).toBe('input · [80, 862] · 10.0 s · tacotron2 mel · speech.wav');
    expect(outPane!.header).toBe('output = input + residual · [80, 862] · untrained Tacotron 2 post-net');
    expect(resPane!.header).toMatch(
      /^residual = postnet\(input\) · \[80, 862\] · colours ±0\.500 · ran in 12 ms/,
    );
  });

  it('input and output share one range; the residual range is symmetric', () => {
    const ranges = displayRanges(input, result, INITIAL_DISPLAY);
    const [inPane, outPane, resPane] = paneSpecs(input, weights, result, INITIAL_DISPLAY, ranges);
    expect(inPane!.range).toBe(outPane!.range);
    expect(resPane!.range.lo).toBe(-resPane!.range.hi);
  });

  it('decimation follows the setting (mean by default); signed panes use the magnitude for max and min', () => {
    const ranges = displayRanges(input, result, INITIAL_DISPLAY);
    const kinds = (display: DisplaySettings) =>
      paneSpecs(input, weights, result, display, ranges).map((pane) => pane.decimation);
    expect(kinds(INITIAL_DISPLAY)).toEqual(['mean', 'mean', 'mean']);
    expect(kinds({ ...INITIAL_DISPLAY, decimation: 'max' })).toEqual(['max', 'max', 'absmax']);
    expect(kinds({ ...INITIAL_DISPLAY, decimation: 'min' })).toEqual(['min', 'min', 'absmin']);
  });

  it('fixed mode uses the fixed range (default −11.5 … 2)', () => {
    const display = { ...INITIAL_DISPLAY, rangeMode: 'fixed' as const };
    const ranges = displayRanges(input, result, display);
    expect(ranges.shared).toEqual({ lo: -11.5, hi: 2 });
    expect(ranges.residual).toEqual({ lo: -2, hi: 2 });
  });

  it('fails clearly when the result does not fit the input: output and residual show a placeholder', () => {
    const other = syntheticResult(syntheticInput('other', 10), 'w1');
    const ranges = displayRanges(input, other, INITIAL_DISPLAY);
    const [, outPane, resPane] = paneSpecs(input, weights, other, INITIAL_DISPLAY, ranges);
    expect(outPane!.data).toBeNull();
    expect(resPane!.data).toBeNull();
    expect(outPane!.placeholder).toBe('not processed yet');
  });

  it('each pane is named by what it shows, not by its header’s first words', () => {
    const ranges = displayRanges(input, result, INITIAL_DISPLAY);
    const pane = { layer: 0, activations: null, computing: false };
    const panes = paneSpecs(input, weights, result, INITIAL_DISPLAY, ranges, pane);
    expect(panes.map(paneName)).toEqual(['input pane', 'output pane', 'residual pane', 'conv 0 output pane']);
  });

  it('formatSeconds keeps two decimals under 10 s', () => {
    expect(formatSeconds(6.5227)).toBe('6.52 s');
    expect(formatSeconds(600)).toBe('600.0 s');
  });

  it('an empty residual pane gets a neutral symmetric range, not the input’s', () => {
    expect(displayRanges(null, null, INITIAL_DISPLAY).residual).toEqual({ lo: -2, hi: 2 });
  });
});

describe('the layer-output pane', () => {
  const input = syntheticInput('speech', 862);
  const weights = syntheticWeights('w1');
  const result = syntheticResult(input, 'w1');
  const ranges = displayRanges(input, result, INITIAL_DISPLAY);
  const conv0 = wholeLayerOutput(0, 512, 862);

  it('is a fourth pane: header with expression and shape, channel rows, ±1 diverging for tanh', () => {
    const panes = paneSpecs(input, weights, result, INITIAL_DISPLAY, ranges, {
      layer: 0,
      activations: conv0,
      computing: false,
    });
    expect(panes.map((pane) => pane.kind)).toEqual(['input', 'output', 'residual', 'layer']);
    const pane = panes[3]!;
    expect(pane.header).toBe('conv 0 output · tanh(BN(Conv1d(80, 512, k=5))) · [512, 862]');
    expect([pane.nRows, pane.nFrames, pane.rowAxis]).toEqual([512, 862, 'channel']);
    expect(pane.data).toBe(conv0.data);
    expect(pane.range).toEqual({ lo: -1, hi: 1 });
    expect(pane.colormap).toBe(INITIAL_DISPLAY.residualColormap);
    expect(pane.decimation).toBe('mean');
    expect(pane.readoutLabel).toBe('conv 0');
  });

  it("shows a padding='same' kernel-4 layer's real [C, T] output (padding 1 left, 2 right), not a placeholder", () => {
    const same = layerWith({ kernelSize: 4, padding: 'same', outChannels: 80 });
    const evenWeights = { ...weights, layers: [same] };
    const output = wholeLayerOutput(0, 80, 862);
    const pane = paneSpecs(input, evenWeights, result, INITIAL_DISPLAY, ranges, {
      layer: 0,
      activations: output,
      computing: false,
    })[3]!;
    expect([pane.nRows, pane.nFrames]).toEqual([80, 862]);
    expect(pane.data).toBe(output.data);
  });

  it('fails clearly to show activations of another shape: a 861-frame array for an 862-frame layer waits', () => {
    const same = layerWith({ kernelSize: 4, padding: 'same', outChannels: 80 });
    const wrong = wholeLayerOutput(0, 80, 861);
    const pane = paneSpecs(input, { ...weights, layers: [same] }, result, INITIAL_DISPLAY, ranges, {
      layer: 0,
      activations: wrong,
      computing: false,
    })[3]!;
    expect(pane.data).toBeNull();
    expect(pane.placeholder).toBe('not computed: select conv 0 in the layer list');
  });

  it('the input pane then shades that layer’s receptive field (5 frames for conv 0), else the whole stack’s', () => {
    const withLayer = paneSpecs(input, weights, result, INITIAL_DISPLAY, ranges, {
      layer: 0,
      activations: null,
      computing: true,
    });
    expect(withLayer[0]!.receptive?.layers).toHaveLength(1);
    expect(withLayer[0]!.receptive?.label).toBe('conv 0 output');
    const without = paneSpecs(input, weights, result, INITIAL_DISPLAY, ranges);
    expect(without).toHaveLength(3);
    expect(without[0]!.receptive?.layers).toHaveLength(2);
    expect(without[0]!.receptive?.label).toBe('output');
  });

  it('the mel panes come apart from the layer pane: the same three with the layer pane added', () => {
    const pane = { layer: 0, activations: conv0, computing: false };
    const mel = melPaneSpecs(input, weights, result, INITIAL_DISPLAY, ranges, 0);
    const layer = shownLayerPaneSpec(input, weights, INITIAL_DISPLAY, pane);
    const expected = [...mel, layer!];
    const all = paneSpecs(input, weights, result, INITIAL_DISPLAY, ranges, pane);
    // The same arrays (by identity: comparing 512 × T floats one by one would be the slow part) and fields.
    all.forEach((spec, i) => expect(spec.data).toBe(expected[i]!.data));
    const withoutData = (spec: PaneSpec) => ({ ...spec, data: null });
    expect(all.map(withoutData)).toEqual(expected.map(withoutData));
    expect(mel[0]!.receptive?.label).toBe('conv 0 output');
  });

  it('fails clearly when the weights lack the shown layer: no layer pane, the input shades the whole stack', () => {
    const pane = { layer: 7, activations: null, computing: false };
    expect(shownLayerPaneSpec(input, weights, INITIAL_DISPLAY, pane)).toBeNull();
    expect(melPaneSpecs(input, weights, result, INITIAL_DISPLAY, ranges, 7)[0]!.receptive?.label).toBe(
      'output',
    );
  });

  it('says what it is waiting for: computing, not computed, nothing open', () => {
    const placeholder = (computing: boolean, open = input) =>
      paneSpecs(open, weights, result, INITIAL_DISPLAY, ranges, {
        layer: 1,
        activations: null,
        computing,
      })[3]!.placeholder;
    expect(placeholder(true)).toBe('computing conv 1 output…');
    expect(placeholder(false)).toBe('not computed: select conv 1 in the layer list');
    expect(
      paneSpecs(null, weights, null, INITIAL_DISPLAY, ranges, {
        layer: 1,
        activations: null,
        computing: false,
      })[3]!.placeholder,
    ).toBe('nothing open');
  });

  it('a long input’s layer pane draws the window it holds: columns of `step` frames placed on the time axis', () => {
    const longInput = syntheticInput('long', 70_000); // 13.5 min at hop 256
    const columns = { ...wholeLayerOutput(0, 512, 1000), firstFrame: 20_000, step: 10, totalFrames: 70_000 };
    const pane = paneSpecs(longInput, weights, null, INITIAL_DISPLAY, ranges, {
      layer: 0,
      activations: columns,
      computing: false,
    })[3]!;
    expect(pane.data).toBe(columns.data);
    expect(pane.nFrames).toBe(1000);
    expect(pane.window).toEqual({ first: 20_000, step: 10 });
    expect(pane.header).toBe(
      'conv 0 output · tanh(BN(Conv1d(80, 512, k=5))) · [512, 70000] · 10 frames a column',
    );
  });

  it('fails clearly when the fetched output does not match the shape: no data, no stale picture', () => {
    const wrong = { ...conv0, nFrames: 10, totalFrames: 10, data: new Float32Array(5120) };
    const pane = paneSpecs(input, weights, result, INITIAL_DISPLAY, ranges, {
      layer: 0,
      activations: wrong,
      computing: false,
    })[3]!;
    expect(pane.data).toBeNull();
  });

  it('colours: linear layers diverge over ±99th percentile of |x|; ReLU is sequential from 0', () => {
    const data = Float32Array.from({ length: 1000 }, (_, i) => (i % 2 ? 1 : -1) * (i / 1000));
    const linear = layerColours(
      layerWith({ activation: 'identity' }),
      { key: 'linear', data },
      INITIAL_DISPLAY,
    );
    expect(linear.range.lo).toBe(-linear.range.hi);
    expect(linear.range.hi).toBeGreaterThan(0.98);
    expect(linear.range.hi).toBeLessThanOrEqual(1);
    const fixed = layerColours(
      layerWith({ activation: 'identity' }),
      { key: 'linear', data },
      {
        ...INITIAL_DISPLAY,
        rangeMode: 'fixed',
      },
    );
    expect(fixed.range).toEqual({ lo: -2, hi: 2 });
    const relu = layerColours(
      layerWith({ activation: 'relu' }),
      { key: 'relu', data: data.map(Math.abs) },
      INITIAL_DISPLAY,
    );
    expect(relu.range.lo).toBe(0);
    expect(relu.colormap).toBe(INITIAL_DISPLAY.colormap);
    expect(relu.decimation).toBe('mean');
  });
});

describe('the demo panes', () => {
  const clean = syntheticInput('speech', 100);
  const smoothed = {
    ...syntheticInput('speech-smoothed', 100),
    smoothedFrom: { inputId: 'speech', revision: clean.revision },
  };
  const weights = syntheticWeights('w1');
  const result = syntheticResult(smoothed, 'w1', -0.5);

  it('are clean, smoothed (the post-net input), output and residual, each with its error figure', () => {
    const ranges = displayRanges(smoothed, result, INITIAL_DISPLAY, clean);
    const errors = { smoothed: 0.5, output: 0.1, cells: 8000 };
    const panes = melPaneSpecs(smoothed, weights, result, INITIAL_DISPLAY, ranges, null, {
      demo: { clean, errors },
      opening: false,
    });
    expect(panes.map((pane) => pane.kind)).toEqual(['clean', 'input', 'output', 'residual']);
    expect(panes[0]!.header).toBe('clean · [80, 100] · 1.16 s · tacotron2 mel · speech.wav');
    expect(panes[0]!.data).toBe(clean.mel.data);
    expect(panes[1]!.header).toBe(
      "smoothed = the post-net's input · [80, 100] · Gaussian σ 1 band × 2 frames · speech-smoothed.wav",
    );
    expect(panes[2]!.header).toMatch(/^output = smoothed \+ residual/);
    expect(panes[3]!.header).toMatch(/^residual = postnet\(smoothed\)/);
    expect(panes.map((pane) => pane.badge)).toEqual([
      'the target (MSE 0)',
      'MSE to clean 0.5000',
      'MSE to clean 0.1000 · 80 % lower than smoothed',
      'MSE to the ideal residual (clean − smoothed) 0.1000',
    ]);
    expect(panes[0]!.range).toBe(panes[1]!.range);
  });

  it('while the sample opens, the panes say so instead of "nothing open"', () => {
    const ranges = displayRanges(null, null, INITIAL_DISPLAY);
    const panes = melPaneSpecs(null, null, null, INITIAL_DISPLAY, ranges, null, {
      demo: { clean: null, errors: null },
      opening: true,
    });
    expect(panes.map((pane) => pane.kind)).toEqual(['clean', 'input', 'output', 'residual']);
    expect(new Set(panes.map((pane) => pane.placeholder))).toEqual(new Set(['opening the bundled sample…']));
  });

  it('outside the demo no pane has a badge', () => {
    const ranges = displayRanges(clean, null, INITIAL_DISPLAY);
    const panes = melPaneSpecs(clean, weights, null, INITIAL_DISPLAY, ranges, null);
    expect(panes.map((pane) => pane.badge)).toEqual([null, null, null]);
  });
});
