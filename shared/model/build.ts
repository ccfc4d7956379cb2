/**
 * TensorMap → Conv1dStack: recognises the layout (a Tacotron 2 post-net or encoder convolutions
 * in NVIDIA, Coqui TTS or ESPnet naming, or an explicit architecture), picks the stack asked for,
 * checks every shape and the chain, and reports what it did not use.
 */
import { ModelBuildError, ShapeMismatchError, formatShape, withSource } from '../errors';
import { toFloat32, type TensorMap } from '../tensor';
import type { StackArchitecture } from './architecture';
import { bandMismatchError } from './bands';
import { keepsFrameCount, frameChangeText } from './frames';
import { resolvePadding } from './geometry';
import { canonicalIndex, canonicalKey } from './keys';
import { describeStack, findStacks, type StackInfo } from './layouts';
import { buildSequential } from './sequential';
import { buildTacotron } from './tacotron';
import { TensorPicker } from './tensor-picker';
import { layoutRole, type Conv1dLayer, type Conv1dStack, type StackRole } from './types';
import { describeWeight, validateChain, validateLayer } from './validate';

export interface BuildOptions {
  /** Mel bands of the spectrogram the stack will run on; the first layer must take this many. */
  nMels?: number;
  /** Names the weights in messages (a file name). */
  sourceName?: string;
  /** For tensors from the explicit layer JSON: the layers they belong to. */
  architecture?: StackArchitecture | null;
  /**
   * Which recognised stack to build when the weights hold several (a full Tacotron 2): the
   * post-net by default, else the only one there is. Asking for one the weights lack is an error.
   */
  stack?: StackRole;
}

export interface BuildResult {
  stack: Conv1dStack;
  /** Unused keys and other things the user should know. */
  warnings: string[];
  /** Keys of the tensors the stack was not built from, in file order. */
  unusedKeys: string[];
  /** Every stack recognised in the tensors (empty for an explicit architecture), post-nets first. */
  stacks: StackInfo[];
  /** The one of `stacks` that was built (null for an explicit architecture). */
  chosen: StackInfo | null;
  /** The encoder's symbol embedding `[n_symbols, channels]` when the encoder was built and it is there. */
  embedding: { key: string; shape: readonly number[]; data: Float32Array } | null;
}

/** Every error it throws starts with the weights' name (`sourceName`, default `weights`). */
export function buildStack(tensors: TensorMap, options: BuildOptions = {}): BuildResult {
  const source = options.sourceName ?? 'weights';
  try {
    if (options.architecture && options.stack) {
      throw new ModelBuildError(
        `an explicit architecture describes its own stack; there is no post-net or encoder to choose`,
      );
    }
    const picker = new TensorPicker(tensors);
    const stacks = options.architecture ? [] : recognise(tensors);
    const chosen = options.architecture ? null : chooseStack(stacks, options.stack);
    const stack = chosen ? buildTacotron(chosen, picker) : buildSequential(options.architecture!, picker);
    for (const layer of stack.layers) validateLayer(layer);
    validateChain(stack.layers);
    checkEnds(stack, options.nMels);
    const embeddingKey = chosen?.embeddingKey ?? null;
    const embeddingTensor = embeddingKey ? tensors.get(embeddingKey)! : null;
    const embedding = embeddingTensor
      ? { key: embeddingKey!, shape: embeddingTensor.shape, data: toFloat32(embeddingTensor) }
      : null;
    const warnings = unusedWarnings(picker, stack, embeddingKey);
    return { stack, warnings, unusedKeys: picker.unused(), stacks, chosen, embedding };
  } catch (error) {
    throw withSource(source, error);
  }
}

/** The recognised stacks; none is an error that shows the first keys. */
function recognise(tensors: TensorMap): StackInfo[] {
  const keys = [...tensors.keys()];
  canonicalIndex(keys); // two keys for one tensor (`x` and `module.x`) is an error
  const stacks = findStacks(tensors);
  if (stacks.length > 0) return stacks;
  const sample = keys.slice(0, 3).map((k) => `'${k}'`);
  const found =
    keys.length === 0
      ? 'no tensors'
      : `${keys.length} keys (${sample.join(', ')}${keys.length > 3 ? ', …' : ''})`;
  throw new ModelBuildError(
    `no Conv1d stack recognised in ${found}; expected Tacotron 2 keys like ` +
      `'postnet.convolutions.0.0.conv.weight' (NVIDIA), 'postnet.convolutions.0.convolution1d.weight' (Coqui TTS) ` +
      `or 'postnet.postnet.0.0.weight' (ESPnet), or an explicit architecture (docs/weights.md)`,
  );
}

const ROLE_NAMES: Readonly<Record<StackRole, string>> = {
  postnet: 'post-net',
  encoder: 'encoder convolutions',
};

/** The stack asked for (the post-net by default); several of one role, or none of it, is an error. */
function chooseStack(stacks: readonly StackInfo[], role: StackRole | undefined): StackInfo {
  const wanted = role ?? (stacks.some((s) => s.role === 'postnet') ? 'postnet' : 'encoder');
  const matching = stacks.filter((s) => s.role === wanted);
  const held = stacks.map(describeStack).join(' and ');
  if (matching.length === 0) {
    throw new ModelBuildError(`no ${ROLE_NAMES[wanted]} in these weights; they hold ${held}`);
  }
  if (matching.length > 1) {
    throw new ModelBuildError(
      `${matching.length} ${ROLE_NAMES[wanted]} stacks in these weights: ${matching.map(describeStack).join(' and ')}; keep one`,
    );
  }
  return matching[0]!;
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
  if (layoutRole(stack.layout) === 'postnet') {
    // The post-nets pad ⌊(k − 1) / 2⌋ on each side: only an even kernel loses a frame.
    const padder = stack.layout === 'tacotron2-postnet' ? 'ConvNorm' : 'the block';
    throw new ModelBuildError(
      `'${layer.keys[0]}' has an even kernel size ${layer.kernelSize}; ${padder} pads ` +
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

function unusedWarnings(picker: TensorPicker, stack: Conv1dStack, embedding: string | null): string[] {
  const unused = picker.unused().filter((key) => !key.endsWith('num_batches_tracked'));
  const warnings: string[] = [];
  if (embedding) {
    const shape = formatShape(picker.tensors.get(embedding)!.shape);
    warnings.push(
      `'${embedding}' ${shape} is not run: the encoder convolutions take the embedded text ` +
        `[${stack.layers[0]!.inChannels}, n_chars] as input, not symbol ids`,
    );
  }
  const rest = unused.filter((key) => key !== embedding);
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
