/**
 * The words and numbers that explain one Conv1d layer: the filter and weight shapes, the output
 * length for the current input (shared/model/geometry.ts's arithmetic) and the formula. PyTorch's
 * repr comes with the layer (`LayerSummary.repr`). Pure; the layer card only lays them out.
 */
import type { LayerSummary } from '../api/contract';
import { conv1dOutFrames } from '../model/geometry';
import { groupThousands } from '../model/print';

export interface ConvExplanation {
  repr: string;
  /** `[inChannels / groups, kernelSize]`: what one filter spans. */
  filterShape: readonly number[];
  /** `[outChannels, inChannels / groups, kernelSize]`. */
  weightShape: readonly number[];
  weightCount: number;
  /** outChannels, or 0 for a `bias=False` layer. */
  biasCount: number;
  /** `+ 512 biases`, or `no bias: bias=False`. */
  biasNote: string;
  inputShape: readonly number[];
  outputShape: readonly number[];
  /**
   * `out[o, t] = bias[o] + Σ_c Σ_k weight[o, c, k] · x[c, t + k − 2]` with this layer's numbers
   * (no `bias[o] +` for a `bias=False` layer).
   */
  formula: string;
  after: string;
}

export function explainConv1d(layer: LayerSummary, nFrames: number): ConvExplanation {
  const inPerGroup = layer.inChannels / layer.groups;
  const weightShape = [layer.outChannels, inPerGroup, layer.kernelSize];
  const shift = layer.padLeft === 0 ? '' : ` − ${layer.padLeft}`;
  const tap = layer.dilation === 1 ? 'k' : `${layer.dilation}·k`;
  const time = layer.stride === 1 ? 't' : `${layer.stride}·t`;
  const after = [layer.batchNorm ? `BatchNorm1d(${layer.outChannels})` : null, layer.activation]
    .filter((part): part is string => part !== null && part !== 'identity')
    .join(' → ');
  return {
    repr: layer.repr,
    filterShape: [inPerGroup, layer.kernelSize],
    weightShape,
    weightCount: weightShape[0]! * weightShape[1]! * weightShape[2]!,
    biasCount: layer.bias ? layer.outChannels : 0,
    biasNote: layer.bias ? `+ ${groupThousands(layer.outChannels)} biases` : 'no bias: bias=False',
    inputShape: [1, layer.inChannels, nFrames],
    outputShape: [1, layer.outChannels, conv1dOutFrames(layer, nFrames)],
    formula: `out[o, t] = ${biasTerm(layer, 'o')}Σ_c Σ_k weight[o, c, k] · x[c, ${time} + ${tap}${shift}]`,
    after: after === '' ? 'linear (no activation)' : after,
  };
}

/** `bias[o] + `, or nothing for a `bias=False` layer. */
function biasTerm(layer: LayerSummary, out: string): string {
  return layer.bias ? `bias[${out}] + ` : '';
}

/** `−2` with a real minus sign. */
export function signed(n: number): string {
  return n < 0 ? `−${-n}` : `${n}`;
}

export interface FormulaAtCursor {
  /** `out[17, 231] = bias[17] + Σ_c Σ_k weight[17, c, k] · x[c, 229 + k]` */
  equation: string;
  /** `c = 0…511, k = 0…4` */
  ranges: string;
  /** Input frames the sum reads: first, last and the step between taps (the dilation). */
  window: { first: number; last: number; step: number };
  /** `frames 229…233`, `frames 225, 227, …, 233` with a dilation. */
  windowText: string;
  /** Window frames outside 0…T−1: they read the zero padding. */
  paddingFrames: readonly number[];
}

/** Input frames output frame `t` reads: s·t − padLeft, then every d-th frame, k taps. */
function windowAt(layer: LayerSummary, t: number): FormulaAtCursor['window'] {
  const first = layer.stride * t - layer.padLeft;
  const step = layer.dilation;
  return { first, last: first + step * (layer.kernelSize - 1), step };
}

/** `t`, `2·t`, `t−2`, `2·t+4`: s·t plus a constant, with a real minus sign. */
function frameTerm(stride: number, offset: number): string {
  const base = stride === 1 ? 't' : `${stride}·t`;
  if (offset === 0) return base;
  return offset > 0 ? `${base}+${offset}` : `${base}−${-offset}`;
}

/**
 * The diagram's labels while nothing is hovered: output frame `t` and the first and last input
 * frames it reads, as expressions in t (`t−2`, `t+2` for k=5, padding 2; `2·t−2`, `2·t+2` with
 * stride 2), from the same arithmetic as formulaAt's window.
 */
export function idleWindowLabels(layer: LayerSummary): { first: string; last: string; out: string } {
  const { first, last } = windowAt(layer, 0);
  return { first: frameTerm(layer.stride, first), last: frameTerm(layer.stride, last), out: 't' };
}

/**
 * The layer's formula with the cursor's numbers filled in: output frame `t` (in the layer's own
 * frames), output channel `o` (null: left as `o`), and the window of the layer's input it reads,
 * `x[c, s·t − p + d·k]` for k = 0…k−1, of an input `nFramesIn` frames long (zeros outside).
 */
export function formulaAt(
  layer: LayerSummary,
  t: number,
  o: number | null,
  nFramesIn: number,
): FormulaAtCursor {
  const inPerGroup = layer.inChannels / layer.groups;
  const outPerGroup = layer.outChannels / layer.groups;
  const { first, last, step } = windowAt(layer, t);
  const out = o === null ? 'o' : `${o}`;
  let channel = 'c';
  if (layer.groups !== 1)
    channel =
      o === null
        ? `${inPerGroup}·⌊o / ${outPerGroup}⌋ + c`
        : `${inPerGroup * Math.floor(o / outPerGroup)} + c`;
  const tap = step === 1 ? 'k' : `${step}·k`;
  const frames = Array.from({ length: layer.kernelSize }, (_, k) => first + step * k);
  const windowText =
    step === 1
      ? `frames ${signed(first)}…${signed(last)}`
      : `frames ${signed(first)}, ${signed(first + step)}, …, ${signed(last)}`;
  return {
    equation: `out[${out}, ${t}] = ${biasTerm(layer, out)}Σ_c Σ_k weight[${out}, c, k] · x[${channel}, ${signed(first)} + ${tap}]`,
    ranges: `c = 0…${inPerGroup - 1}, k = 0…${layer.kernelSize - 1}`,
    window: { first, last, step },
    windowText,
    paddingFrames: frames.filter((frame) => frame < 0 || frame >= nFramesIn),
  };
}
