/**
 * The stack as `print(model)` shows it in PyTorch 1.13, for the layout the stack reproduces:
 * NVIDIA/tacotron2's Postnet (ModuleList of Sequential(ConvNorm(conv), BatchNorm1d)) and its
 * Encoder's convolutions, Coqui TTS's (ModuleList of ConvBNBlock), ESPnet's Postnet (ModuleList of
 * Sequential(Conv1d, [BatchNorm1d], [Tanh], Dropout)), or an nn.Sequential of Conv1d / BatchNorm1d /
 * Tanh / ReLU. The encoders' LSTM, which is not built, is left out.
 */
import { assertNever } from '../errors';
import { sequentialSlots } from './architecture';
import { pyFloatRepr } from './py-repr';
import type { BatchNorm1dParams, Conv1dHyperparams, Conv1dStack } from './types';

/** What a Conv1d's repr shows: its hyperparameters and whether it has a bias. */
export type Conv1dReprFields = Conv1dHyperparams & { bias: Float32Array | boolean | null };

/** `Conv1d(80, 512, kernel_size=(5,), stride=(1,), padding=(2,))`, fields as `_ConvNd.extra_repr` shows them. */
export function conv1dRepr(layer: Conv1dReprFields): string {
  let text = `Conv1d(${layer.inChannels}, ${layer.outChannels}, kernel_size=(${layer.kernelSize},), stride=(${layer.stride},)`;
  if (layer.padding === 'same') text += ', padding=same';
  else if (layer.padding !== 0) text += `, padding=(${layer.padding},)`;
  if (layer.dilation !== 1) text += `, dilation=(${layer.dilation},)`;
  if (layer.groups !== 1) text += `, groups=${layer.groups}`;
  if (!layer.bias) text += ', bias=False';
  return `${text})`;
}

/** `BatchNorm1d(512, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)`. */
export function batchNorm1dRepr(bn: BatchNorm1dParams): string {
  const affine = bn.affine ? 'True' : 'False';
  return `BatchNorm1d(${bn.numFeatures}, eps=${pyFloatRepr(bn.eps)}, momentum=${pyFloatRepr(bn.momentum)}, affine=${affine}, track_running_stats=True)`;
}

/** A module in the printed tree: a leaf line, or a class name with named children. */
type ModuleNode = string | { className: string; children: [name: string, node: ModuleNode][] };

function render(node: ModuleNode, indent = ''): string {
  if (typeof node === 'string') return node;
  if (node.children.length === 0) return `${node.className}()`;
  const inner = indent + '  ';
  const lines = node.children.map(([name, child]) => `${inner}(${name}): ${render(child, inner)}`);
  return `${node.className}(\n${lines.join('\n')}\n${indent})`;
}

function tacotronTree(stack: Conv1dStack, className: string): ModuleNode {
  const blocks: [string, ModuleNode][] = stack.layers.map((layer, i) => {
    const convNorm: ModuleNode = { className: 'ConvNorm', children: [['conv', conv1dRepr(layer)]] };
    const children: [string, ModuleNode][] = [['0', convNorm]];
    if (layer.batchNorm) children.push(['1', batchNorm1dRepr(layer.batchNorm)]);
    return [String(i), { className: 'Sequential', children }];
  });
  return { className, children: [['convolutions', { className: 'ModuleList', children: blocks }]] };
}

const DROPOUT = 'Dropout(p=0.5, inplace=False)';
const ACTIVATION_REPR = { tanh: 'Tanh()', relu: 'ReLU()', identity: 'Identity()' } as const;

/** Coqui TTS: `ConvBNBlock(convolution1d, batch_normalization, dropout, activation)` per block. */
function coquiTree(stack: Conv1dStack, className: string): ModuleNode {
  const blocks: [string, ModuleNode][] = stack.layers.map((layer, i) => {
    const children: [string, ModuleNode][] = [['convolution1d', conv1dRepr(layer)]];
    if (layer.batchNorm) children.push(['batch_normalization', batchNorm1dRepr(layer.batchNorm)]);
    children.push(['dropout', DROPOUT], ['activation', ACTIVATION_REPR[layer.activation]]);
    return [String(i), { className: 'ConvBNBlock', children }];
  });
  return { className, children: [['convolutions', { className: 'ModuleList', children: blocks }]] };
}

/** ESPnet: `Sequential(Conv1d, [BatchNorm1d], [Tanh], Dropout)` per block. */
function espnetTree(stack: Conv1dStack): ModuleNode {
  const blocks: [string, ModuleNode][] = stack.layers.map((layer, i) => {
    const modules: ModuleNode[] = [conv1dRepr(layer)];
    if (layer.batchNorm) modules.push(batchNorm1dRepr(layer.batchNorm));
    if (layer.activation !== 'identity') modules.push(ACTIVATION_REPR[layer.activation]);
    modules.push(DROPOUT);
    const children = modules.map((node, j): [string, ModuleNode] => [String(j), node]);
    return [String(i), { className: 'Sequential', children }];
  });
  return { className: 'Postnet', children: [['postnet', { className: 'ModuleList', children: blocks }]] };
}

function sequentialTree(stack: Conv1dStack): ModuleNode {
  const children: [string, ModuleNode][] = [];
  const slots = sequentialSlots(stack.layers);
  stack.layers.forEach((layer, i) => {
    const slot = slots[i]!;
    children.push([String(slot.conv), conv1dRepr(layer)]);
    if (layer.batchNorm && slot.batchNorm !== null)
      children.push([String(slot.batchNorm), batchNorm1dRepr(layer.batchNorm)]);
    if (slot.activation !== null)
      children.push([String(slot.activation), layer.activation === 'tanh' ? 'Tanh()' : 'ReLU()']);
  });
  return { className: 'Sequential', children };
}

/** The module tree, exactly as PyTorch 1.13 prints it (no trailing newline). */
export function printModule(stack: Conv1dStack): string {
  switch (stack.layout) {
    case 'tacotron2-postnet':
      return render(tacotronTree(stack, 'Postnet'));
    case 'tacotron2-encoder':
      return render(tacotronTree(stack, 'Encoder'));
    case 'coqui-postnet':
      return render(coquiTree(stack, 'Postnet'));
    case 'coqui-encoder':
      return render(coquiTree(stack, 'Encoder'));
    case 'espnet-postnet':
      return render(espnetTree(stack));
    case 'sequential':
      return render(sequentialTree(stack));
    default:
      return assertNever(stack.layout, 'stack layout');
  }
}

/** Trainable parameters: conv weights and biases, BatchNorm weights and biases (not running stats). */
export function trainableParameters(stack: Conv1dStack): number {
  let total = 0;
  for (const layer of stack.layers) {
    total += layer.weight.length + (layer.bias?.length ?? 0);
    if (layer.batchNorm?.affine) total += 2 * layer.batchNorm.numFeatures;
  }
  return total;
}

/** `4348144` → `4,348,144`. */
export function groupThousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
