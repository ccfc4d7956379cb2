/**
 * TensorMap → Conv1dStack: recognises the layout (Tacotron 2 post-net or encoder convolutions, or
 * an explicit architecture), checks every shape and the chain, and reports what it did not use.
 */
import { ModelBuildError, ShapeMismatchError, formatShape, withSource } from '../errors';
import type { TensorMap } from '../tensor';
import type { StackArchitecture } from './architecture';
import { bandMismatchError } from './bands';
import { keepsFrameCount, frameChangeText } from './frames';
import { resolvePadding } from './geometry';
import { canonicalKey } from './keys';
import { buildSequential } from './sequential';
import { buildTacotron, matchTacotron } from './tacotron';
import { TensorPicker } from './tensor-picker';
import type { Conv1dLayer, Conv1dStack } from './types';
import { describeWeight, validateChain, validateLayer } from './validate';

export interface BuildOptions {
  /** Mel bands of the spectrogram the stack will run on; the first layer must take this many. */
  nMels?: number;
  /** Names the weights in messages (a file name). */
  sourceName?: string;
  /** For tensors from the explicit layer JSON: the layers they belong to. */
  architecture?: StackArchitecture | null;
}

export interface BuildResult {
  stack: Conv1dStack;
  /** Unused keys and other things the user should know. */
  warnings: string[];
  /** Keys of the tensors the stack was not built from, in file order. */
  unusedKeys: string[];
}

/** Every error it throws starts with the weights' name (`sourceName`, default `weights`). */
export function buildStack(tensors: TensorMap, options: BuildOptions = {}): BuildResult {
  const source = options.sourceName ?? 'weights';
  try {
    const picker = new TensorPicker(tensors);
    const stack = options.architecture
      ? buildSequential(options.architecture, picker)
      : buildRecognised(tensors, picker);
    for (const layer of stack.layers) validateLayer(layer);
    validateChain(stack.layers);
    checkEnds(stack, options.nMels);
    return { stack, warnings: unusedWarnings(picker, stack), unusedKeys: picker.unused() };
  } catch (error) {
    throw withSource(source, error);
  }
}

function buildRecognised(tensors: TensorMap, picker: TensorPicker): Conv1dStack {
  const keys = [...tensors.keys()];
  const match = matchTacotron(keys.map(canonicalKey));
  if (!match) {
    const sample = keys.slice(0, 3).map((k) => `'${k}'`);
    const found =
      keys.length === 0
        ? 'no tensors'
        : `${keys.length} keys (${sample.join(', ')}${keys.length > 3 ? ', …' : ''})`;
    throw new ModelBuildError(
      `no Conv1d stack recognised in ${found}; expected Tacotron 2 keys like ` +
        `'postnet.convolutions.0.0.conv.weight', or the explicit layer JSON described in docs/weights.md`,
    );
  }
  return buildTacotron(match, picker);
}

/**
 * The first layer must take nMels channels; a residual stack must give back what it takes, in
 * channels and, at every layer, in frames (see frames.ts).
 */
function checkEnds(stack: Conv1dStack, nMels: number | undefined): void {
  const first = stack.layers[0];
  const last = stack.layers[stack.layers.length - 1];
  if (!first || !last) throw new ModelBuildError('the stack has no layers');
  if (nMels !== undefined && first.inChannels !== nMels) {
    throw bandMismatchError({ stack, nMels, spectrogram: { name: 'the spectrogram' }, when: 'load' });
  }
  if (!stack.residual) return;
  if (last.outChannels !== first.inChannels) {
    throw new ShapeMismatchError(
      `the stack is residual but '${last.keys[0]}' is ${describeShape(last)} and gives ` +
        `${last.outChannels} channels while the input has ${first.inChannels}; they cannot be added`,
    );
  }
  stack.layers.forEach((layer, i) => checkKeepsFrames(stack, layer, i));
}

function describeShape(layer: Conv1dLayer): string {
  return formatShape([layer.outChannels, layer.inChannels / layer.groups, layer.kernelSize]);
}

/** A residual stack adds its output to its input, so each layer must give back T frames. */
function checkKeepsFrames(stack: Conv1dStack, layer: Conv1dLayer, index: number): void {
  const frames = { ...layer, ...resolvePadding(layer.padding, layer.kernelSize, layer.dilation) };
  if (keepsFrameCount(frames)) return;
  if (stack.layout === 'tacotron2-postnet') {
    // Tacotron 2's ConvNorm pads ⌊(k − 1) / 2⌋ on each side: only an even kernel loses a frame.
    throw new ModelBuildError(
      `'${layer.keys[0]}' has an even kernel size ${layer.kernelSize}; ConvNorm pads ` +
        `${frames.padLeft} frames on each side, so the output is a frame shorter than the input ` +
        `and the post-net residual cannot be added; use an odd kernel size`,
    );
  }
  throw new ShapeMismatchError(
    `the stack is residual (output = input + stack(input)), so every layer must give back the T frames ` +
      `it takes, but layer ${index} (${describeWeight(layer)}): ${frameChangeText(frames)}`,
  );
}

/** At most this many unused keys are listed one by one; beyond it they are grouped by first segment. */
const LIST_LIMIT = 6;

function unusedWarnings(picker: TensorPicker, stack: Conv1dStack): string[] {
  const unused = picker.unused().filter((key) => !key.endsWith('num_batches_tracked'));
  const warnings: string[] = [];
  const embedding = unused.find((key) => canonicalKey(key) === 'embedding.weight');
  if (embedding && stack.layout === 'tacotron2-encoder') {
    const shape = formatShape(picker.tensors.get(embedding)!.shape);
    warnings.push(
      `'${embedding}' ${shape} is not run: the encoder convolutions take the embedded text ` +
        `[${stack.layers[0]!.inChannels}, n_chars] as input, not symbol ids`,
    );
  }
  const rest = unused.filter((key) => key !== embedding || stack.layout !== 'tacotron2-encoder');
  if (rest.length <= LIST_LIMIT) {
    for (const key of rest) {
      const shape = formatShape(picker.tensors.get(key)!.shape);
      warnings.push(`unused tensor '${key}' ${shape}: not part of the ${stack.kind}`);
    }
    return warnings;
  }
  const groups = new Map<string, string[]>();
  // Group by first segment, or by two when the first is the stack's own (`encoder.lstm`).
  const ownHeads = new Set(stack.layers.map((layer) => canonicalKey(layer.name).split('.')[0]!));
  for (const key of rest) {
    const segments = canonicalKey(key).split('.');
    const head =
      ownHeads.has(segments[0]!) && segments.length > 2 ? segments.slice(0, 2).join('.') : segments[0]!;
    groups.set(head, [...(groups.get(head) ?? []), key]);
  }
  for (const [head, keys] of groups) {
    const examples = keys
      .slice(0, 2)
      .map((k) => `'${k}'`)
      .join(', ');
    warnings.push(
      keys.length === 1
        ? `unused tensor ${examples}: not part of the ${stack.kind}`
        : `${keys.length} unused tensors under '${head}' (${examples}, …): not part of the ${stack.kind}`,
    );
  }
  return warnings;
}
