/**
 * What each of the three panes shows, derived from the workspace state: data, header text,
 * colour map and value range. Pure, so headers and ranges are unit-tested without a DOM.
 */
import type {
  InputDocument,
  LayerSummary,
  ProcessResult,
  WeightsSummary,
} from '../../../shared/api/contract';
import { formatShape } from '../../../shared/errors';
import type { ColormapName } from '../render/colormaps';
import type { Decimation } from '../render/raster';
import { drawableRange, percentileRange, symmetricRange } from '../render/value-range';
import type { ValueRange } from '../render/value-range';
import type { DisplaySettings } from '../state/workspace';

export type PaneKind = 'input' | 'output' | 'residual';

export const PANE_KINDS: readonly PaneKind[] = ['input', 'output', 'residual'];

export interface PaneSpec {
  kind: PaneKind;
  header: string;
  /** `[nMels, nFrames]` row-major, or null while there is nothing to show (see `placeholder`). */
  data: Float32Array | null;
  placeholder: string;
  nMels: number;
  nFrames: number;
  colormap: ColormapName;
  range: ValueRange;
  decimation: Decimation;
  /**
   * For the input pane: the layers whose receptive field is shaded around the hovered frame (the
   * input frames the output frame under the cursor depends on); null for the other panes.
   */
  receptiveLayers: readonly LayerSummary[] | null;
}

export interface DisplayRanges {
  /** One range for input and output, so equal colours mean equal values. */
  shared: ValueRange;
  /** Symmetric around zero, for the diverging residual map. */
  residual: ValueRange;
}

/** Auto: 1st–99th percentile over input and output together, ±99th percentile of |residual|. */
export function displayRanges(
  input: InputDocument | null,
  result: ProcessResult | null,
  display: DisplaySettings,
): DisplayRanges {
  if (display.rangeMode === 'fixed') {
    const half = display.fixedResidualHalf > 0 ? display.fixedResidualHalf : 1;
    return { shared: drawableRange(display.fixedRange), residual: { lo: -half, hi: half } };
  }
  const arrays = [input?.mel.data, result?.output].filter((a): a is Float32Array => a !== undefined);
  return {
    shared: drawableRange(percentileRange(arrays, 0.01, 0.99)),
    residual: drawableRange(result ? symmetricRange([result.residual], 0.99) : null),
  };
}

/** `10.0 s`, or `0.52 s` under ten seconds… */
export function formatSeconds(seconds: number): string {
  return seconds >= 10 ? `${seconds.toFixed(1)} s` : `${seconds.toFixed(2)} s`;
}

export function inputDurationS(input: InputDocument): number {
  const { mel } = input;
  return input.audio ? input.audio.durationS : (mel.nFrames * mel.config.hopLength) / mel.config.sampleRateHz;
}

export function paneSpecs(
  input: InputDocument | null,
  weights: WeightsSummary | null,
  result: ProcessResult | null,
  display: DisplaySettings,
  ranges: DisplayRanges,
): PaneSpec[] {
  const nMels = input?.mel.nMels ?? 80;
  const nFrames = input?.mel.nFrames ?? 0;
  const shape = formatShape([nMels, nFrames]);
  const melName = input ? `${input.mel.config.preset} mel` : '';
  const weightsName = weights?.name ?? 'no weights';
  const usable = result && input && result.nFrames === nFrames && result.nMels === nMels ? result : null;
  const waiting = input ? 'not processed yet' : 'nothing open';
  return [
    {
      kind: 'input',
      header: input
        ? `input · ${shape} · ${formatSeconds(inputDurationS(input))} · ${melName} · ${input.name}`
        : 'input',
      data: input?.mel.data ?? null,
      placeholder: waiting,
      nMels,
      nFrames,
      colormap: display.colormap,
      range: ranges.shared,
      decimation: 'max',
      receptiveLayers: usable && weights ? weights.layers : null,
    },
    {
      kind: 'output',
      header: usable ? `output = input + residual · ${shape} · ${weightsName}` : 'output',
      data: usable?.output ?? null,
      placeholder: waiting,
      nMels,
      nFrames,
      colormap: display.colormap,
      range: ranges.shared,
      decimation: 'max',
      receptiveLayers: null,
    },
    {
      kind: 'residual',
      header: usable
        ? `residual = postnet(input) · ${shape} · colours ±${ranges.residual.hi.toPrecision(3)} · ran in ${usable.elapsedMs.toFixed(0)} ms`
        : 'residual',
      data: usable?.residual ?? null,
      placeholder: waiting,
      nMels,
      nFrames,
      colormap: display.residualColormap,
      range: ranges.residual,
      decimation: 'absmax',
      receptiveLayers: null,
    },
  ];
}
