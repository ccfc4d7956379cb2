/**
 * The microscope's cell as a readable block (`postnet-studio explain` without `--json`): the
 * layer and its arithmetic, the window and filter summarised (not 2,560 numbers), where the
 * products come from (per tap, the largest channels), then the formula with the numbers filled
 * in, step by step, down to the value. Numbers are plain ASCII so a line can be pasted into Python.
 */
import { conv1dRepr, groupThousands } from '../model/print';
import type { Conv1dStack } from '../model/types';
import type { CellExplanation } from './cell';
import type { FrameSpan } from './receptive-field';

export interface TextBlockOptions {
  /** What layer 0 reads: `the input mel [80, 862]` or `the embedded text [512, 19]`. */
  inputName: string;
  /** `frame`, or `char` over text. */
  frameName: string;
  /** Over text: the symbol of each char (`h`, ` `, `@HH`), to show what a window covers. */
  symbols?: readonly string[];
  /** What layer 0's input channels are called in the row sums (`band`, `dim`; default `c`). */
  inputChannelName?: string;
  /** How many channels of the row sums to list (default 5). */
  topChannels?: number;
}

/** 6 significant digits, no exponent for ordinary magnitudes. */
export function num(x: number): string {
  if (x === 0) return '0';
  const abs = Math.abs(x);
  if (abs >= 1e-4 && abs < 1e7) return String(Number(x.toPrecision(6)));
  return x.toExponential(5).replace(/\.?0+e/, 'e');
}

const signedTerm = (x: number): string => (x < 0 ? `- ${num(-x)}` : `+ ${num(x)}`);

function stats(values: ArrayLike<number>): string {
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let squares = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    min = Math.min(min, v);
    max = Math.max(max, v);
    sum += v;
    squares += v * v;
  }
  return `min ${num(min)}, max ${num(max)}, mean ${num(sum / values.length)}, L2 norm ${num(Math.sqrt(squares))}`;
}

function spanText(span: FrameSpan, name: string, symbols?: readonly string[]): string {
  const range = span.first === span.last ? `${name} ${span.first}` : `${name}s ${span.first}…${span.last}`;
  if (!symbols) return range;
  const shown = [];
  for (let i = span.first; i <= span.last; i++) shown.push(i >= 0 && i < symbols.length ? symbols[i]! : '·');
  return `${range} "${shown.join('')}"`;
}

function layerLines(cell: CellExplanation, stack: Conv1dStack): string[] {
  const conv = stack.layers[cell.layer]!;
  const steps = [conv1dRepr(conv), conv.batchNorm ? `BatchNorm1d(${conv.batchNorm.numFeatures})` : null];
  if (conv.activation !== 'identity') steps.push(conv.activation);
  const a = cell.arithmetic;
  const biases = a.biasCount ? ` + ${groupThousands(a.biasCount)} biases` : ' (no bias)';
  return [
    `layer ${cell.layer} (${cell.layerName}): ${steps.filter((s) => s !== null).join(' → ')}`,
    `  [${a.inputShape.join(', ')}] → [${a.outputShape.join(', ')}]: ${a.filterCount} filters of ` +
      `[${a.filterShape.join(', ')}] = ${groupThousands(a.weightCount)} weights${biases}`,
  ];
}

function windowLines(cell: CellExplanation, options: TextBlockOptions): string[] {
  const { window } = cell;
  const [rows, k] = window.shape;
  const channels = `${window.firstChannel}…${window.firstChannel + rows - 1}`;
  const source = cell.layer === 0 ? options.inputName : `layer ${cell.layer - 1}'s output`;
  const taps = window.frames.filter((_, tap) => window.padding[tap]);
  const padding =
    taps.length === 0 ? 'no padding' : `${options.frameName}s ${taps.join(', ')} are padding (zeros)`;
  const span = { first: window.frames[0]!, last: window.frames[k - 1]! };
  const step = k > 1 ? window.frames[1]! - window.frames[0]! : 1;
  const every = step === 1 ? '' : ` step ${step} (dilation)`;
  return [
    `window x[${channels}, ${spanText(span, options.frameName, options.symbols)}${every}] of ${source}: ` +
      `[${rows}, ${k}], ${padding}`,
    `  ${stats(window.values)}`,
    `filter W[${cell.channel}]: [${rows}, ${k}], ${stats(cell.filter)}`,
  ];
}

function productLines(cell: CellExplanation, options: TextBlockOptions): string[] {
  const { window } = cell;
  const perTap = window.frames.map((frame, tap) => `k=${tap} (${frame}) ${num(cell.tapSums[tap]!)}`);
  const top = Math.min(options.topChannels ?? 5, cell.channelSums.length);
  const name = cell.layer === 0 ? (options.inputChannelName ?? 'c') : 'c';
  const order = Array.from(cell.channelSums.keys()).sort(
    (a, b) => Math.abs(cell.channelSums[b]!) - Math.abs(cell.channelSums[a]!),
  );
  const largest = order
    .slice(0, top)
    .map((c) => `${name} ${window.firstChannel + c}: ${num(cell.channelSums[c]!)}`)
    .join(', ');
  return [
    `products W[${cell.channel}] ⊙ window, Σ = ${num(cell.productSum)}`,
    `  per tap (column sums): ${perTap.join(', ')}`,
    `  largest channels (row sums, ${top} of ${cell.channelSums.length}): ${largest}`,
  ];
}

function formulaLines(cell: CellExplanation): string[] {
  const lines = [
    cell.bias === null
      ? `sum = Σ products = ${num(cell.sum)}`
      : `sum = Σ products + bias[${cell.channel}] = ${num(cell.productSum)} ${signedTerm(cell.bias)} = ${num(cell.sum)}`,
  ];
  let before = cell.sum;
  const bn = cell.batchNorm;
  if (bn) {
    lines.push(
      `batch norm = (${num(cell.sum)} ${signedTerm(-bn.runningMean)}) / sqrt(${num(bn.runningVar)} + ${num(bn.eps)})` +
        ` * ${num(bn.weight)} ${signedTerm(bn.bias)} = ${num(bn.normalized)} * ${num(bn.weight)} ` +
        `${signedTerm(bn.bias)} = ${num(bn.value)}`,
    );
    before = bn.value;
  }
  const activation =
    cell.activation === 'identity' ? `${num(before)} (linear)` : `${cell.activation}(${num(before)})`;
  lines.push(`value = ${activation} = ${num(cell.value)}`);
  return lines;
}

/** The readable block, ending with a newline. */
export function explanationText(
  cell: CellExplanation,
  stack: Conv1dStack,
  options: TextBlockOptions,
): string {
  const field = cell.trace.input;
  const width = field.last - field.first + 1;
  const where = options.frameName === 'frame' ? 'input frames' : 'input chars';
  const lines = [
    `out[${cell.channel}, ${cell.frame}] of layer ${cell.layer} = ${num(cell.value)}   ` +
      `(channel ${cell.channel}, ${options.frameName} ${cell.frame})`,
    ...layerLines(cell, stack),
    ...windowLines(cell, options),
    ...productLines(cell, options),
    ...formulaLines(cell),
    `receptive field: ${where} ${field.first}…${field.last} (${width} ${options.frameName}s, unclipped)`,
  ];
  return `${lines.join('\n')}\n`;
}
